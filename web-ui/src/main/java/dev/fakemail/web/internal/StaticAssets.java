package dev.fakemail.web.internal;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The page's files, read once from the jar. Only the files listed here are served: no directory listing, no
 * path from the request ever reaches the class loader.
 */
final class StaticAssets {
    private static final String FOLDER = "/dev/fakemail/web/static/";

    private record Asset(String contentType, byte[] bytes) {
    }

    private final Map<String, Asset> byPath;

    private StaticAssets(Map<String, Asset> byPath) {
        this.byPath = byPath;
    }

    static StaticAssets load() {
        Map<String, Asset> byPath = new LinkedHashMap<>();
        byPath.put("/", read("index.html", "text/html; charset=utf-8"));
        byPath.put("/inbox.js", read("inbox.js", "text/javascript; charset=utf-8"));
        byPath.put("/inbox.css", read("inbox.css", "text/css; charset=utf-8"));
        return new StaticAssets(Map.copyOf(byPath));
    }

    Set<String> paths() {
        return byPath.keySet();
    }

    void serve(String path, HttpServerExchange exchange) {
        Asset asset = byPath.get(path);
        Responses.bytes(exchange, asset.contentType(), asset.bytes());
    }

    private static Asset read(String name, String contentType) {
        try (InputStream in = StaticAssets.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("web asset " + FOLDER + name + " is missing from the classpath");
            }
            return new Asset(contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read web asset " + name, e);
        }
    }
}
