package dev.fakemail.internal.imap.mime;

import java.util.ArrayList;
import java.util.List;

/**
 * A MIME structured header value (RFC 2045 §5.1, RFC 2183): a leading value such as {@code text/plain}
 * or {@code attachment}, then {@code ; name=value} parameters. Comments and whitespace around tokens
 * are dropped; parameter names and values are kept as sent (values unquoted, quoted-pairs resolved), except
 * that RFC 2231 continuations ({@code name*0=...; name*1=...}) are joined into one parameter, as RFC 9051 §7.5.2
 * asks and Dovecot does: {@code name} when no section is encoded, else {@code name*} with the encoded value
 * (charset'language'%XX...) left for the client to decode.
 */
final class StructuredValue {
    private static final String[] NO_PARAMS = new String[0];

    /** The leading value, whitespace and comments removed; empty when there is none. */
    final String value;
    /** Alternating names and values. */
    final String[] params;

    private StructuredValue(String value, String[] params) {
        this.value = value;
        this.params = params;
    }

    static StructuredValue parse(String header) {
        Cursor c = new Cursor(header);
        StringBuilder value = new StringBuilder();
        while (c.more() && c.peek() != ';') {
            c.skipCfws();
            if (!c.more() || c.peek() == ';') {
                break;
            }
            if (c.peek() == '"') {
                value.append(c.quoted());
            } else {
                value.append(c.next());
            }
        }
        List<String> params = null;
        while (c.more()) {
            c.pos++; // ';'
            c.skipCfws();
            int nameStart = c.pos;
            while (c.more() && c.peek() != '=' && c.peek() != ';' && c.peek() != '(') {
                c.pos++;
            }
            String name = header.substring(nameStart, c.pos).trim();
            c.skipCfws();
            if (!c.more() || c.peek() != '=') {
                continue; // "; junk" without "=": no parameter
            }
            c.pos++;
            c.skipCfws();
            String val;
            if (c.more() && c.peek() == '"') {
                val = c.quoted();
            } else {
                int valStart = c.pos;
                while (c.more() && c.peek() != ';' && c.peek() != '(') {
                    c.pos++;
                }
                val = header.substring(valStart, c.pos).trim();
            }
            while (c.more() && c.peek() != ';') {
                c.skipCfws();
                if (c.more() && c.peek() != ';') {
                    c.pos++;
                }
            }
            if (!name.isEmpty()) {
                if (params == null) {
                    params = new ArrayList<>(4);
                }
                params.add(name);
                params.add(val);
            }
        }
        return new StructuredValue(value.toString(), params == null ? NO_PARAMS : joinContinuations(params));
    }

    /** RFC 2231 §3/§4: {@code name*N} and {@code name*N*} sections in order of N, joined into one parameter. */
    private static String[] joinContinuations(List<String> params) {
        boolean sections = false;
        for (int i = 0; i < params.size() && !sections; i += 2) {
            sections = sectionNumber(params.get(i)) >= 0;
        }
        if (!sections) {
            return params.toArray(NO_PARAMS);
        }
        List<String> joined = new ArrayList<>(params.size());
        java.util.Set<String> done = new java.util.HashSet<>();
        for (int i = 0; i < params.size(); i += 2) {
            String name = params.get(i);
            if (sectionNumber(name) < 0) {
                joined.add(name);
                joined.add(params.get(i + 1));
                continue;
            }
            String base = name.substring(0, name.indexOf('*'));
            if (done.add(base.toLowerCase(java.util.Locale.ROOT))) {
                join(params, base, joined);
            }
        }
        return joined.toArray(NO_PARAMS);
    }

