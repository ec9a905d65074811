package dev.fakemail.internal.fault;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON reader and writer, because the core module carries no JSON library. Values are trees of
 * Map (insertion ordered), List, String, Integer / Long / Double, Boolean and null. The reader follows RFC 8259
 * to the letter (no comments, trailing commas, NaN or single quotes), rejects duplicate keys and trailing
 * characters, and bounds input size and nesting so hostile input gets a clear error instead of a stack
 * overflow. Errors read "json at offset 17: expected ':'".
 */
public final class Json {
    public static final int MAX_DEPTH = 32;
    public static final int MAX_LENGTH = 64 * 1024;

    private final String text;
    private int position;
    private int depth;

    private Json(String text) {
        this.text = text;
    }

    /** Parses one JSON value; throws IllegalArgumentException naming the offset of the first problem. */
    public static Object parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("json input too large: " + text.length() + " characters (at most "
                    + MAX_LENGTH + ")");
        }
        Json reader = new Json(text);
        Object value = reader.value();
        reader.skipWhitespace();
        if (reader.position < text.length()) {
            throw reader.error("unexpected " + reader.describeNext() + " after the value");
        }
        return value;
    }

    /** Writes a tree compactly; numbers must be finite, map keys strings. */
    public static String write(Object value) {
        return FaultCodecJsonWriter.write(value);
    }

    /**
     * A JSON string literal; control characters, U+2028/U+2029 and lone surrogates become backslash-u
     * escapes, so the result is one line of text that also reads as a JavaScript string literal.
     */
    public static String quote(String value) {
        return FaultCodecJsonWriter.quote(value);
    }

    private Object value() {
        skipWhitespace();
        if (position >= text.length()) {
            throw error("unexpected end of input, expected a value");
        }
        char c = text.charAt(position);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected " + describeNext() + ", expected a value");
            }
        };
    }

    private Map<String, Object> object() {
        enter();
        Map<String, Object> members = new LinkedHashMap<>();
        position++;
        skipWhitespace();
        if (peek() == '}') {
            position++;
            depth--;
            return members;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a string key, found " + describeNext());
            }
            int keyOffset = position;
            String key = string();
            if (members.containsKey(key)) {
                throw new IllegalArgumentException("json at offset " + keyOffset + ": duplicate key " + quote(key));
            }
            skipWhitespace();
            expect(':');
            members.put(key, value());
            skipWhitespace();
            if (peek() == '}') {
                position++;
                depth--;
                return members;
            }
            expect(',', "expected ',' or '}'");
        }
    }

    private List<Object> array() {
        enter();
        List<Object> elements = new ArrayList<>();
        position++;
        skipWhitespace();
        if (peek() == ']') {
            position++;
            depth--;
            return elements;
        }
        while (true) {
            elements.add(value());
            skipWhitespace();
            if (peek() == ']') {
                position++;
                depth--;
                return elements;
            }
            expect(',', "expected ',' or ']'");
        }
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
    }

    private String string() {
        StringBuilder value = new StringBuilder();
        position++;
        while (true) {
            if (position >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(position);
            if (c == '"') {
                position++;
                return value.toString();
            }
            if (c == '\\') {
                escape(value);
            } else if (c < 0x20) {
                throw error("unescaped control character U+" + String.format("%04X", (int) c) + " in a string");
            } else {
                value.append(c);
                position++;
            }
        }
    }

    /**
     * Surrogate pairs need no joining: "\ud83d\ude00" appends two UTF-16 units that together are the one code
     * point. Lone surrogates pass as RFC 8259 allows, so any Java string written by {@link #quote} reads back.
     */
    private void escape(StringBuilder value) {
        if (position + 1 >= text.length()) {
            throw error("unterminated string");
        }
        char escaped = text.charAt(position + 1);
        switch (escaped) {
            case '"', '\\', '/' -> value.append(escaped);
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case 'n' -> value.append('\n');
            case 'r' -> value.append('\r');
            case 't' -> value.append('\t');
            case 'u' -> {
                String hex = text.substring(position + 2, Math.min(position + 6, text.length()));
                if (!hex.matches("[0-9a-fA-F]{4}")) {
                    throw error("bad unicode escape, expected four hex digits after \\u");
                }
                value.append((char) Integer.parseInt(hex, 16));
                position += 6;
                return;
            }
            default -> throw error("bad escape '\\" + escaped + "'");
        }
        position += 2;
    }

    private Object number() {
        int start = position;
        boolean whole = true;
        if (peek() == '-') {
            position++;
        }
        if (peek() == '0') {
            position++;
        } else if (!digits()) {
            throw error("bad number, expected a digit");
        }
        if (peek() == '.') {
            position++;
            whole = false;
            if (!digits()) {
                throw error("bad number, expected a digit after '.'");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            position++;
            whole = false;
            if (peek() == '+' || peek() == '-') {
                position++;
            }
            if (!digits()) {
                throw error("bad number, expected a digit in the exponent");
            }
        }
        String literal = text.substring(start, position);
        if (whole) {
            try {
                long value = Long.parseLong(literal);
                return value == (int) value ? (Object) (int) value : (Object) value;
            } catch (NumberFormatException tooLong) {
                // beyond long: read it as a double like the fractions below
            }
        }
        double value = Double.parseDouble(literal);
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException("json at offset " + start + ": number out of range");
        }
        return value;
    }

    private boolean digits() {
        int start = position;
        while (position < text.length() && text.charAt(position) >= '0' && text.charAt(position) <= '9') {
            position++;
        }
        return position > start;
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, position)) {
            throw error("unexpected " + describeNext() + ", expected a value");
        }
        position += word.length();
        return value;
    }

    private void skipWhitespace() {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            position++;
        }
    }

    /** The next character, or 0 at the end (0 is never valid there unescaped, so it never matches). */
    private char peek() {
        return position < text.length() ? text.charAt(position) : 0;
    }

    private void expect(char c) {
        expect(c, "expected '" + c + "'");
    }

    private void expect(char c, String problem) {
        if (peek() != c) {
            throw error(problem + (position >= text.length() ? " at the end of input" : ""));
        }
        position++;
    }

    private String describeNext() {
        if (position >= text.length()) {
            return "end of input";
        }
        char c = text.charAt(position);
        return c < 0x20 || c > 0x7e ? "character U+" + String.format("%04X", (int) c) : "character '" + c + "'";
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException("json at offset " + position + ": " + problem);
    }
}
