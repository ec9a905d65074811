package dev.fakemail.web.internal;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Mailpit's error responses: plain text, 400 for a bad request, 404 for an unknown message. Our own refusals
 * ({@link ApiException}, e.g. from the search parser) keep their status and message; a bug is a 500 that says
 * what broke, as on our routes.
 */
final class MailpitErrors implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(MailpitErrors.class.getName());

    private final HttpHandler next;

    MailpitErrors(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        try {
            next.handleRequest(exchange);
        } catch (MailpitException refused) {
            respond(exchange, refused.status(), refused.getMessage());
        } catch (ApiException refused) {
            respond(exchange, refused.status(), refused.getMessage());
        } catch (RuntimeException bug) {
            LOG.log(Level.WARNING, "Mailpit API failed on " + exchange.getRequestPath(), bug);
            respond(exchange, 500, "internal error: " + bug);
        }
    }

    static void respond(HttpServerExchange exchange, int status, String message) {
        if (exchange.isResponseStarted()) {
            exchange.endExchange();
            return;
        }
        exchange.getResponseHeaders().clear();
        SecurityHeaders.apply(exchange);
        text(exchange, status, message);
    }

    static void text(HttpServerExchange exchange, int status, String body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseSender().send(ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)));
    }
}
