package dev.fakemail.internal.imap.mime;

import static dev.fakemail.internal.imap.mime.Fixtures.bytes;
import static dev.fakemail.internal.imap.mime.Fixtures.str;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * multipart/mixed holding a multipart/alternative, an attachment with every extension field, and a
 * message/rfc822 whose own multipart has a part without headers and no close delimiter.
 * Sizes and line counts below were counted by hand from the message text.
 */
class NestedMessageTest {
    static final String MESSAGE = "From: \"Doe, Jane\" <jane@example.test>\r\n"
            + "To: team:  bob@example.test, \"Carl\" <carl@example.test>;, solo@example.test\r\n"
            + "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= report\r\n"
            + "Date: Mon, 7 Feb 1994 21:52:25 -0800\r\n"
            + "Message-ID: <outer@example.test>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"outer\"\r\n"
            + "Content-Language: en, de\r\n"
            + "\r\n"
            + "This is a preamble.\r\n"
            + "--outer\r\n"
            + "Content-Type: multipart/alternative; boundary=inner\r\n"
            + "\r\n"
            + "--inner\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n"
            + "Content-Transfer-Encoding: quoted-printable\r\n"
            + "\r\n"
            + "Gr=C3=BC=C3=9Fe\r\n"
            + "zweite Zeile\r\n"
            + "--inner\r\n"
            + "Content-Type: text/html; charset=\"utf-8\"\r\n"
            + "\r\n"
            + "<p>Hi</p>\r\n"
            + "--inner--\r\n"
            + "--outer\r\n"
            + "Content-Type: application/pdf; name=\"r.pdf\"\r\n"
            + "Content-Disposition: attachment; filename=\"r.pdf\"; size=3\r\n"
            + "Content-Transfer-Encoding: base64\r\n"
            + "Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==\r\n"
            + "Content-Location: http://example.test/r.pdf\r\n"
            + "\r\n"
            + "JVBE\r\n"
            + "--outer\r\n"
            + "Content-Type: message/rfc822\r\n"
            + "Content-Description: forwarded\r\n"
            + "\r\n"
            + "From: bob@example.test\r\n"
            + "Subject: inner\r\n"
            + "Content-Type: multipart/mixed; boundary=b2\r\n"
            + "\r\n"
            + "--b2\r\n"
            + "\r\n"
            + "no headers here\r\n"
            + "--b2\r\n"
            + "Content-Type: text/plain\r\n"
            + "\r\n"
            + "tail\r\n"
            + "--outer--\r\n"
            + "epilogue\r\n";

    private final MessageStructure structure = MessageStructure.parse(bytes(MESSAGE));

    @Test
    void envelopeHasGroupsQuotedNamesAndTheSubjectAsSent() {
        assertThat(Fixtures.envelope(MESSAGE)).isEqualTo("(\"Mon, 7 Feb 1994 21:52:25 -0800\" "
                + "\"=?UTF-8?Q?Gr=C3=BC=C3=9Fe?= report\" "
                + "((\"Doe, Jane\" NIL \"jane\" \"example.test\")) "
                + "((\"Doe, Jane\" NIL \"jane\" \"example.test\")) "
                + "((\"Doe, Jane\" NIL \"jane\" \"example.test\")) "
                + "((NIL NIL \"team\" NIL)(NIL NIL \"bob\" \"example.test\")(\"Carl\" NIL \"carl\" \"example.test\")"
                + "(NIL NIL NIL NIL)(NIL NIL \"solo\" \"example.test\")) "
                + "NIL NIL NIL \"<outer@example.test>\")");
    }

    private static final String INNER_ENVELOPE = "(NIL \"inner\" ((NIL NIL \"bob\" \"example.test\")) "
            + "((NIL NIL \"bob\" \"example.test\")) ((NIL NIL \"bob\" \"example.test\")) NIL NIL NIL NIL NIL)";

    @Test
    void bodyStructureHasExtensionDataAtEveryLevel() {
        assertThat(Fixtures.bodyStructure(MESSAGE)).isEqualTo("("
                + "((\"text\" \"plain\" (\"charset\" \"UTF-8\") NIL NIL \"quoted-printable\" 29 1 NIL NIL NIL NIL)"
                + "(\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 9 0 NIL NIL NIL NIL)"
                + " \"alternative\" (\"boundary\" \"inner\") NIL NIL NIL)"
                + "(\"application\" \"pdf\" (\"name\" \"r.pdf\") NIL NIL \"base64\" 4 \"Q2hlY2sgSW50ZWdyaXR5IQ==\""
                + " (\"attachment\" (\"filename\" \"r.pdf\" \"size\" \"3\")) NIL \"http://example.test/r.pdf\")"
                + "(\"message\" \"rfc822\" NIL NIL \"forwarded\" \"7bit\" 149 " + INNER_ENVELOPE + " "
                + "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 15 0 NIL NIL NIL NIL)"
                + "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 4 0 NIL NIL NIL NIL)"
                + " \"mixed\" (\"boundary\" \"b2\") NIL NIL NIL) 10 NIL NIL NIL NIL)"
                + " \"mixed\" (\"boundary\" \"outer\") NIL (\"en\" \"de\") NIL)");
    }

    @Test
    void bodyHasNoExtensionData() {
        assertThat(Fixtures.body(MESSAGE)).isEqualTo("("
                + "((\"text\" \"plain\" (\"charset\" \"UTF-8\") NIL NIL \"quoted-printable\" 29 1)"
                + "(\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 9 0) \"alternative\")"
                + "(\"application\" \"pdf\" (\"name\" \"r.pdf\") NIL NIL \"base64\" 4)"
                + "(\"message\" \"rfc822\" NIL NIL \"forwarded\" \"7bit\" 149 " + INNER_ENVELOPE + " "
                + "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 15 0)"
                + "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 4 0) \"mixed\") 10)"
                + " \"mixed\")");
    }

