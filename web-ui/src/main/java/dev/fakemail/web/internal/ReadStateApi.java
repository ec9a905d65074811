package dev.fakemail.web.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Read state, set explicitly (opening a message marks it read by itself): {@code PUT /api/messages/{id}/read}
 * with {@code {"read": true|false}}, and {@code PUT /api/messages/read} for many at once, chosen by
 * {@code "ids"} or by a search {@code "q"} (neither: all messages). PUT, because the body states the wanted
 * state: sending it twice changes nothing more. Run on worker threads.
 */
final class ReadStateApi {
    /** 100,000 ids as JSON numbers fit well below this. */
    private static final int MAX_BODY = 4 * 1024 * 1024;
    private static final Set<String> ONE_FIELDS = Set.of("read");
    private static final Set<String> MANY_FIELDS = Set.of("read", "ids", "q");

    private final MessageIndex index;

    ReadStateApi(MessageIndex index) {
        this.index = index;
    }

    /** The state of one message after a change: what {@code PUT /api/messages/{id}/read} answers. */
    record MessageReadState(long id, boolean read, int unread) {
    }

    /** {@code PUT /api/messages/{id}/read}: {@code {"read": true|false}}; 404 for an unknown message. */
    void markOne(HttpServerExchange exchange) throws Exception {
        long id = Params.messageId(exchange);
        JsonNode body = body(exchange, ONE_FIELDS);
        boolean read = readFlag(body);
        MessageIndex.ReadMarks marks = index.markRead(all -> {
            int position = MessageIndex.indexOf(all, id);
            if (position < 0) {
                throw ApiException.notFound("no message with id " + Params.path(exchange, "id"));
            }
            return List.of(all.get(position));
        }, read);
        Responses.json(exchange, 200, new MessageReadState(id, read, marks.unread()));
    }

    /**
     * What {@code PUT /api/messages/read} answers.
     *
     * @param matched how many messages the request named or its search matched
     * @param changed how many of them were in the other state before
     * @param unread how many stored messages are unread now
     */
    record ManyReadState(boolean read, int matched, int changed, int unread) {
    }

    /**
     * {@code PUT /api/messages/read}: {@code {"read": true, "ids": [1, 2]}}, {@code {"read": true, "q": "from:shop"}}
     * or {@code {"read": true}} for all. Unknown ids are refused with a 404 that names them, and nothing changes.
     */
    void markMany(HttpServerExchange exchange) throws Exception {
        JsonNode body = body(exchange, MANY_FIELDS);
        boolean read = readFlag(body);
        JsonNode ids = body.get("ids");
        JsonNode q = body.get("q");
        long[] wanted = ids == null ? new long[0] : ids(ids); // checked first: "ids": "1" must not mean all
        if (wanted.length > 0 && q != null) {
            throw ApiException.badRequest("give either \"ids\" or \"q\", not both");
        }
        MessageIndex.ReadMarks marks;
        if (q != null) {
            if (!q.isTextual()) {
                throw ApiException.badRequest("\"q\" must be a search string such as \"from:shop is:unread\"");
            }
            SearchQuery query = SearchQuery.parse(q.asText());
            marks = index.markRead(all -> {
                List<MessageSummary> picked = new ArrayList<>();
                for (int position : SearchScan.matches(all, query)) {
                    picked.add(all.get(position));
                }
                return picked;
            }, read);
        } else if (wanted.length > 0) {
            marks = index.markRead(all -> byIds(all, wanted), read);
        } else {
            marks = index.markRead(all -> all, read);
        }
        Responses.json(exchange, 200, new ManyReadState(read, marks.matched(), marks.changed(), marks.unread()));
    }

    private static List<MessageSummary> byIds(List<MessageSummary> all, long[] ids) {
        List<MessageSummary> picked = new ArrayList<>(ids.length);
        List<Long> unknown = new ArrayList<>();
        for (long id : ids) {
            int position = MessageIndex.indexOf(all, id);
            if (position < 0) {
                unknown.add(id);
            } else {
                picked.add(all.get(position));
            }
        }
        if (!unknown.isEmpty()) {
            String list = unknown.toString();
            throw ApiException.notFound("no message with id " + Params.shown(list.substring(1, list.length() - 1))
                    + " (nothing was changed)");
        }
        return picked;
    }

    private static long[] ids(JsonNode ids) {
        if (!ids.isArray()) {
            throw ApiException.badRequest("\"ids\" must be an array of message ids, such as [1, 2]");
        }
        long[] wanted = new long[ids.size()];
        for (int i = 0; i < wanted.length; i++) {
            JsonNode id = ids.get(i);
            if (!id.isIntegralNumber() || id.asLong() < 0) {
                throw ApiException.badRequest("\"ids\" must hold message ids (whole numbers), got "
                        + Params.shown(id.toString()) + " at [" + i + "]");
            }
            wanted[i] = id.canConvertToLong() ? id.asLong() : Long.MAX_VALUE;
        }
        return wanted;
    }

    private static boolean readFlag(JsonNode body) {
        JsonNode read = body.get("read");
        if (read == null || !read.isBoolean()) {
            throw ApiException.badRequest("the body needs \"read\": true or false, e.g. {\"read\": true}");
        }
        return read.asBoolean();
    }

    /** The request's JSON object; unknown fields are refused, so a typo ("id" for "ids") does not mean "all". */
    private static JsonNode body(HttpServerExchange exchange, Set<String> fields) throws IOException {
        byte[] bytes = Params.body(exchange, MAX_BODY, "a read state request");
        JsonNode body;
        try {
            body = bytes.length == 0 ? null : Responses.JSON.readTree(bytes);
        } catch (JsonProcessingException malformed) {
            throw ApiException.badRequest("the body is not JSON: " + malformed.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object such as {\"read\": true}");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw ApiException.badRequest("unknown field \"" + Params.shown(name) + "\" (fields: "
                        + String.join(", ", fields.stream().sorted().toList()) + ")");
            }
        }
        return body;
    }
}
