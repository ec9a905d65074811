package dev.fakemail.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How an isolated inbox is created ({@code POST /api/inboxes}): which mail it takes (by recipient domain,
 * {@code +tag} sub-address, SMTP AUTH login or a header), optionally its id and how long it may stay idle.
 *
 * <pre>{@code
 * RemoteInbox inbox = client.createInbox(InboxSpec.recipientDomain("job42.test").idleTimeout(Duration.ofMinutes(30)));
 * }</pre>
 */
public final class InboxSpec {
    private final Map<String, Object> json;

    private InboxSpec(Map<String, Object> json) {
        this.json = json;
    }

    /** Mail to any address at this domain ({@code bob@job42.test}). */
    public static InboxSpec recipientDomain(String domain) {
        return of("recipientDomain", domain);
    }

    /** Mail to a {@code +tag} sub-address ({@code bob+job42@example.test}). */
    public static InboxSpec tag(String tag) {
        return of("tag", tag);
    }

    /** Mail from sessions that authenticated (SMTP AUTH) with this login. */
    public static InboxSpec login(String login) {
        return of("login", login);
    }

    /** Mail carrying this header field with this value. */
    public static InboxSpec header(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("name", name);
        header.put("value", value);
        return of("header", header);
    }

    /** The inbox's id (the server picks one otherwise). */
    public InboxSpec id(String id) {
        return with("id", Objects.requireNonNull(id, "id"));
    }

    /** The inbox is deleted after this long without use (the server's default otherwise). */
    public InboxSpec idleTimeout(Duration idle) {
        return with("idleTimeout", idle.toString());
    }

    /** The request body, as {@code POST /api/inboxes} takes it. */
    public Map<String, Object> toJson() {
        return Map.copyOf(json);
    }

    private static InboxSpec of(String key, Object value) {
        Objects.requireNonNull(value, key);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(key, value);
        return new InboxSpec(json);
    }

    private InboxSpec with(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(json);
        more.put(key, value);
        return new InboxSpec(more);
    }

    @Override
    public String toString() {
        return json.toString();
    }
}
