package dev.fakemail.internal.imap.mime;

import static dev.fakemail.internal.imap.mime.Fixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchTextTest {
    private static final MessageStructure MESSAGE = MessageStructure.parse(bytes(NestedMessageTest.MESSAGE));

    @Test
    void headerValuesAreDecodedEncodedWords() {
        assertThat(SearchText.headerValues(MESSAGE.root().headers(), "subject")).containsExactly("Grüße report");
        assertThat(SearchText.headerContains(MESSAGE.root().headers(), "Subject", "GRÜßE")).isTrue();
        assertThat(SearchText.headerContains(MESSAGE.root().headers(), "Subject", "Gruesse")).isFalse();
        assertThat(SearchText.headerContains(MESSAGE.root().headers(), "From", "doe, JANE")).isTrue();
    }

    @Test
    void rawUtf8HeaderBytesAreReadAsUtf8AndOtherEightBitBytesAsLatin1() {
        assertThat(SearchText.decodeHeaderValue("Gr\u00c3\u00bc\u00c3\u009fe")).isEqualTo("Grüße");
        assertThat(SearchText.decodeHeaderValue("caf\u00e9")).isEqualTo("café");
    }

    @Test
    void bodyTextIsTransferAndCharsetDecodedForTextPartsOnly() {
        assertThat(SearchText.bodyText(MESSAGE))
                .isEqualTo("Grüße\r\nzweite Zeile\n<p>Hi</p>\nno headers here\ntail");
        assertThat(SearchText.bodyContains(MESSAGE, "GRÜßE")).isTrue();
        assertThat(SearchText.bodyContains(MESSAGE, "Gr=C3")).isFalse(); // decoded, not the encoded text
        assertThat(SearchText.bodyContains(MESSAGE, "JVBE")).isFalse(); // the pdf is not text
        assertThat(SearchText.bodyContains(MESSAGE, "report")).isFalse(); // subject is header, not body
        assertThat(SearchText.textContains(MESSAGE, "report")).isTrue();
        assertThat(SearchText.textContains(MESSAGE, "no HEADERS")).isTrue();
    }

    @Test
    void base64TextWithACharset() {
        MessageStructure m = MessageStructure.parse(bytes("Content-Type: text/plain; charset=ISO-8859-1\r\n"
                + "Content-Transfer-Encoding: BASE64\r\n\r\nY2Fm6SBjcuhtZQ==\r\n"));
        assertThat(SearchText.bodyText(m)).isEqualTo("café crème");
    }
}
