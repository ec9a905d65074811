package dev.fakemail.web.internal;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns what a route throws into an error response: an {@link ApiException} into its status and message, anything
 * else into a 500 that names the failure (a developer tool should say what broke, not hide it). The body is JSON,
 * {@code {"error": "..."}}, or for Mailpit's routes plain text as Mailpit writes it.
 */
final class JsonErrors implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(JsonErrors.class.getName());

    /** Writes an error's body; the status and the security headers are set already. */
    interface Body {
        void write(HttpServerExchange exchange, int status, String message) throws Exception;
    }

    private final HttpHandler next;
    private final Body body;

    JsonErrors(HttpHandler next) {
        this(next, Responses::error);
    }

    JsonErrors(HttpHandler next, Body body) {
        this.next = next;
        this.body = body;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        try {
            next.handleRequest(exchange);
        } catch (ApiException refused) {
            respond(exchange, refused.status(), refused.getMessage());
        } catch (RuntimeException bug) {
            LOG.log(Level.WARNING, "web inbox failed on " + exchange.getRequestPath(), bug);
            respond(exchange, 500, "internal error: " + bug);
        }
    }

    private void respond(HttpServerExchange exchange, int status, String message) throws Exception {
        if (exchange.isResponseStarted()) {
            exchange.endExchange(); // too late for a status: cut the response short instead of lying
            return;
        }
        exchange.getResponseHeaders().clear();
        SecurityHeaders.apply(exchange);
        body.write(exchange, status, message);
    }
}
