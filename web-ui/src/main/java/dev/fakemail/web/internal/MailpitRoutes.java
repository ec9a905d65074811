package dev.fakemail.web.internal;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Mounts Mailpit's API v1 beside our own routes: {@code /api/v1/...} and {@code /view/{ID}.html|.txt}, answering
 * as Mailpit does (plain-text errors, "ok" bodies). What fakemail does not do answers as Mailpit does with the
 * feature off: SpamAssassin 404, tags an empty list (changes refused), HTML check, link check, release and send a
 * 400 that says so.
 */
final class MailpitRoutes {
    private static final String PATH_SAFE = "-._~!$&'()*+,;=:@/";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private MailpitRoutes() {
    }

    static void mount(RoutingHandler routes, MailpitApi api, MailpitInfo info, MailpitChaos chaos) {
        MailpitContent content = new MailpitContent(api);
        routes.get("/api/v1/messages", worker(api::list));
        routes.put("/api/v1/messages", worker(api::setRead));
        routes.delete("/api/v1/messages", worker(api::delete));
        routes.get("/api/v1/search", worker(api::search));
        routes.delete("/api/v1/search", worker(api::deleteSearch));
        routes.get("/api/v1/message/{id}", worker(api::message));
        routes.get("/api/v1/message/{id}/headers", worker(api::headers));
        routes.get("/api/v1/message/{id}/raw", worker(content::raw));
        routes.get("/api/v1/message/{id}/part/{part}", worker(content::part));
        routes.get("/api/v1/message/{id}/part/{part}/thumb", refused("thumbnails are not supported by fakemail"));
        routes.get("/api/v1/message/{id}/html-check", refused("the HTML check is not supported by fakemail"));
        routes.get("/api/v1/message/{id}/link-check", refused("Mailpit's link check is not supported by fakemail "
                + "(fakemail's own: POST /api/messages/{id}/links/check)"));
        routes.get("/api/v1/message/{id}/sa-check", worker(exchange -> {
            throw ApiException.notFound(MailpitText.PAGE_NOT_FOUND); // Mailpit without SpamAssassin has no such route
        }));
        routes.post("/api/v1/message/{id}/release", refused("SMTP relay is not configured: fakemail does not "
                + "relay messages"));
        routes.post("/api/v1/send", worker(exchange -> Responses.json(exchange, 400,
                new SendError("sending over HTTP is not supported by fakemail: send over SMTP"))));
        routes.get("/api/v1/tags", worker(api::tags));
        routes.put("/api/v1/tags", refused("tags are not supported by fakemail"));
        routes.put("/api/v1/tags/{tag}", refused("tags are not supported by fakemail"));
        routes.delete("/api/v1/tags/{tag}", refused("tags are not supported by fakemail"));
        routes.get("/api/v1/info", worker(info::info));
        routes.get("/api/v1/webui", worker(info::webUi));
        routes.get("/api/v1/chaos", worker(chaos::get));
        routes.put("/api/v1/chaos", worker(chaos::set));
        routes.get("/view/{file}", worker(content::view));
    }

    /** Mailpit's JSON error of the send route ({@code JSONErrorResponse}). */
    record SendError(String Error) {
    }

    private static HttpHandler refused(String why) {
        return worker(exchange -> {
            throw new ApiException(400, why);
        });
    }

    private static HttpHandler worker(HttpHandler route) {
        return InboxHandler.onWorker(new JsonErrors(route, MailpitText::error));
    }

    /**
     * Go's router answers a path that is not clean ({@code //view/1.txt}, {@code /api/v1/./messages}) with a 301
     * to the clean one, and Mailpit's clients rely on it (cypress-mailpit asks for {@code //view/{ID}.txt}). Done
     * here for Mailpit's paths only; the Location is a path on this host (a collapsed "//" cannot name another).
     */
    static HttpHandler cleanPaths(HttpHandler next) {
        return exchange -> {
            String path = exchange.getRequestPath();
            if (path.contains("//") || path.contains("/./") || path.contains("/../") || path.endsWith("/.")
                    || path.endsWith("/..")) {
                String clean = clean(path);
                if (clean.startsWith("/view/") || clean.startsWith("/api/v1/")) {
                    redirect(exchange, clean);
                    return;
                }
            }
            next.handleRequest(exchange);
        };
    }

    private static void redirect(HttpServerExchange exchange, String clean) {
        String query = exchange.getQueryString(); // as sent: a request line holds no line breaks
        String location = encoded(clean);
        exchange.setStatusCode(301);
        exchange.getResponseHeaders().put(Headers.LOCATION, query == null || query.isEmpty() ? location
                : location + "?" + query);
        exchange.endExchange();
    }

    /**
     * The decoded path encoded again for the Location header: a %0D%0A in the request must not become a line
     * break in the response (header injection), nor any other character a path may not carry as it is.
     */
    static String encoded(String path) {
        StringBuilder encoded = new StringBuilder(path.length());
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || PATH_SAFE.indexOf(c) >= 0)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
            }
        }
        return encoded.toString();
    }

    /** Go's path.Clean, keeping a trailing slash as its router does. */
    static String clean(String path) {
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                segments.pollLast();
            } else {
                segments.addLast(segment);
            }
        }
        String clean = "/" + String.join("/", segments);
        return path.endsWith("/") && !clean.equals("/") ? clean + "/" : clean;
    }
}
