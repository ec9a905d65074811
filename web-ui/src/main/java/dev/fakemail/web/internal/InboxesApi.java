package dev.fakemail.web.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.FakeMailServer;
import dev.fakemail.Inbox;
import dev.fakemail.InboxSpec;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/inboxes}: create, list, read and delete the server's isolated inboxes. Every other route takes
 * {@code ?inbox=<id>} to act on one of them.
 */
final class InboxesApi {
    private static final int MAX_BODY = 16 * 1024;

    private final FakeMailServer server;

    /** @param server null when the inbox runs over a control that is not an in-process server */
    InboxesApi(FakeMailServer server) {
        this.server = server;
    }

    record InboxJson(String id, String route, String value, String headerName, String howToReach, String apiQuery,
            String mailboxLogin, String createdAt, String lastUsedAt, String idleTimeout, int messages) {
    }

    void list(HttpServerExchange exchange) throws Exception {
        List<InboxJson> inboxes = server().inboxes().list().stream().map(InboxesApi::json).toList();
        Responses.json(exchange, 200, Map.of("inboxes", inboxes));
    }

    void get(HttpServerExchange exchange) throws Exception {
        Responses.json(exchange, 200, json(find(Params.path(exchange, "id"))));
    }

    void delete(HttpServerExchange exchange) throws Exception {
        String id = Params.path(exchange, "id");
        if (!server().inboxes().delete(id)) {
            throw ApiException.notFound("no inbox with id " + Params.shown(id));
        }
        Responses.noContent(exchange);
    }

    void create(HttpServerExchange exchange) throws Exception {
        JsonNode body = body(exchange);
        Inbox inbox;
        try {
            inbox = server().inboxes().create(spec(body));
        } catch (IllegalArgumentException invalid) {
            throw new ApiException(invalid.getMessage().startsWith("inbox ") ? 409 : 400, invalid.getMessage());
        } catch (IllegalStateException full) {
            throw new ApiException(429, full.getMessage());
        }
        Responses.json(exchange, 201, json(inbox));
    }

    /** The inbox a request names with {@code ?inbox=}, kept alive by the request. */
    Optional<Inbox> named(String id) {
        if (server == null) {
            return Optional.empty();
        }
        Optional<Inbox> inbox = server.inboxes().get(id);
        inbox.ifPresent(Inbox::keepAlive);
        return inbox;
    }

    private Inbox find(String id) {
        return server().inboxes().get(id)
                .orElseThrow(() -> ApiException.notFound("no inbox with id " + Params.shown(id)));
    }

    private FakeMailServer server() {
        if (server == null) {
            throw ApiException.notFound("isolated inboxes need the web inbox of an in-process FakeMailServer");
        }
        return server;
    }

    static InboxSpec spec(JsonNode body) {
        if (!body.isObject()) {
            throw ApiException.badRequest("send a JSON object, e.g. {\"tag\":\"job42\"}");
        }
        InboxSpec spec = null;
        int routes = 0;
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            JsonNode value = body.get(name);
            switch (name) {
                case "recipientDomain" -> { spec = InboxSpec.recipientDomain(text(value, name)); routes++; }
                case "tag" -> { spec = InboxSpec.tag(text(value, name)); routes++; }
                case "login" -> { spec = InboxSpec.login(text(value, name)); routes++; }
                case "header" -> {
                    if (!value.isObject() || !value.path("name").isTextual() || !value.path("value").isTextual()
                            || value.size() != 2) {
                        throw ApiException.badRequest("header: give {\"name\":\"X-Inbox\",\"value\":\"job42\"}");
                    }
                    spec = InboxSpec.header(value.get("name").asText(), value.get("value").asText());
                    routes++;
                }
                case "id", "idleTimeout" -> { }
                default -> throw ApiException.badRequest("unknown field '" + Params.shown(name)
                        + "'; an inbox has one of recipientDomain, tag, login, header, and optionally id, idleTimeout");
            }
        }
        if (routes != 1) {
            throw ApiException.badRequest("give exactly one route: recipientDomain, tag, login or header");
        }
        if (body.has("id")) {
            spec = spec.id(text(body.get("id"), "id"));
        }
        if (body.has("idleTimeout")) {
            spec = spec.idleTimeout(duration(text(body.get("idleTimeout"), "idleTimeout")));
        }
        return spec;
    }

    private static Duration duration(String text) {
        try {
            return Duration.parse(text.startsWith("P") || text.startsWith("p") ? text : "PT" + text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("idleTimeout: an ISO-8601 duration (PT30M) or 30m, 2h, 90s: "
                    + Params.shown(text));
        }
    }

    private static String text(JsonNode value, String field) {
        if (value == null || !value.isTextual()) {
            throw ApiException.badRequest(field + " must be a string");
        }
        return value.asText();
    }

    static InboxJson json(Inbox inbox) {
        InboxSpec spec = inbox.spec();
        String reach = switch (spec.route()) {
            case RECIPIENT_DOMAIN -> "send to any address @" + spec.value();
            case TAG -> "send to any address with +" + spec.value() + " after its local part, e.g. bob+"
                    + spec.value() + "@example.test";
            case LOGIN -> "log in with SMTP AUTH as " + spec.value();
            case HEADER -> "send mail with the header field " + spec.headerName().orElseThrow() + ": " + spec.value();
        };
        return new InboxJson(inbox.id(), spec.route().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                spec.value(), spec.headerName().orElse(null), reach, "inbox=" + inbox.id(),
                inbox.id() + "/<user>", inbox.createdAt().toString(), inbox.lastUsedAt().toString(),
                inbox.idleTimeout().toString(), inbox.store().received().size());
    }

    private static JsonNode body(HttpServerExchange exchange) throws IOException {
        exchange.startBlocking();
        byte[] bytes;
        try (InputStream in = exchange.getInputStream()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            throw new ApiException(413, "an inbox request is at most " + MAX_BODY + " bytes");
        }
        if (bytes.length == 0) {
            throw ApiException.badRequest("send the inbox as JSON, e.g. {\"tag\":\"job42\"}");
        }
        try {
            return Responses.JSON.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException malformed) {
            throw ApiException.badRequest("inbox JSON: " + malformed.getOriginalMessage());
        }
    }
}
