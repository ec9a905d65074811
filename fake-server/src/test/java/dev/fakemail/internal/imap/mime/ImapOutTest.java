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
    void growsPastItsInitialCapacity() {
        String longText = "x".repeat(1000);
        assertThat(string(longText)).isEqualTo("\"" + longText + "\"");
    }
}
