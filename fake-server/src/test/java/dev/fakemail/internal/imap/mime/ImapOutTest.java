package dev.fakemail.internal.imap.mime;

import static dev.fakemail.internal.imap.mime.Fixtures.str;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImapOutTest {
    private static String string(String s) {
        return str(new ImapOut(1).string(s).toByteArray());
    }

    @Test
    void sevenBitTextIsAQuotedStringWithQuotesAndBackslashesEscaped() {
        assertThat(string("")).isEqualTo("\"\"");
        assertThat(string("a \"b\" \\ c")).isEqualTo("\"a \\\"b\\\" \\\\ c\"");
        assertThat(str(new ImapOut().nstring(null).toByteArray())).isEqualTo("NIL");
    }

    @Test
    void lineBreaksAndEightBitBytesMakeALiteralWithTheOctetCount() {
        assertThat(string("a\r\nb")).isEqualTo("{4}\r\na\r\nb");
        assertThat(string("\u00e9\"")).isEqualTo("{2}\r\n\u00e9\"");
    }

    @Test
    void nulBytesAreDroppedBecauseImapCannotCarryThem() {
        assertThat(string("a\u0000b")).isEqualTo("\"ab\"");
        assertThat(string("\u00e9\u0000")).isEqualTo("{1}\r\n\u00e9");
    }

    @Test
    void moreThanFourEscapesMakeALiteralAsInDovecot() {
        assertThat(string("\"\"\"\"")).isEqualTo("\"\\\"\\\"\\\"\\\"\"");
        assertThat(string("\"\"\"\"\\")).isEqualTo("{5}\r\n\"\"\"\"\\");
    }

    private static String human(String s) {
        return str(new ImapOut(1).stringForHumans(s).toByteArray());
    }

    @Test
    void stringsForHumansCollapseWhitespaceAndAreLiteralsWhenChanged() {
        assertThat(human("plain words")).isEqualTo("\"plain words\"");
        assertThat(human(" lead")).isEqualTo("{4}\r\nlead");
        assertThat(human("a \t b\r\n c ")).isEqualTo("{5}\r\na b c");
        assertThat(human("say \"x\"")).isEqualTo("{7}\r\nsay \"x\"");
        assertThat(human(" \t ")).isEqualTo("\"\"");
        assertThat(human("")).isEqualTo("\"\"");
        assertThat(human("nul\u0000")).isEqualTo("{4}\r\nnul\u0080");
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
    void growsPastItsInitialCapacity() {
        String longText = "x".repeat(1000);
        assertThat(string(longText)).isEqualTo("\"" + longText + "\"");
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
