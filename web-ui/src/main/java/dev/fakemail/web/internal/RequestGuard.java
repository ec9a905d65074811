package dev.fakemail.web.internal;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a request may reach the routes at all, before anything is read or changed:
 * <ol>
 * <li>the Host check, whatever the bind address: a page on another site whose name an attacker points at the
 * inbox's address (DNS rebinding: 127.0.0.1, or the address of a Docker host publishing the port) would
 * otherwise be same-origin with the inbox and could read all mail. Loopback names, IP literals and the names
 * the user allowed pass; {@code *} among the allowed names switches the check off;
 * <li>basic auth, when configured (the health check stays open so container probes need no password);
 * <li>cross-site refusal for every method that changes something: a browser names the site a request comes
 * from (Origin, Sec-Fetch-Site), and HTML forms (the one cross-site request needing no CORS preflight) are
 * refused by their content types. Clients that are not browsers (curl, tests) send neither header and pass.
 * </ol>
 */
final class RequestGuard implements HttpHandler {
    private static final HttpString SEC_FETCH_SITE = HttpString.tryFromString("Sec-Fetch-Site");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final HttpHandler next;
    /** Query parameters one request may carry; Undertow's parser allows more, so the refusal can be JSON. */
    public static final int MAX_PARAMETERS = 1000;
    /** Header fields one request may carry (Undertow's own default), refused here with a JSON body. */
    public static final int MAX_HEADERS = 200;
    /** Bodies of the API are small JSON documents; a larger declared length is refused before it is read. */
    public static final long MAX_BODY = 1 << 20;

    /** The allowed name that lets every Host through (behind a proxy that checks names itself). */
    static final String ANY_HOST = "*";

    private final boolean checkHost;
    private final Set<String> allowedHosts;
    private final byte[] credentials;

    /**
     * @param allowedHosts names (lower case) allowed besides loopback names and IP literals; {@code *}: any
     * @param credentials "user:password" for basic auth, or null for none
     */
    RequestGuard(HttpHandler next, Set<String> allowedHosts, String credentials) {
        this.next = next;
        this.checkHost = !allowedHosts.contains(ANY_HOST);
        this.allowedHosts = allowedHosts;
        this.credentials = credentials == null ? null : credentials.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String oversize = oversize(exchange);
        if (oversize != null) {
            Responses.error(exchange, oversize.startsWith("request body") ? 413 : oversize.startsWith("too many header")
                    ? 431 : 400, oversize);
            return;
        }
        String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
        if (checkHost && host != null && !isAllowedHost(hostName(host))) {
            Responses.error(exchange, 403, "host '" + Params.shown(host) + "' is not allowed: the inbox answers "
                    + "only to localhost, IP addresses and the names allowed for it (a defence against DNS "
                    + "rebinding); allow this name with --allow-host " + Params.shown(hostName(host))
                    + " (FAKEMAIL_ALLOW_HOST) or WebInbox.builder(...).allowHost(name)");
            return;
        }
        if (credentials != null && !exchange.getRequestPath().equals("/api/health") && !authorized(exchange)) {
            exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Basic realm=\"fakemail\", charset=\"UTF-8\"");
            Responses.error(exchange, 401, "this inbox needs a user name and password (basic auth)");
            return;
        }
        if (!SAFE_METHODS.contains(exchange.getRequestMethod().toString())) {
            String refusal = crossSiteRefusal(exchange, host);
            if (refusal != null) {
                Responses.error(exchange, refusal.startsWith("form") ? 415 : 403, refusal);
                return;
            }
        }
        next.handleRequest(exchange);
    }

    /** What makes a request too big to serve, or null: said in JSON rather than Undertow's empty 400. */
    private static String oversize(HttpServerExchange exchange) {
        int parameters = 0;
        for (var values : exchange.getQueryParameters().values()) {
            parameters += values.size();
        }
        if (parameters > MAX_PARAMETERS) {
            return "too many query parameters (" + parameters + "; at most " + MAX_PARAMETERS + ")";
        }
        if (exchange.getRequestHeaders().size() > MAX_HEADERS) {
            return "too many header fields (" + exchange.getRequestHeaders().size() + "; at most " + MAX_HEADERS + ")";
        }
        if (exchange.getRequestContentLength() > MAX_BODY) {
            return "request body too large (" + exchange.getRequestContentLength() + " octets; at most " + MAX_BODY
                    + ")";
        }
        return null;
    }

    private boolean isAllowedHost(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("localhost") || lower.endsWith(".localhost") || isIpLiteral(lower)
                || allowedHosts.contains(lower);
    }

    /** The name in a Host header, without port; an IPv6 literal keeps its brackets. */
    static String hostName(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static boolean isIpLiteral(String name) {
        return name.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || name.matches("\\[[0-9a-f:.]+\\]");
    }

    private boolean authorized(HttpServerExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.substring(6).trim());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        return MessageDigest.isEqual(given, credentials); // constant time: no timing hints about the password
    }

    /** Why a changing request is refused, or null if it may go on. */
    private static String crossSiteRefusal(HttpServerExchange exchange, String host) {
        String site = exchange.getRequestHeaders().getFirst(SEC_FETCH_SITE);
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return "cross-site request refused (Sec-Fetch-Site: " + Params.shown(site) + ")";
        }
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        if (origin != null && (host == null
                || !origin.equalsIgnoreCase(exchange.getRequestScheme() + "://" + host))) {
            return "cross-site request refused (Origin: " + Params.shown(origin) + ")";
        }
        String type = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        if (type != null && !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return "form posts and other non-JSON bodies are refused (Content-Type: " + Params.shown(type) + ")";
        }
        return null;
    }
}
