package dev.fakemail.web.internal;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;

/**
 * Headers on every response. The page loads its scripts and styles from this origin only, never inline, and
 * nothing may frame it; mail data is always data, never markup. Routes that serve mail content replace the
 * policy with a stricter one of their own ({@link MailContent}).
 */
final class SecurityHeaders implements HttpHandler {
    static final HttpString CSP = HttpString.tryFromString("Content-Security-Policy");
    static final HttpString FRAME_OPTIONS = HttpString.tryFromString("X-Frame-Options");
    static final HttpString RESOURCE_POLICY = HttpString.tryFromString("Cross-Origin-Resource-Policy");
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";
    /** For raw mail and parts: no scripts, no same-origin access, not even styles or images. */
    static final String INERT_POLICY = "default-src 'none'; sandbox";

    private final HttpHandler next;

    SecurityHeaders(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        apply(exchange);
        next.handleRequest(exchange);
    }

    static void apply(HttpServerExchange exchange) {
        HeaderMap headers = exchange.getResponseHeaders();
        headers.put(CSP, PAGE_POLICY);
        headers.put(HttpString.tryFromString("X-Content-Type-Options"), "nosniff");
        headers.put(FRAME_OPTIONS, "DENY");
        headers.put(HttpString.tryFromString("Referrer-Policy"), "no-referrer");
        headers.put(HttpString.tryFromString("Cache-Control"), "no-store");
        headers.put(HttpString.tryFromString("Cross-Origin-Opener-Policy"), "same-origin");
        // Other sites may not even embed our responses (an <img> of an attachment, a <script> of the JSON).
        headers.put(RESOURCE_POLICY, "same-origin");
    }
}