    private String section(String spec) {
        Optional<SectionContent> content = structure.section(SectionSpec.parse(spec));
        return content.map(c -> str(c.toByteArray())).orElse(null);
    }

    @Test
    void partSectionsAreTheBodiesWithoutTheLineBreakBeforeTheDelimiter() {
        assertThat(section("1")).startsWith("--inner\r\nContent-Type: text/plain").endsWith("<p>Hi</p>\r\n--inner--");
        assertThat(section("1.1")).isEqualTo("Gr=C3=BC=C3=9Fe\r\nzweite Zeile");
        assertThat(section("1.2")).isEqualTo("<p>Hi</p>");
        assertThat(section("2")).isEqualTo("JVBE");
        assertThat(section("3.1")).isEqualTo("no headers here");
        assertThat(section("3.2")).isEqualTo("tail");
        assertThat(section("3")).hasSize(149).startsWith("From: bob@example.test\r\n").endsWith("\r\n\r\ntail");
    }

    @Test
    void mimeSectionsAreThePartHeadersWithTheirEmptyLine() {
        assertThat(section("1.1.MIME"))
                .isEqualTo("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
        assertThat(section("3.1.MIME")).isEqualTo("\r\n");
        assertThat(section("3.MIME")).isEqualTo("Content-Type: message/rfc822\r\nContent-Description: forwarded\r\n\r\n");
    }

    @Test
    void headerAndTextOfAMessagePartAreThoseOfTheEmbeddedMessage() {
        assertThat(section("3.HEADER"))
                .isEqualTo("From: bob@example.test\r\nSubject: inner\r\nContent-Type: multipart/mixed; boundary=b2\r\n\r\n");
        assertThat(section("3.TEXT"))
                .isEqualTo("--b2\r\n\r\nno headers here\r\n--b2\r\nContent-Type: text/plain\r\n\r\ntail");
        assertThat(section("3.HEADER.FIELDS (subject FROM)")).isEqualTo("From: bob@example.test\r\nSubject: inner\r\n\r\n");
    }

    @Test
    void topLevelHeaderTextAndFieldSections() {
        assertThat(section("")).isEqualTo(MESSAGE);
        assertThat(section("HEADER")).startsWith("From: ").endsWith("Content-Language: en, de\r\n\r\n");
        assertThat(section("TEXT")).startsWith("This is a preamble.\r\n--outer\r\n").endsWith("--outer--\r\nepilogue\r\n");
        assertThat(section("HEADER.FIELDS.NOT (Content-Type MIME-Version content-language)"))
                .isEqualTo("From: \"Doe, Jane\" <jane@example.test>\r\n"
                        + "To: team:  bob@example.test, \"Carl\" <carl@example.test>;, solo@example.test\r\n"
                        + "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= report\r\n"
                        + "Date: Mon, 7 Feb 1994 21:52:25 -0800\r\n"
                        + "Message-ID: <outer@example.test>\r\n\r\n");
        assertThat(section("HEADER.FIELDS (X-Absent)")).isEqualTo("\r\n");
    }

    @Test
    void sectionsThatDoNotExistAreEmpty() {
        assertThat(section("4")).isNull();
        assertThat(section("1.1.1")).isNull();
        assertThat(section("2.HEADER")).isNull();
        assertThat(section("2.TEXT")).isNull();
        assertThat(section("3.3")).isNull();
    }

    @Test
    void sectionsOfTheStoredBytesAreSlicesNotCopies() {
        byte[] raw = structure.raw();
        SectionContent text = structure.section(SectionSpec.parse("1.2")).orElseThrow();
        assertThat(text.source()).isSameAs(raw);
        assertThat(text.isComposed()).isFalse();
        assertThat(str(raw).substring(text.offset(), text.offset() + text.length())).isEqualTo("<p>Hi</p>");
        assertThat(structure.section(SectionSpec.parse("HEADER.FIELDS (From)")).orElseThrow().isComposed()).isTrue();
    }

    @Test
    void partialsCountOctetsOfTheSection() {
        SectionContent text = structure.section(SectionSpec.parse("TEXT")).orElseThrow();
        assertThat(str(text.partial(0, 20).toByteArray())).isEqualTo("This is a preamble.\r");
        assertThat(str(text.partial(5, 2).toByteArray())).isEqualTo("is");
        assertThat(text.partial(text.length() - 3, 100).toByteArray()).isEqualTo(bytes("e\r\n"));
        assertThat(text.partial(text.length(), 10).length()).isZero();
        assertThat(text.partial(1_000_000, 10).length()).isZero();
        SectionContent fields = structure.section(SectionSpec.parse("3.HEADER.FIELDS (Subject)")).orElseThrow();
        assertThat(str(fields.partial(9, 100).toByteArray())).isEqualTo("inner\r\n\r\n");
    }

    @Test
    void partNumbersFollowRfc3501() {
        assertThat(structure.part(1).subtype()).isEqualTo("alternative");
        assertThat(structure.part(3).isMessageRfc822()).isTrue();
        assertThat(structure.part(3, 2).bodySize()).isEqualTo(4);
        assertThat(structure.part(0)).isNull();
        assertThat(structure.part().isMultipart()).isTrue();
    }
}
