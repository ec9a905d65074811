package dev.fakemail.web.internal;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.PathTemplateMatch;
import java.time.Duration;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Pattern;

/** Reads path and query parameters, refusing bad values with a 400 that says what was expected. */
final class Params {
    private static final int MAX_ECHOED = 40;
    private static final Pattern SAFE_HOST =
            Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?");

    private Params() {
    }

    /** A path template parameter such as {@code {id}}. */
    static String path(HttpServerExchange exchange, String name) {
        return exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY).getParameters().get(name);
    }

    /** The first value of a query parameter, or null. */
    static String query(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** The message id in the path: digits only (400 otherwise); an id too large to exist is simply unknown. */
    static long messageId(HttpServerExchange exchange) {
        return id(path(exchange, "id"), "message id");
    }

    static long id(String digits, String what) {
        if (digits == null || !digits.matches("[0-9]+")) {
            throw ApiException.badRequest(what + " must be a number, got '" + shown(digits) + "'");
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLarge) {
            return Long.MAX_VALUE; // never assigned, so "not found"
        }
    }

    static int integer(HttpServerExchange exchange, String name, int fallback, int min, int max) {
        String value = query(exchange, name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // the same message as for a number out of range
        }
        throw ApiException.badRequest(name + " must be a whole number from " + min + " to " + max + ", got '"
                + shown(value) + "'");
    }

    static boolean flag(HttpServerExchange exchange, String name) {
        String value = query(exchange, name);
        if (value == null) {
            return false;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "", "1", "true", "yes":
                return true;
            case "0", "false", "no":
                return false;
            default:
                throw ApiException.badRequest(name + " must be true or false, got '" + shown(value) + "'");
        }
    }

    /** A duration as seconds ("10", "2.5") or with a unit ("500ms", "10s", "2m"), at most {@code max}. */
    static Duration duration(HttpServerExchange exchange, String name, Duration fallback, Duration max) {
        String value = query(exchange, name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        Duration duration = parseDuration(value.trim().toLowerCase(Locale.ROOT));
        if (duration == null || duration.isNegative()) {
            throw ApiException.badRequest(name + " must be a duration such as 10, 10s, 500ms or 2m, got '"
                    + shown(value) + "'");
        }
        if (duration.compareTo(max) > 0) {
            throw ApiException.badRequest(name + " may be at most " + max.toSeconds() + "s, got '" + shown(value)
                    + "'");
        }
        return duration;
    }

    private static Duration parseDuration(String text) {
        long factorMillis = 1000;
        String number = text;
        if (text.endsWith("ms")) {
            factorMillis = 1;
            number = text.substring(0, text.length() - 2);
        } else if (text.endsWith("s")) {
            number = text.substring(0, text.length() - 1);
        } else if (text.endsWith("m")) {
            factorMillis = 60_000;
            number = text.substring(0, text.length() - 1);
        }
        if (!number.matches("[0-9]{1,9}(\\.[0-9]{1,3})?")) {
            return null;
        }
        return Duration.ofMillis(Math.round(Double.parseDouble(number) * factorMillis));
    }

    /**
     * The inbox's absolute URL as this request reached it ({@code http://127.0.0.1:8025/}), or null when the
     * Host header is missing or more than a host name and port: then it would not be safe to echo.
     */
    static String absoluteBase(HttpServerExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
        if (host == null || !SAFE_HOST.matcher(host).matches()) {
            return null;
        }
        return exchange.getRequestScheme() + "://" + host + "/";
    }

    /** "?inbox=id" when the request names an isolated inbox (already known to exist), else "". */
    static String inboxQuery(HttpServerExchange exchange) {
        String inbox = query(exchange, "inbox");
        return inbox == null || inbox.isEmpty() || inbox.equals("default") ? ""
                : "?inbox=" + java.net.URLEncoder.encode(inbox, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A client's value as it may appear in an error message: bounded, so errors stay readable. */
    static String shown(String value) {
        if (value == null) {
            return "";
        }
        return value.length() > MAX_ECHOED ? value.substring(0, MAX_ECHOED) + "..." : value;
    }
}
