package dev.fakemail.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * An isolated inbox as the server describes it ({@code GET /api/inboxes/{id}}).
 *
 * @param route "recipient-domain", "tag", "login" or "header"
 * @param value the domain, tag, login or header value it matches
 * @param headerName the header field's name for the header route, else empty
 * @param howToReach what to do to send mail into it, in words
 * @param mailboxLogin the POP3/IMAP user name form, e.g. "job-42/&lt;user&gt;"
 * @param messages how many messages it holds
 */
public record InboxInfo(String id, String route, String value, Optional<String> headerName, String howToReach,
        String mailboxLogin, Instant createdAt, Instant lastUsedAt, Duration idleTimeout, int messages) {

    static InboxInfo of(JsonNode json) {
        JsonNode header = json.path("headerName");
        return new InboxInfo(json.get("id").asText(), json.path("route").asText(), json.path("value").asText(),
                header.isTextual() ? Optional.of(header.asText()) : Optional.empty(), json.path("howToReach").asText(),
                json.path("mailboxLogin").asText(), Instant.parse(json.get("createdAt").asText()),
                Instant.parse(json.get("lastUsedAt").asText()), Duration.parse(json.get("idleTimeout").asText()),
                json.path("messages").asInt());
    }
}
