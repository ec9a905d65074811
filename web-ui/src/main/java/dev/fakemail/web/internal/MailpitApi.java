package dev.fakemail.web.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Mailpit's API v1 over our message index: list, search, one message (read on fetch, as in Mailpit), headers,
 * read state, delete ({@link MailpitContent} serves what messages contain). IDs are our ids as strings; every message
 * route also takes {@code latest} (the newest message, or the newest matching {@code ?query=}). Run on worker
 * threads; refusals are {@link ApiException}s, answered as plain text.
 */
final class MailpitApi {
    /** Mailpit has no upper bound; a page this long is still a few megabytes of JSON. */
    static final int MAX_LIMIT = 10_000;
    private static final int MAX_BODY = 4 * 1024 * 1024;

    private final MessageIndex index;
    private final MessagesApi messages;

    MailpitApi(MessageIndex index, MessagesApi messages) {
        this.index = index;
        this.messages = messages;
    }

    /** {@code GET /api/v1/messages?start=&limit=&before=}: newest first. */
    void list(HttpServerExchange exchange) throws Exception {
        page(exchange, null);
    }

    /** {@code GET /api/v1/search?query=&start=&limit=&tz=}. */
    void search(HttpServerExchange exchange) throws Exception {
        page(exchange, requiredSearch(exchange));
    }

    private void page(HttpServerExchange exchange, MailpitSearch search) throws Exception {
        int start = lenientInt(Params.query(exchange, "start"), 0);
        int limit = Math.min(lenientInt(Params.query(exchange, "limit"), 50), MAX_LIMIT);
        // Mailpit's list reads limit=0 as "no limit" (and then skips nothing); its search as an empty page.
        boolean everything = search == null && limit == 0;
        int skip = everything ? 0 : start;
        int take = everything ? MAX_LIMIT : limit;
        long before = beforeMillis(Params.query(exchange, "before"));
        MailpitJson.Summaries page = index.read(all -> {
            List<MessageSummary> picked = new ArrayList<>();
            int matched = 0;
            int matchedUnread = 0;
            for (int i = all.size() - 1; i >= 0; i--) {
                MessageSummary message = all.get(i);
                if (message.receivedAtMillis >= before || search != null && !search.matches(message)) {
                    continue;
                }
                if (matched >= skip && picked.size() < take) {
                    picked.add(message);
                }
                matched++;
                if (!message.read) {
                    matchedUnread++;
                }
            }
            int total = all.size();
            int unread = index.unread();
            List<MailpitJson.Summary> entries = picked.stream().map(MailpitMessages::summary).toList();
            return search == null
                    ? new MailpitJson.Summaries(total, unread, entries.size(), total, unread, start, List.of(), entries)
                    : new MailpitJson.Summaries(total, unread, entries.size(), matched, matchedUnread, start,
                            List.of(), entries);
        });
        Responses.json(exchange, 200, page);
    }

    /** {@code DELETE /api/v1/search?query=}: deletes the matching messages. */
    void deleteSearch(HttpServerExchange exchange) {
        MailpitSearch search = requiredSearch(exchange);
        long[] ids = index.read(all -> all.stream().filter(search::matches).mapToLong(message -> message.id)
                .toArray());
        messages.deleteIds(ids);
        MailpitText.ok(exchange);
    }

    /** {@code GET /api/v1/message/{ID}}: the message, which is marked read (Mailpit does so too). */
    void message(HttpServerExchange exchange) throws Exception {
        MessageSummary summary = resolve(exchange);
        if (!summary.read) {
            index.markRead(all -> {
                int position = MessageIndex.indexOf(all, summary.id);
                return position < 0 ? List.of() : List.of(all.get(position));
            }, true);
        }
        Responses.json(exchange, 200, MailpitMessages.message(summary));
    }

    /** {@code GET /api/v1/message/{ID}/headers}. */
    void headers(HttpServerExchange exchange) throws Exception {
        Responses.json(exchange, 200, MailpitMessages.headers(resolve(exchange).message));
    }

    /**
     * {@code PUT /api/v1/messages}: {@code {"Read": true, "IDs": [...]}} or {@code {"Read": true, "Search": "..."}};
     * neither (or {@code "IDs": []}) means every message. Unknown IDs are skipped, as in Mailpit.
     */
    void setRead(HttpServerExchange exchange) throws Exception {
        JsonNode body = body(exchange);
        if (body == null || !body.isObject()) {
            throw new ApiException(400, body == null ? "EOF" : "the body must be a JSON object");
        }
        boolean read = body.path("Read").asBoolean(false);
        List<Long> ids = ids(body.get("IDs"));
        String search = body.path("Search").asText("").trim();
        if (!ids.isEmpty() && !search.isEmpty()) {
            throw new ApiException(400, "You may specify either IDs or a search query, not both");
        }
        if (!search.isEmpty()) {
            MailpitSearch matching = MailpitSearch.parse(search, Params.query(exchange, "tz"));
            index.markRead(all -> all.stream().filter(matching::matches).toList(), read);
        } else if (ids.isEmpty()) {
            index.markRead(all -> all, read);
        } else {
            index.markRead(all -> known(all, ids), read);
        }
        MailpitText.ok(exchange);
    }

