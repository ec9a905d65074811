package dev.fakemail.internal.imap.mime;

import static dev.fakemail.internal.imap.mime.Fixtures.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImapOutTest {
    private static String string(String s) {
        return str(new ImapOut(1).string(s).toByteArray());
    }

    private static String human(String s) {
        return str(new ImapOut(1).stringForHumans(s).toByteArray());
    }

    /** A text and how string() writes it. */
    static Stream<Arguments> strings() {
        String longText = "x".repeat(1000);
        return Stream.of(
                // seven-bit text is a quoted string with quotes and backslashes escaped
                arguments(named("empty", ""), "\"\""),
                arguments(named("quotes and a backslash", "a \"b\" \\ c"), "\"a \\\"b\\\" \\\\ c\""),
                // line breaks and eight-bit bytes make a literal with the octet count
                arguments(named("line break", "a\r\nb"), "{4}\r\na\r\nb"),
                arguments(named("eight-bit byte", "\u00e9\""), "{2}\r\n\u00e9\""),
                // NUL bytes are dropped because IMAP cannot carry them
                arguments(named("NUL in a quoted string", "a\u0000b"), "\"ab\""),
                arguments(named("NUL in a literal", "\u00e9\u0000"), "{1}\r\n\u00e9"),
                // more than four escapes make a literal, as in Dovecot
                arguments(named("four escapes", "\"\"\"\""), "\"\\\"\\\"\\\"\\\"\""),
                arguments(named("five escapes", "\"\"\"\"\\"), "{5}\r\n\"\"\"\"\\"),
                // the buffer grows past its initial capacity
                arguments(named("1000 characters", longText), "\"" + longText + "\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strings")
    void stringIsAQuotedStringOrALiteral(String text, String written) {
        assertThat(string(text)).isEqualTo(written);
    }

    @Test
    void nullNstringIsNil() {
        assertThat(str(new ImapOut().nstring(null).toByteArray())).isEqualTo("NIL");
    }

    /** A text and how stringForHumans() writes it: whitespace collapsed, and a literal when that changed it. */
    static Stream<Arguments> stringsForHumans() {
        return Stream.of(
                arguments("plain words", "\"plain words\""),
                arguments(" lead", "{4}\r\nlead"),
                arguments("a \t b\r\n c ", "{5}\r\na b c"),
                arguments("say \"x\"", "{7}\r\nsay \"x\""),
                arguments(" \t ", "\"\""),
                arguments("", "\"\""),
                arguments("nul\u0000", "{4}\r\nnul\u0080"));
    }

    @ParameterizedTest
    @MethodSource("stringsForHumans")
    void stringForHumans(String text, String written) {
        assertThat(human(text)).isEqualTo(written);
    }

    @Test
    void writesToAStreamAndCanBeReused() throws Exception {
        ImapOut out = new ImapOut().ascii("* 1 FETCH (").nil().ch(')');
        java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();
        out.writeTo(sink);
        assertThat(str(sink.toByteArray())).isEqualTo("* 1 FETCH (NIL)");
        out.reset();
        assertThat(str(out.number(42).toByteArray())).isEqualTo("42");
    }

    @Test
    void textBeyondLatin1GoesOutAsUtf8NeverAsTruncatedLowBytes() {
        byte[] written = new ImapOut().string("Gr\u00fc\u00dfe \u040d\u20ac").toByteArray();
        byte[] utf8 = "Gr\u00fc\u00dfe \u040d\u20ac".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(str(written)).startsWith("{" + utf8.length + "}\r\n");
        assertThat(java.util.Arrays.copyOfRange(written, written.length - utf8.length, written.length)).isEqualTo(utf8);
        assertThat(human("\u040d  x")).isEqualTo(str(("{4}\r\n\u040d x").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        // octets (chars up to 0xFF, as header bytes are read) stay one byte each
        assertThat(new ImapOut().string("caf\u00e9").toByteArray()).containsExactly('{', '4', '}', '\r', '\n', 'c', 'a',
                'f', 0xe9);
    }
}
