package dev.fakemail.internal.fault;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/** The writing half of {@link Json}: a tree of Map, Collection, String, Number, Boolean and null to JSON text. */
final class FaultCodecJsonWriter {
    private FaultCodecJsonWriter() {
    }

    /** Writes a tree compactly; numbers must be finite, map keys strings. */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 0);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out, int level) {
        if (level > Json.MAX_DEPTH) {
            throw new IllegalArgumentException("json nesting deeper than " + Json.MAX_DEPTH + " levels (a cycle?)");
        }
        if (value == null || value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            Number number = (Number) value;
            if (!Double.isFinite(number.doubleValue())) {
                throw new IllegalArgumentException("json cannot hold " + value);
            }
            out.append(number);
        } else if (value instanceof String string) {
            out.append(quote(string));
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            String separator = "";
            for (Map.Entry<?, ?> member : map.entrySet()) {
                if (!(member.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("json object keys must be strings, was " + member.getKey());
                }
                out.append(separator).append(quote(key)).append(':');
                write(member.getValue(), out, level + 1);
                separator = ",";
            }
            out.append('}');
        } else if (value instanceof Collection<?> elements) {
            out.append('[');
            String separator = "";
            for (Object element : elements) {
                out.append(separator);
                write(element, out, level + 1);
                separator = ",";
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as json");
        }
    }

    /**
     * A JSON string literal. Besides quotes, backslashes and control characters, U+2028/U+2029 (line breaks to
     * JavaScript) and lone surrogates (not encodable in UTF-8) are escaped, so the output is one line of valid text.
     */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || isLoneSurrogate(value, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static boolean isLoneSurrogate(String value, int i) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1)));
    }
}
