package dev.fakemail.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The API as one inbox sees it: every request carries its {@code inbox} parameter, or none for the server's
 * default inbox.
 *
 * @param inboxId the isolated inbox, or null for the server's default inbox
 */
public record InboxApi(Api api, String inboxId) {
    /** The query parameters that choose this inbox ({@code ?inbox=id}, or none). */
    public Map<String, String> scope() {
        return inboxId == null ? Map.of() : Map.of("inbox", inboxId);
    }

    /** GET expecting 200, as JSON. */
    public JsonNode getJson(String path) {
        return api.getJson(path, scope());
    }

    /** Sends, expecting one of the statuses; anything else throws with the server's error text. */
    public Api.Response expect(String method, String path, Object jsonBody, int... statuses) {
        return api.expect(method, path, scope(), jsonBody, statuses);
    }
}
