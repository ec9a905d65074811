package dev.fakemail.internal.imap.mime;

import java.util.ArrayList;
import java.util.List;

/**
 * A MIME structured header value (RFC 2045 §5.1, RFC 2183): a leading value such as {@code text/plain}
 * or {@code attachment}, then {@code ; name=value} parameters. Comments and whitespace around tokens
 * are dropped; parameter names and values are kept as sent (values unquoted, quoted-pairs resolved).
 * RFC 2231 continuations ({@code name*0=...}) stay separate parameters, as sent.
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
        return new StructuredValue(value.toString(), params == null ? NO_PARAMS : params.toArray(NO_PARAMS));
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
