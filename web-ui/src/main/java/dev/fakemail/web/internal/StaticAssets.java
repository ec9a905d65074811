package dev.fakemail.web.internal;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The page's files, read once from the jar. Only the files listed here are served: no directory listing, no
 * path from the request ever reaches the class loader. A new page module (e.g. the faults page) is one more
 * name in {@link #SCRIPTS}.
 */
final class StaticAssets {
    private static final String FOLDER = "/dev/fakemail/web/static/";
    private static final List<String> SCRIPTS = List.of("app.js", "api.js", "dom.js", "format.js", "live.js",
            "keys.js", "pages.js", "inbox.js", "message.js", "sessions.js", "mailboxes.js",
            "faults.js", "dns.js", "firstrun.js", "selection.js", "notify.js", "htmlsource.js", "links.js", "auth.js");

    private record Asset(String contentType, byte[] bytes) {
    }

    private final Map<String, Asset> byPath;

    private StaticAssets(Map<String, Asset> byPath) {
        this.byPath = byPath;
    }

    static StaticAssets load() {
        Map<String, Asset> byPath = new LinkedHashMap<>();
        byPath.put("/", read("index.html", "text/html; charset=utf-8"));
        byPath.put("/inbox.css", read("inbox.css", "text/css; charset=utf-8"));
        byPath.put("/favicon.svg", read("favicon.svg", "image/svg+xml"));
        byPath.put("/paperclip.svg", read("paperclip.svg", "image/svg+xml"));
        for (String script : SCRIPTS) {
            byPath.put("/js/" + script, read("js/" + script, "text/javascript; charset=utf-8"));
        }
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
