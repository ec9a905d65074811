package dev.fakemail.web.internal;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Mailpit's plain-text answers: {@code ok} for a change, and errors as text (400 with the reason, 404 with
 * {@value #PAGE_NOT_FOUND} for an unknown ID, or "Message not found" where Mailpit says so). Routes refuse with
 * an {@link ApiException}; {@link JsonErrors} writes it with {@link #error}.
 */
final class MailpitText {
    /** What Mailpit's router answers for an unknown message (and any unknown path). */
    static final String PAGE_NOT_FOUND = "404 page not found";

    private MailpitText() {
    }

    static void ok(HttpServerExchange exchange) {
        text(exchange, 200, "ok");
    }

    static void error(HttpServerExchange exchange, int status, String message) {
        text(exchange, status, message);
    }

    static void text(HttpServerExchange exchange, int status, String body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseSender().send(ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)));
    }
}
