package dev.fakemail.web.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * JSON text to and from a plain tree (LinkedHashMap, ArrayList, String, Integer / Long / BigInteger, Double,
 * Boolean, null) with Jackson, configured as strictly as the fault rules need: no comments, single quotes,
 * NaN or trailing content, duplicate keys rejected, input size and nesting bounded so hostile input gets a
 * clear error instead of a deep stack. Errors read "json at offset 17: ...".
 */
public final class FaultJsonText {
    public static final int MAX_DEPTH = 32;
    public static final int MAX_LENGTH = 64 * 1024;

    private static final ObjectMapper MAPPER = mapper();

    private FaultJsonText() {
    }

    private static ObjectMapper mapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        factory.setCharacterEscapes(new LineSafeEscapes());
        return new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** Parses one JSON value; throws IllegalArgumentException naming the offset of the first problem. */
    public static Object parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("json input too large: " + text.length() + " characters (at most "
                    + MAX_LENGTH + ")");
        }
        if (text.isBlank()) {
            // Jackson's "No content to map" names no offset; say where the value was expected.
            throw new IllegalArgumentException("json at offset " + text.length()
                    + ": unexpected end of input, expected a value");
        }
        Object tree;
        try {
            tree = MAPPER.readValue(text, Object.class);
        } catch (StreamConstraintsException tooDeep) {
            throw new IllegalArgumentException(at(tooDeep) + "nesting deeper than " + MAX_DEPTH + " levels", tooDeep);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(at(e) + e.getOriginalMessage(), e);
        }
        if (!isFinite(tree)) {
            // Jackson reads 1e999 as Infinity, which no rule field can hold.
            throw new IllegalArgumentException("json: number out of range");
        }
        return tree;
    }

    private static String at(JsonProcessingException e) {
        return e.getLocation() == null || e.getLocation().getCharOffset() < 0 ? "json: "
                : "json at offset " + e.getLocation().getCharOffset() + ": ";
    }

    /** Whether every number in a parsed tree is finite (its depth is already bounded). */
    private static boolean isFinite(Object value) {
        if (value instanceof Double number) {
            return Double.isFinite(number);
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().allMatch(FaultJsonText::isFinite);
        }
        if (value instanceof List<?> list) {
            return list.stream().allMatch(FaultJsonText::isFinite);
        }
        return true;
    }

    /** Writes a tree compactly, fields in the maps' order; numbers must be finite, map keys strings. */
    public static String write(Object tree) {
        checkWritable(tree, 0);
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as json: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Refuses what JSON cannot hold before Jackson sees it: Jackson would write NaN as a string, any map key via
     * toString and a cycle until its own depth limit.
     */
    private static void checkWritable(Object value, int level) {
        if (level > MAX_DEPTH) {
            throw new IllegalArgumentException("json nesting deeper than " + MAX_DEPTH + " levels (a cycle?)");
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> member : map.entrySet()) {
                if (!(member.getKey() instanceof String)) {
                    throw new IllegalArgumentException("json object keys must be strings, was " + member.getKey());
                }
                checkWritable(member.getValue(), level + 1);
            }
        } else if (value instanceof Collection<?> elements) {
            for (Object element : elements) {
                checkWritable(element, level + 1);
            }
        } else if (value instanceof Double || value instanceof Float) {
            if (!Double.isFinite(((Number) value).doubleValue())) {
                throw new IllegalArgumentException("json cannot hold " + value);
            }
        } else if (!(value == null || value instanceof String || value instanceof Boolean || value instanceof Number)) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as json");
        }
    }

    /** A JSON string literal, escaped as {@link #write} escapes it. */
    static String quote(String value) {
        return write(value);
    }

    /**
     * Escapes U+2028/U+2029 (line breaks to JavaScript) and surrogates (a lone one is not encodable in UTF-8),
     * so written text is one line that also reads as a JavaScript string literal.
     */
    private static final class LineSafeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        @Override
        public int[] getEscapeCodesForAscii() {
            ascii[0x7f] = ESCAPE_STANDARD;
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == 0x2028 || ch == 0x2029 || Character.isSurrogate((char) ch)) {
                return new SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }
}
