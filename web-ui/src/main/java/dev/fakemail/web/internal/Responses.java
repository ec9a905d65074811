package dev.fakemail.web.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.util.Map;

/** Writes JSON and error responses. Errors are JSON too: {@code {"error": "..."}}. */
final class Responses {
    static final ObjectMapper JSON = new ObjectMapper();

    private Responses() {
    }

    static void json(HttpServerExchange exchange, int status, Object body) throws JsonProcessingException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(ByteBuffer.wrap(bytes));
    }

    static void error(HttpServerExchange exchange, int status, String message) throws JsonProcessingException {
        json(exchange, status, Map.of("error", message));
    }

    static void bytes(HttpServerExchange exchange, String contentType, byte[] body) {
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }

    static void noContent(HttpServerExchange exchange) {
        exchange.setStatusCode(204);
        exchange.endExchange();
    }
}
