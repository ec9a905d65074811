package dev.fakemail.internal.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
    @Test
    void readsEveryKindOfValue() {
        Object value = Json.parse(" {\"a\" : [1, -2, 2147483648, 1.5, -0.25e1, 1E2, true, false, null, \"s\", {}, []],"
                + "\"b\":{\"c\":{}}}\r\n");
        assertThat(value).isEqualTo(Map.of(
                "a", Arrays.asList(1, -2, 2147483648L, 1.5, -2.5, 100.0, true, false, null, "s", Map.of(), List.of()),
                "b", Map.of("c", Map.of())));
        assertThat(List.copyOf(((Map<?, ?>) value).keySet())).isEqualTo(List.of("a", "b"));
        assertThat(Json.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(Json.parse("9223372036854775808")).isEqualTo(9.223372036854775808e18);
        assertThat(Json.parse("-0")).isEqualTo(0);
        assertThat(Json.parse("-0.0")).isEqualTo(-0.0);
        assertThat(Json.parse("\"\"")).isEqualTo("");
    }

    @Test
    void readsAllEscapes() {
        assertThat(Json.parse("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0041 \\u00e9 \\u20AC\""))
                .isEqualTo("\" \\ / \b \f \n \r \t A é €");
        assertThat(Json.parse("\"\\ud83d\\ude00 = 😀\"")).isEqualTo("😀 = 😀");
        // lone surrogates are grammatical JSON (RFC 8259); they pass so that any Java string round-trips
        assertThat(Json.parse("\"\\udead\"")).isEqualTo("\udead");
    }

    @Test
    void writesEscapesThatReadBack() {
        StringBuilder every = new StringBuilder("\"quotes\" \\back\\slash / é € 😀 \u2028\u2029 \ud800 x \udfff");
        for (char c = 0; c < 0x20; c++) {
            every.append(c);
        }
        String text = every.append('\u007f').toString();
        assertThat(Json.parse(Json.write(text))).isEqualTo(text);
        assertThat(Json.quote("a\"b\\c\n\r\t\b\f\u0001\u001f\u007f\u2028é😀"))
                .isEqualTo("\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f\\u007f\\u2028é😀\"");
        assertThat(Json.quote("\ud800x")).isEqualTo("\"\\ud800x\"");
    }

    @Test
    void writesTreesCompactlyInOrder() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("z", 1);
        tree.put("a", Arrays.asList(2L, 1.5, -0.0, 1e20, null, true, "s"));
        tree.put("big", List.of(new BigInteger("123456789012345678901234567890"), new BigDecimal("1.50")));
        tree.put("empty", Map.of());
        assertThat(Json.write(tree)).isEqualTo("{\"z\":1,\"a\":[2,1.5,-0.0,1.0E20,null,true,\"s\"],"
                + "\"big\":[123456789012345678901234567890,1.50],\"empty\":{}}");
        assertThat(Json.parse(Json.write(tree))).isEqualTo(Map.of("z", 1,
                "a", Arrays.asList(2, 1.5, -0.0, 1e20, null, true, "s"),
                "big", List.of(1.2345678901234568e29, 1.5), "empty", Map.of()));
    }

    @Test
    void writerRefusesWhatJsonCannotHold() {
        assertThatThrownBy(() -> Json.write(Double.NaN)).hasMessage("json cannot hold NaN");
        assertThatThrownBy(() -> Json.write(List.of(Float.POSITIVE_INFINITY))).hasMessage("json cannot hold Infinity");
        assertThatThrownBy(() -> Json.write(Map.of(1, 2))).hasMessage("json object keys must be strings, was 1");
        assertThatThrownBy(() -> Json.write(new Object())).hasMessage("cannot write java.lang.Object as json");
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThatThrownBy(() -> Json.write(cycle)).hasMessage("json nesting deeper than 32 levels (a cycle?)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`` | json at offset 0: unexpected end of input, expected a value",
        "`   ` | json at offset 3: unexpected end of input, expected a value",
        "{\"a\" 1} | json at offset 5: expected ':'",
        "{\"a\":1,} | json at offset 7: expected a string key, found character '}'",
        "{a:1} | json at offset 1: expected a string key, found character 'a'",
        "{\"a\":1 | json at offset 6: expected ',' or '}' at the end of input",
        "[1,] | json at offset 3: unexpected character ']', expected a value",
        "[1 2] | json at offset 3: expected ',' or ']'",
        "[1, | json at offset 3: unexpected end of input, expected a value",
        "\"abc | json at offset 4: unterminated string",
        "\"a\\x\" | json at offset 2: bad escape '\\x'",
        "\"\\u12G4\" | json at offset 1: bad unicode escape, expected four hex digits after \\u",
        "\"\\u12\" | json at offset 1: bad unicode escape, expected four hex digits after \\u",
        "\"tab\there\" | json at offset 4: unescaped control character U+0009 in a string",
        "01 | json at offset 1: unexpected character '1' after the value",
        "1. | json at offset 2: bad number, expected a digit after '.'",
        ".5 | json at offset 0: unexpected character '.', expected a value",
        "- | json at offset 1: bad number, expected a digit",
        "+1 | json at offset 0: unexpected character '+', expected a value",
        "1e | json at offset 2: bad number, expected a digit in the exponent",
        "1e999 | json at offset 0: number out of range",
        "tru | json at offset 0: unexpected character 't', expected a value",
        "NaN | json at offset 0: unexpected character 'N', expected a value",
        "null null | json at offset 5: unexpected character 'n' after the value",
        "{\"a\":1}} | json at offset 7: unexpected character '}' after the value",
        "[\"é\" ü] | json at offset 5: expected ',' or ']'",
        "\u00a0{} | json at offset 0: unexpected character U+00A0, expected a value",
        "{\"k\":1,\"k\":2} | json at offset 7: duplicate key \"k\""})
    void syntaxErrorsNameTheOffset(String json, String message) {
        assertThatThrownBy(() -> Json.parse(json)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[", "{\"a\":"})
    void nestingIsBounded(String opener) {
        String fits = opener.repeat(Json.MAX_DEPTH) + "1" + (opener.equals("[") ? "]" : "}").repeat(Json.MAX_DEPTH);
        assertThat(Json.parse(fits)).isNotNull();
        String tooDeep = opener.repeat(Json.MAX_DEPTH + 1) + "1";
        int offset = opener.length() * Json.MAX_DEPTH;
        assertThatThrownBy(() -> Json.parse(tooDeep))
                .hasMessage("json at offset " + offset + ": nesting deeper than 32 levels");
    }

    @Test
    void inputSizeIsBounded() {
        String largest = "\"" + "x".repeat(Json.MAX_LENGTH - 2) + "\"";
        assertThat(Json.parse(largest)).isEqualTo("x".repeat(Json.MAX_LENGTH - 2));
        assertThatThrownBy(() -> Json.parse(largest + " "))
                .hasMessage("json input too large: 65537 characters (at most 65536)");
    }
}
