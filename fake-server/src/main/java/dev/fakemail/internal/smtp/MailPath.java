package dev.fakemail.internal.smtp;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The argument of MAIL FROM / RCPT TO: a path in angle brackets and ESMTP parameters (RFC 5321 §4.1.2).
 * Lenient where real clients commonly deviate (a space after the colon, a path without brackets), strict
 * where the address itself is concerned.
 *
 * @param address the mailbox without brackets and source route; empty for the null path {@code <>}
 * @param parameters upper-case keys in order; a parameter without value maps to ""
 * @param nonAscii whether the address uses UTF-8 (needs SMTPUTF8, RFC 6531)
 */
record MailPath(String address, Map<String, String> parameters, boolean nonAscii) {

    /** Why an argument could not be parsed, phrased for the reply text. */
    static final class SyntaxException extends Exception {
        SyntaxException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Parses by index into {@code argument}: one copy for the path, none for the keyword, the spaces or an empty
     * parameter list (this runs for every MAIL and RCPT).
     */
    static MailPath parse(String argument, String keyword) throws SyntaxException {
        int colon = keyword.length();
        if (argument.length() <= colon || !argument.regionMatches(true, 0, keyword, 0, colon)
                || argument.charAt(colon) != ':') {
            throw new SyntaxException(keyword.equals("FROM") ? "MAIL FROM:<address>" : "RCPT TO:<address>");
        }
        int start = skipWhiteSpace(argument, colon + 1);
        String path;
        int afterPath;
        if (start < argument.length() && argument.charAt(start) == '<') {
            int close = closingBracket(argument, start);
            if (close < 0) {
                throw new SyntaxException("missing '>' after the address");
            }
            path = argument.substring(start + 1, close);
            afterPath = close + 1;
        } else {
            int space = argument.indexOf(' ', start);
            afterPath = space < 0 ? argument.length() : space;
            path = argument.substring(start, afterPath);
        }
        Map<String, String> parameters = parseParameters(argument, afterPath);
        String address = stripSourceRoute(path);
        return new MailPath(address, parameters, hasNonAscii(address));
    }

    private static boolean hasNonAscii(String address) {
        for (int i = 0; i < address.length(); i++) {
            if (address.charAt(i) >= 0x80) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the address is a syntactically valid mailbox (local@domain); the null path is checked apart. Both
     * parts are checked in place: this runs for every MAIL and RCPT.
     */
    static boolean isValidMailbox(String address) {
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            return false;
        }
        return isValidLocalPart(address, at) && isValidDomain(address, at + 1);
    }

    /** Whether {@code address}'s first {@code end} characters are a valid local part. */
    private static boolean isValidLocalPart(String address, int end) {
        if (address.charAt(0) == '"') {
            if (end < 2 || address.charAt(end - 1) != '"') {
                return false;
            }
            int close = end - 1; // the closing quote
            for (int i = 1; i < close; i++) {
                char c = address.charAt(i);
                if (c == '\\') {
                    // quoted-pairSMTP (RFC 5321 4.1.2): a backslash and a printable character; one that escapes
                    // the closing quote leaves the string open
                    if (++i >= close || isControl(address.charAt(i))) {
                        return false;
                    }
                } else if (c == '"' || isControl(c)) {
                    return false;
                }
            }
            return true;
        }
        if (address.charAt(0) == '.' || address.charAt(end - 1) == '.') {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = address.charAt(i);
            if (c >= 0x80) {
                continue;
            }
            if (c == '.' && address.charAt(i - 1) == '.') { // i > 0: the first character is no dot
                return false;
            }
            if (!(Character.isLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~.".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * RFC 5321 4.1.3: an IPv4 address, {@code IPv6:} and an IPv6 address, or a tag, a colon and content. The
     * content is held to letters, digits and {@code ._:%+=/-}: quotes and angle brackets, which the RFC allows
     * there, would make the path impossible to write back in brackets, and no real literal uses them.
     */
    private static boolean isAddressLiteral(String content) {
        if (content.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
            return true;
        }
        if (content.regionMatches(true, 0, "IPv6:", 0, 5)) {
            return content.length() > 5 && content.substring(5).matches("[0-9A-Fa-f:.]+");
        }
        int colon = content.indexOf(':');
        return colon > 0 && colon < content.length() - 1
                && content.substring(0, colon).matches("[A-Za-z0-9-]*[A-Za-z0-9]")
                && content.substring(colon + 1).matches("[A-Za-z0-9._:%+=/-]+");
    }

    private static boolean isControl(char c) {
        return c < 0x20 || c == 0x7f;
    }

    /** Whether {@code address} from {@code start} to its end is a valid domain or address literal. */
    private static boolean isValidDomain(String address, int start) {
        int end = address.length();
        if (address.charAt(start) == '[' && address.charAt(end - 1) == ']') {
            return end - start > 2 && isAddressLiteral(address.substring(start + 1, end - 1));
        }
        char first = address.charAt(start);
        if (first == '.' || first == '-' || address.charAt(end - 1) == '.') {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = address.charAt(i);
            if (c == '.' && address.charAt(i - 1) == '.') { // i > start: the first character is no dot
                return false;
            }
            if (!(c >= 0x80 || Character.isLetterOrDigit(c) || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    /** The index of the {@code >} closing the bracket at {@code open}, or -1. */
    private static int closingBracket(String text, int open) {
        boolean quoted = false;
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '>' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    /** "@relay1,@relay2:user@host" → "user@host": source routes must be accepted and ignored (§4.1.2). */
    private static String stripSourceRoute(String path) {
        if (path.startsWith("@")) {
            int colon = path.indexOf(':');
            if (colon > 0) {
                return path.substring(colon + 1);
            }
        }
        return path;
    }

    /** The index of the first character at or after {@code from} that is not white space (as stripLeading sees it). */
    private static int skipWhiteSpace(String text, int from) {
        int index = from;
        while (index < text.length() && Character.isWhitespace(text.charAt(index))) {
            index++;
        }
        return index;
    }

    /** The ESMTP parameters in {@code argument} from {@code start} on. */
    private static Map<String, String> parseParameters(String argument, int start) throws SyntaxException {
        if (skipWhiteSpace(argument, start) == argument.length()) {
            return Map.of(); // the common case, without allocating
        }
        String text = argument.substring(start);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String token : text.trim().split(" +")) {
            int equals = token.indexOf('=');
            String key = (equals < 0 ? token : token.substring(0, equals)).toUpperCase(Locale.ROOT);
            String value = equals < 0 ? "" : token.substring(equals + 1);
            if (key.isEmpty() || !key.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-')) {
                throw new SyntaxException("bad parameter '" + token + "'");
            }
            if (parameters.putIfAbsent(key, value) != null) {
                throw new SyntaxException("parameter " + key + " given twice");
            }
        }
        return parameters;
    }
}
