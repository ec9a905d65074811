package dev.fakemail.internal.sasl;

import dev.fakemail.internal.sasl.BaseExchange.Malformed;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code key=value ^A ... ^A} list shared by XOAUTH2 and OAUTHBEARER (RFC 7628 section 3.1:
 * {@code *kvpair kvsep}, each kvpair being {@code key "=" value kvsep}), and the bearer token inside its
 * {@code auth} value.
 */
final class BearerMessage {
    static final char KVSEP = '\u0001';

    private BearerMessage() {
    }

    /** Parses {@code *(key=value ^A) ^A}; keys are 1*ALPHA, each at most once. Unknown keys are kept, callers ignore them. */
    static Map<String, String> keyValues(String text) throws Malformed {
        if (text.isEmpty() || text.charAt(text.length() - 1) != KVSEP) {
            throw new Malformed("key=value list must end with ^A^A");
        }
        String pairs = text.substring(0, text.length() - 1);
        Map<String, String> result = new HashMap<>();
        int start = 0;
        while (start < pairs.length()) {
            int end = pairs.indexOf(KVSEP, start);
            if (end < 0) {
                throw new Malformed("key=value list must end with ^A^A");
            }
            String pair = pairs.substring(start, end);
            int eq = pair.indexOf('=');
            if (eq <= 0 || !isAlpha(pair.substring(0, eq))) {
                throw new Malformed("expected key=value");
            }
            if (result.putIfAbsent(pair.substring(0, eq), pair.substring(eq + 1)) != null) {
                throw new Malformed("duplicate key");
            }
            start = end + 1;
        }
        return result;
    }

    /** The token of an {@code auth} value {@code Bearer 1*SP token} (RFC 6750; the scheme is case-insensitive). */
    static String bearerToken(String authValue) throws Malformed {
        if (authValue == null) {
            throw new Malformed("missing auth=Bearer <token>");
        }
        String scheme = "bearer ";
        if (!authValue.toLowerCase(Locale.ROOT).startsWith(scheme)) {
            throw new Malformed("auth must be: Bearer <token>");
        }
        int i = scheme.length();
        while (i < authValue.length() && authValue.charAt(i) == ' ') {
            i++;
        }
        if (i == authValue.length()) {
            throw new Malformed("empty bearer token");
        }
        return authValue.substring(i);
    }

    private static boolean isAlpha(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }
}
