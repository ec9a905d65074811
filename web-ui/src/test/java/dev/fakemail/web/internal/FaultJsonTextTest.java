package dev.fakemail.web.internal;

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

/**
 * The strict Jackson set-up under the JSON form of fault rules (moved from fake-server's JsonTest, which
 * tested the hand-written reader this replaces). Syntax errors carry Jackson's wording after the offset.
 */
class FaultJsonTextTest {
    @Test
    void readsEveryKindOfValue() {
        Object value = FaultJsonText.parse(" {\"a\" : [1, -2, 2147483648, 1.5, -0.25e1, 1E2, true, false, null, \"s\", {}, []],"
                + "\"b\":{\"c\":{}}}\r\n");
        assertThat(value).isEqualTo(Map.of(
                "a", Arrays.asList(1, -2, 2147483648L, 1.5, -2.5, 100.0, true, false, null, "s", Map.of(), List.of()),
                "b", Map.of("c", Map.of())));
        assertThat(List.copyOf(((Map<?, ?>) value).keySet())).isEqualTo(List.of("a", "b"));
        assertThat(FaultJsonText.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        // Jackson keeps larger whole numbers exact (the hand-written reader made them a double).
        assertThat(FaultJsonText.parse("9223372036854775808")).isEqualTo(new BigInteger("9223372036854775808"));
        assertThat(FaultJsonText.parse("-0")).isEqualTo(0);
        assertThat(FaultJsonText.parse("-0.0")).isEqualTo(-0.0);
        assertThat(FaultJsonText.parse("\"\"")).isEqualTo("");
    }

    @Test
    void readsAllEscapes() {
        assertThat(FaultJsonText.parse("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0041 \\u00e9 \\u20AC\""))
                .isEqualTo("\" \\ / \b \f \n \r \t A é €");
        assertThat(FaultJsonText.parse("\"\\ud83d\\ude00 = 😀\"")).isEqualTo("😀 = 😀");
        // lone surrogates are grammatical JSON (RFC 8259); they pass so that any Java string round-trips
        assertThat(FaultJsonText.parse("\"\\udead\"")).isEqualTo("\udead");
    }

    @Test
    void writesEscapesThatReadBack() {
        StringBuilder every = new StringBuilder("\"quotes\" \\back\\slash / é € 😀 \u2028\u2029 \ud800 x \udfff");
        for (char c = 0; c < 0x20; c++) {
            every.append(c);
        }
        String text = every.append('\u007f').toString();
        assertThat(FaultJsonText.parse(FaultJsonText.write(text))).isEqualTo(text);
        assertThat(FaultJsonText.quote("a\"b\\c\n\r\t\b\f\u0001\u001f\u007f\u2028é😀"))
                .isEqualTo("\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001F\\u007F\\u2028é\\ud83d\\ude00\"");
        // Jackson writes upper-case hex; surrogates are escaped in pairs too (a lone one cannot be told apart).
        assertThat(FaultJsonText.quote("\ud800x")).isEqualTo("\"\\ud800x\"");
    }

    @Test
    void writesTreesCompactlyInOrder() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("z", 1);
        tree.put("a", Arrays.asList(2L, 1.5, -0.0, 1e20, null, true, "s"));
        tree.put("big", List.of(new BigInteger("123456789012345678901234567890"), new BigDecimal("1.50")));
        tree.put("empty", Map.of());
        assertThat(FaultJsonText.write(tree)).isEqualTo("{\"z\":1,\"a\":[2,1.5,-0.0,1.0E20,null,true,\"s\"],"
                + "\"big\":[123456789012345678901234567890,1.50],\"empty\":{}}");
        assertThat(FaultJsonText.parse(FaultJsonText.write(tree))).isEqualTo(Map.of("z", 1,
                "a", Arrays.asList(2, 1.5, -0.0, 1e20, null, true, "s"),
                "big", List.of(new BigInteger("123456789012345678901234567890"), 1.5), "empty", Map.of()));
    }

