package dev.fakemail.web.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3.1 description of the JSON API, written by hand beside the code
 * (resource {@code dev/fakemail/web/openapi.json}) with the inbox's version filled in; a test fails the build
 * when a route is missing from it.
 */
final class OpenApi {
    static final String RESOURCE = "/dev/fakemail/web/openapi.json";

    private final byte[] document;

    private OpenApi(byte[] document) {
        this.document = document;
    }

    static OpenApi load() {
        try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the web inbox jar lacks " + RESOURCE);
            }
            // Parsed once at start: a broken document fails the inbox's start (and every test), not a client later.
            ObjectNode document = (ObjectNode) Responses.JSON.readTree(in);
            ((ObjectNode) document.get("info")).put("version", InfoApi.version()); // what /api/info says
            return new OpenApi(Responses.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(document));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Bytes in memory: answered on the IO thread. */
    void serve(HttpServerExchange exchange) {
        Responses.bytes(exchange, "application/json", document);
    }
}
