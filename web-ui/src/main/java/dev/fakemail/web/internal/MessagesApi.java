package dev.fakemail.web.internal;

import dev.fakemail.MailControl;
import dev.fakemail.store.ReceivedMessage;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.PathTemplateMatch;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON routes over {@link MailControl}. Runs on worker threads (the handler tree dispatches). */
final class MessagesApi {
    private static final int MAX_ECHOED_ID = 40;

    private final MailControl control;

    MessagesApi(MailControl control) {
        this.control = control;
    }

    /** {@code GET /api/health}: {@code {"status":"ok"}} while the inbox answers. */
    void health(HttpServerExchange exchange) throws Exception {
        Responses.json(exchange, 200, Map.of("status", "ok"));
    }

    /** {@code GET /api/messages}: every received message, oldest first. */
    void list(HttpServerExchange exchange) throws Exception {
        List<MessageSummary> summaries = control.messages().stream().map(MessageSummary::of).toList();
        Responses.json(exchange, 200, summaries);
    }

    /** {@code GET /api/messages/{id}/raw}: the stored bytes as {@code message/rfc822}. */
    void raw(HttpServerExchange exchange) throws Exception {
        String id = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY).getParameters().get("id");
        if (!id.matches("[0-9]+")) {
            String shown = id.length() > MAX_ECHOED_ID ? id.substring(0, MAX_ECHOED_ID) + "..." : id;
            Responses.error(exchange, 400, "message id must be a number, got '" + shown + "'");
            return;
        }
        Optional<ReceivedMessage> message = parseId(id).flatMap(control::message);
        if (message.isEmpty()) {
            Responses.error(exchange, 404, "no message with id " + id);
            return;
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_DISPOSITION,
                "inline; filename=\"message-" + message.get().id() + ".eml\"");
        // Raw mail is never a document of this origin: no scripts, no same-origin access, whatever a browser makes of it.
        exchange.getResponseHeaders().put(HttpString.tryFromString("Content-Security-Policy"),
                "default-src 'none'; sandbox");
        Responses.bytes(exchange, "message/rfc822", message.get().bytes());
    }

    private static Optional<Long> parseId(String digits) {
        try {
            return Optional.of(Long.parseLong(digits));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }
}