    @Test
    void writerRefusesWhatJsonCannotHold() {
        assertThatThrownBy(() -> FaultJsonText.write(Double.NaN)).hasMessage("json cannot hold NaN");
        assertThatThrownBy(() -> FaultJsonText.write(List.of(Float.POSITIVE_INFINITY))).hasMessage("json cannot hold Infinity");
        assertThatThrownBy(() -> FaultJsonText.write(Map.of(1, 2))).hasMessage("json object keys must be strings, was 1");
        assertThatThrownBy(() -> FaultJsonText.write(new Object())).hasMessage("cannot write java.lang.Object as json");
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThatThrownBy(() -> FaultJsonText.write(cycle)).hasMessage("json nesting deeper than 32 levels (a cycle?)");
    }

    /** Offsets as the hand-written reader named them (Jackson's differ by one for some); wording is Jackson's. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`` | 0 | unexpected end of input, expected a value",
        "`   ` | 3 | unexpected end of input, expected a value",
        "{\"a\" 1} | 5 | was expecting a colon to separate field name and value",
        "{\"a\":1,} | 7 | was expecting double-quote to start field name",
        "{a:1} | 1 | was expecting double-quote to start field name",
        "{\"a\":1 | 6 | Unexpected end-of-input: expected close marker for Object",
        "[1,] | 3 | Unexpected character (']' (code 93)): expected a valid value",
        "[1 2] | 3 | was expecting comma to separate Array entries",
        "[1, | 3 | Unexpected end-of-input",
        "\"abc | 4 | was expecting closing quote for a string value",
        "\"a\\x\" | 3 | Unrecognized character escape 'x'",
        "\"\\u12G4\" | 5 | expected a hex-digit for character escape sequence",
        "\"\\u12\" | 5 | expected a hex-digit for character escape sequence",
        "\"tab\there\" | 4 | has to be escaped using backslash",
        "01 | 1 | Leading zeroes not allowed",
        "1. | 1 | Decimal point not followed by a digit",
        ".5 | 0 | Unexpected character ('.' (code 46)): expected a valid value",
        "- | 1 | No digit following sign",
        "+1 | 1 | JSON spec does not allow numbers to have plus signs",
        "1e | 2 | expected a digit for number exponent",
        "tru | 3 | Unrecognized token 'tru'",
        "NaN | 3 | Non-standard token 'NaN'",
        "null null | 5 | Trailing token (of type VALUE_NULL) found after value",
        "{\"a\":1}} | 7 | Unexpected close marker '}'",
        "[\"é\" ü] | 5 | was expecting comma to separate Array entries",
        "\u00a0{} | 0 | (code 160)): expected a valid value",
        "{\"k\":1,\"k\":2} | 10 | Duplicate field 'k'"})
    void syntaxErrorsNameTheOffset(String json, int offset, String problem) {
        assertThatThrownBy(() -> FaultJsonText.parse(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("json at offset " + offset + ": ").hasMessageContaining(problem);
    }

    @Test
    void numbersBeyondADoubleAreAnError() {
        assertThatThrownBy(() -> FaultJsonText.parse("1e999")).hasMessage("json: number out of range");
        assertThatThrownBy(() -> FaultJsonText.parse("{\"a\":[-1e999]}")).hasMessage("json: number out of range");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[", "{\"a\":"})
    void nestingIsBounded(String opener) {
        String fits = opener.repeat(FaultJsonText.MAX_DEPTH) + "1" + (opener.equals("[") ? "]" : "}").repeat(FaultJsonText.MAX_DEPTH);
        assertThat(FaultJsonText.parse(fits)).isNotNull();
        String tooDeep = opener.repeat(FaultJsonText.MAX_DEPTH + 1) + "1";
        int offset = opener.length() * FaultJsonText.MAX_DEPTH;
        assertThatThrownBy(() -> FaultJsonText.parse(tooDeep))
                .hasMessageMatching("json( at offset \\d+)?: nesting deeper than 32 levels");
    }

    @Test
    void inputSizeIsBounded() {
        String largest = "\"" + "x".repeat(FaultJsonText.MAX_LENGTH - 2) + "\"";
        assertThat(FaultJsonText.parse(largest)).isEqualTo("x".repeat(FaultJsonText.MAX_LENGTH - 2));
        assertThatThrownBy(() -> FaultJsonText.parse(largest + " "))
                .hasMessage("json input too large: 65537 characters (at most 65536)");
    }
}