    private static void join(List<String> params, String base, List<String> joined) {
        java.util.TreeMap<Integer, Integer> byNumber = new java.util.TreeMap<>(); // section -> index in params
        boolean encoded = false;
        for (int i = 0; i < params.size(); i += 2) {
            String name = params.get(i);
            int number = sectionNumber(name);
            if (number >= 0 && name.regionMatches(true, 0, base, 0, base.length())
                    && name.charAt(base.length()) == '*') {
                byNumber.putIfAbsent(number, i);
                encoded |= name.endsWith("*") && name.indexOf('*') != name.length() - 1;
            }
        }
        StringBuilder value = new StringBuilder();
        for (var section : byNumber.entrySet()) {
            String name = params.get(section.getValue());
            String text = params.get(section.getValue() + 1);
            boolean sectionEncoded = name.endsWith("*") && name.indexOf('*') != name.length() - 1;
            if (encoded && section.getKey() == 0 && !sectionEncoded) {
                value.append("''"); // an encoded value starts with charset'language'; this one names neither
            }
            value.append(encoded && !sectionEncoded ? percentEncoded(text) : text);
        }
        joined.add(encoded ? base + "*" : base);
        joined.add(value.toString());
    }

    /** N of {@code name*N} or {@code name*N*} (RFC 2231), else -1; N has at most 3 digits, no leading zero. */
    private static int sectionNumber(String name) {
        int star = name.indexOf('*');
        if (star <= 0) {
            return -1;
        }
        int end = name.endsWith("*") && name.length() > star + 1 ? name.length() - 1 : name.length();
        int digits = end - star - 1;
        if (digits < 1 || digits > 3 || (digits > 1 && name.charAt(star + 1) == '0')) {
            return -1;
        }
        int number = 0;
        for (int i = star + 1; i < end; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            number = number * 10 + (c - '0');
        }
        return number;
    }

    /** RFC 2231 §7 attribute-char kept, everything else as %XX of its octet (chars here are octets). */
    private static String percentEncoded(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > ' ' && c < 0x7f && "*'%()<>@,;:\\\"/[]?=".indexOf(c) < 0) {
                b.append(c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return b.toString();
    }

    /** The value of the first parameter with that name (case-insensitive), or null. */
    String param(String name) {
        for (int i = 0; i < params.length; i += 2) {
            if (params[i].equalsIgnoreCase(name)) {
                return params[i + 1];
            }
        }
        return null;
    }

    /** Comma-separated tokens (Content-Language), comments and whitespace dropped. */
    static List<String> tokenList(String header) {
        List<String> tokens = new ArrayList<>(2);
        Cursor c = new Cursor(header);
        StringBuilder token = new StringBuilder();
        while (c.more()) {
            c.skipCfws();
            if (!c.more()) {
                break;
            }
            if (c.peek() == ',') {
                c.pos++;
                addIfAny(tokens, token);
            } else if (c.peek() == '"') {
                token.append(c.quoted());
            } else {
                token.append(c.next());
            }
        }
        addIfAny(tokens, token);
        return tokens;
    }

    /** The value with comments removed and trimmed (Content-Transfer-Encoding). */
    static String withoutComments(String header) {
        Cursor c = new Cursor(header);
        StringBuilder b = new StringBuilder();
        while (c.more()) {
            c.skipCfws();
            if (c.more()) {
                b.append(c.next());
            }
        }
        return b.toString();
    }

    private static void addIfAny(List<String> tokens, StringBuilder token) {
        if (token.length() > 0) {
            tokens.add(token.toString());
            token.setLength(0);
        }
    }

    private static final class Cursor {
        final String s;
        int pos;

        Cursor(String s) {
            this.s = s;
        }

        boolean more() {
            return pos < s.length();
        }

        char peek() {
            return s.charAt(pos);
        }

        char next() {
            return s.charAt(pos++);
        }

        void skipCfws() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ' ' || c == '\t') {
                    pos++;
                } else if (c == '(') {
                    int depth = 0;
                    while (pos < s.length()) {
                        char d = s.charAt(pos++);
                        if (d == '\\') {
                            pos++;
                        } else if (d == '(') {
                            depth++;
                        } else if (d == ')' && --depth == 0) {
                            break;
                        }
                    }
                } else {
                    return;
                }
            }
        }

        String quoted() {
            int end = Quoted.end(s, pos);
            String content = Quoted.content(s, pos, end);
            pos = end;
            return content;
        }
    }
}