    /** {@code DELETE /api/v1/messages}: {@code {"IDs": [...]}}; no body, {@code {}} or {@code "IDs": []}: all. */
    void delete(HttpServerExchange exchange) throws Exception {
        JsonNode body = body(exchange);
        List<Long> ids = body == null || !body.isObject() ? List.of() : ids(body.get("IDs"));
        if (body != null && !body.isObject() && !body.isNull()) {
            throw new ApiException(400, "the body must be a JSON object such as {\"IDs\": [\"1\"]}");
        }
        messages.deleteIds(ids.isEmpty() ? index.read(all -> all.stream().mapToLong(message -> message.id).toArray())
                : ids.stream().mapToLong(Long::longValue).toArray());
        MailpitText.ok(exchange);
    }

    private static List<MessageSummary> known(List<MessageSummary> all, List<Long> ids) {
        List<MessageSummary> picked = new ArrayList<>();
        for (long id : ids) {
            int position = MessageIndex.indexOf(all, id);
            if (position >= 0) {
                picked.add(all.get(position));
            }
        }
        return picked;
    }

    /** IDs as Mailpit's clients send them (strings); numbers are taken too. An ID that is not ours is skipped. */
    private static List<Long> ids(JsonNode ids) {
        if (ids == null || ids.isNull()) {
            return List.of();
        }
        if (!ids.isArray()) {
            throw new ApiException(400, "IDs must be an array of message IDs such as [\"1\", \"2\"]");
        }
        List<Long> parsed = new ArrayList<>();
        for (JsonNode id : ids) {
            String text = id.isTextual() || id.isIntegralNumber() ? id.asText() : "";
            if (text.matches("[0-9]{1,18}")) {
                parsed.add(Long.parseLong(text));
            } else if (!id.isTextual()) {
                throw new ApiException(400, "IDs must hold message IDs (strings), got " + Params.shown(id.toString()));
            }
        }
        return parsed;
    }

    /** The message the path's {@code {id}} names, or the newest one for {@code latest}. */
    MessageSummary resolve(HttpServerExchange exchange) {
        return resolve(exchange, Params.path(exchange, "id"), MailpitText.PAGE_NOT_FOUND);
    }

    /** @param unknownText what a 404 for an unknown ID says (Mailpit's views and API routes differ) */
    MessageSummary resolve(HttpServerExchange exchange, String id, String unknownText) {
        if ("latest".equals(id)) {
            String query = Params.query(exchange, "query");
            MailpitSearch search = query == null || query.isBlank() ? null
                    : MailpitSearch.parse(query.trim(), Params.query(exchange, "tz"));
            MessageSummary newest = index.read(all -> {
                for (int i = all.size() - 1; i >= 0; i--) {
                    if (search == null || search.matches(all.get(i))) {
                        return all.get(i);
                    }
                }
                return null;
            });
            if (newest == null) {
                throw new ApiException(404, "Message not found");
            }
            return newest;
        }
        if (id == null || !id.matches("[0-9]{1,18}")) {
            throw new ApiException(404, unknownText); // Mailpit's IDs are any string: another shape is unknown
        }
        return index.byId(Long.parseLong(id)).orElseThrow(() -> new ApiException(404, unknownText));
    }

    private static MailpitSearch requiredSearch(HttpServerExchange exchange) {
        String query = Params.query(exchange, "query");
        if (query == null || query.isBlank()) {
            throw new ApiException(400, "Error: no search query");
        }
        return MailpitSearch.parse(query.trim(), Params.query(exchange, "tz"));
    }

    /** Mailpit ignores start and limit values it cannot read (or negative ones) and takes the default. */
    private static int lenientInt(String value, int fallback) {
        if (value == null || !value.matches("[0-9]{1,9}")) {
            return fallback;
        }
        return Integer.parseInt(value);
    }

    /** {@code before=}: only messages received before then (a date or time as in search); unreadable: ignored. */
    private static long beforeMillis(String value) {
        Instant before = value == null ? null : MailpitSearch.instant(value.trim(), java.time.ZoneOffset.UTC);
        return before == null ? Long.MAX_VALUE : before.toEpochMilli();
    }

    /** The JSON body, or null when there is none (a DELETE without body means all). */
    static JsonNode body(HttpServerExchange exchange) throws IOException {
        byte[] bytes = Params.body(exchange, MAX_BODY, "a request body");
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            return null;
        }
        try {
            return Responses.JSON.readTree(bytes);
        } catch (JsonProcessingException malformed) {
            throw new ApiException(400, malformed.getOriginalMessage());
        }
    }

    /** {@code GET /api/v1/tags}: fakemail has no tags, so the list is empty. */
    void tags(HttpServerExchange exchange) throws Exception {
        Responses.json(exchange, 200, List.of());
    }
}
