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

    @Test
    void asciiNeedlesAreFoundInRawBytesWithoutCaseWhereDecodingWouldNotChangeThem() {
        MessageStructure plain = MessageStructure.parse(bytes("Subject: Quarterly Report\r\nX-Id: a=b\r\n\r\n"
                + "Line one\r\nthe NEEDLE is here\r\n"));
        assertThat(SearchText.textContains(plain, "needle")).isTrue();
        assertThat(SearchText.textContains(plain, "nEeDlE iS")).isTrue();
        assertThat(SearchText.textContains(plain, "quarterly report")).isTrue(); // a header value
        assertThat(SearchText.textContains(plain, "one\r\nthe")).isTrue(); // across a line break, as decoded
        assertThat(SearchText.textContains(plain, "needles")).isFalse();
        assertThat(SearchText.textContains(plain, "Subject")).isFalse(); // field names are not searched
        assertThat(SearchText.bodyContains(plain, "report")).isFalse();
        assertThat(SearchText.textContains(plain, "")).isTrue();
    }

    @Test
    void encodedOrFoldedTextIsStillDecodedBeforeItIsSearched() {
        MessageStructure m = MessageStructure.parse(bytes("Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= and a\r\n"
                + " folded tail\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n\r\nsoft=\r\nbreak caf=C3=A9\r\n"));
        assertThat(SearchText.textContains(m, "GRÜSSE")).isFalse(); // no case folding of ß to SS
        assertThat(SearchText.textContains(m, "grüße and")).isTrue();
        assertThat(SearchText.textContains(m, "a folded")).isTrue(); // unfolded first
        assertThat(SearchText.textContains(m, "SOFTBREAK")).isTrue(); // the soft line break is gone
        assertThat(SearchText.textContains(m, "=C3")).isFalse();
        assertThat(SearchText.bodyContains(m, "CAFÉ")).isTrue();
    }

    @Test
    void eightBitUtf8BodiesMatchAsciiAndNonAsciiNeedles() {
        MessageStructure m = MessageStructure.parse(("Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\nDie Grüße aus Köln\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(SearchText.bodyContains(m, "AUS köln")).isTrue();
        assertThat(SearchText.bodyContains(m, "DIE GR")).isTrue();
        assertThat(SearchText.bodyContains(m, "grusse")).isFalse();
        assertThat(SearchText.bodyContains(m, "grüße")).isTrue();
        assertThat(SearchText.bodyContains(m, "kÖLN")).isTrue();
    }
}
