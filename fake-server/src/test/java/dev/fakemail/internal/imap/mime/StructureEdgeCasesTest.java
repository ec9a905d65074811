package dev.fakemail.internal.imap.mime;

import static dev.fakemail.internal.imap.mime.Fixtures.body;
import static dev.fakemail.internal.imap.mime.Fixtures.bodyStructure;
import static dev.fakemail.internal.imap.mime.Fixtures.bytes;
import static dev.fakemail.internal.imap.mime.Fixtures.str;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StructureEdgeCasesTest {
    private static String section(String message, String spec) {
        return MessageStructure.parse(bytes(message)).section(SectionSpec.parse(spec))
                .map(c -> str(c.toByteArray())).orElse(null);
    }

    @Test
    void aMessageWithoutContentTypeIsTextPlainUsAsciiSevenBit() {
        String message = "Subject: x\r\n\r\nline 1\r\nline 2\r\n";
        assertThat(body(message)).isEqualTo("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 16 2)");
        assertThat(bodyStructure(message))
                .isEqualTo("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 16 2 NIL NIL NIL NIL)");
    }

    @Test
    void anInvalidContentTypeFallsBackToTheDefault() {
        assertThat(body("Content-Type: garbage\r\n\r\nx"))
                .isEqualTo("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 1 0)");
    }

    @Test
    void aTextPartWithoutCharsetGetsOneAppendedAfterItsOwnParameters() {
        assertThat(body("Content-Type: text/x-custom; format=flowed (a comment)\r\n\r\n"))
                .isEqualTo("(\"text\" \"x-custom\" (\"format\" \"flowed\" \"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0)");
    }

    @Test
    void nonTextPartsHaveNoLineCountAndNoParametersIsNil() {
        assertThat(bodyStructure("Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: inline\r\nContent-Language: fr\r\n\r\niVBO\r\n"))
                .isEqualTo("(\"image\" \"png\" NIL NIL NIL \"base64\" 6 NIL (\"inline\" NIL) (\"fr\") NIL)");
    }

    @Test
    void parameterValuesAreUnquotedUnfoldedAndEightBitValuesAreLiterals() {
        assertThat(body("Content-Type: application/octet-stream;\r\n name=\"a \\\"b\\\".bin\"\r\n\r\n"))
                .isEqualTo("(\"application\" \"octet-stream\" (\"name\" \"a \\\"b\\\".bin\") NIL NIL \"7bit\" 0)");
        assertThat(body("Content-Type: application/pdf; name=\"\u00e9.pdf\"\r\n\r\n"))
                .isEqualTo("(\"application\" \"pdf\" (\"name\" {5}\r\n\u00e9.pdf) NIL NIL \"7bit\" 0)");
    }

    @Test
    void bareLineFeedMultipartsSplitTheSameWay() {
        String message = "Content-Type: multipart/mixed; boundary=b\n\n"
                + "--b\nContent-Type: text/plain\n\nhello\nworld\n--b\n\nsecond\n--b--\n";
        assertThat(body(message)).isEqualTo("((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 11 1)"
                + "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 6 0) \"mixed\")");
        assertThat(section(message, "1")).isEqualTo("hello\nworld");
        assertThat(section(message, "1.MIME")).isEqualTo("Content-Type: text/plain\n\n");
        assertThat(section(message, "2.MIME")).isEqualTo("\n");
        assertThat(section(message, "HEADER.FIELDS (content-type)"))
                .isEqualTo("Content-Type: multipart/mixed; boundary=b\n\r\n");
    }

    @Test
    void aMissingCloseDelimiterEndsTheLastPartAtTheEndOfTheBody() {
        String message = "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n\r\none\r\n--b\r\n\r\ntwo\r\n";
        assertThat(body(message)).isEqualTo("((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 3 0)"
                + "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 5 1) \"mixed\")");
        assertThat(section(message, "2")).isEqualTo("two\r\n");
    }

    @Test
    void delimitersMustMatchTheWholeBoundaryAndMayHaveTrailingWhitespace() {
        String message = "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b \r\n\r\n--bx not a delimiter\r\n--b--  \r\n";
        assertThat(section(message, "1")).isEqualTo("--bx not a delimiter");
        assertThat(section(message, "2")).isNull();
    }

    @Test
    void aMultipartWithoutPartsGetsOneEmptyTextPart() {
        assertThat(bodyStructure("Content-Type: multipart/mixed\r\n\r\nno boundary\r\n")).isEqualTo(
                "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL)"
                        + " \"mixed\" NIL NIL NIL NIL)");
        assertThat(body("Content-Type: multipart/mixed; boundary=z\r\n\r\nno delimiter\r\n"))
                .isEqualTo("((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0) \"mixed\")");
    }

    @Test
    void digestPartsDefaultToMessageRfc822() {
        String message = "Content-Type: multipart/digest; boundary=d\r\n\r\n--d\r\n\r\nSubject: s\r\n\r\nhi\r\n--d--\r\n";
        assertThat(body(message)).isEqualTo("((\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 16 "
                + "(NIL \"s\" NIL NIL NIL NIL NIL NIL NIL NIL) "
                + "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 2 0) 2) \"digest\")");
        assertThat(section(message, "1.1")).isEqualTo("hi");
        assertThat(section(message, "1.HEADER")).isEqualTo("Subject: s\r\n\r\n");
    }

    @Test
    void aSinglePartMessageHasItsBodyAsPartOne() {
        String message = "Subject: s\r\nContent-Type: text/plain\r\n\r\nbody\r\n";
        assertThat(section(message, "1")).isEqualTo("body\r\n");
        assertThat(section(message, "TEXT")).isEqualTo("body\r\n");
        assertThat(section(message, "1.MIME")).isEqualTo("Subject: s\r\nContent-Type: text/plain\r\n\r\n");
        assertThat(section(message, "2")).isNull();
        assertThat(section(message, "1.1")).isNull();
    }

    @Test
    void aMessageThatIsAllHeaderHasAnEmptyBody() {
        String message = "Subject: s\r\nFrom: a@b.test";
        assertThat(section(message, "HEADER")).isEqualTo(message);
        assertThat(section(message, "TEXT")).isEmpty();
        assertThat(section(message, "HEADER.FIELDS (FROM)")).isEqualTo("From: a@b.test\r\n\r\n");
        assertThat(body(message)).isEqualTo("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0)");
    }

    @Test
    void headerFieldsKeepWholeFoldedFieldsInMessageOrder() {
        String message = "To: a@b.test,\r\n c@d.test\r\nSubject: one\r\nX-A: 1\r\nsubject: two\r\n\r\nbody";
        assertThat(section(message, "HEADER.FIELDS (Subject To)"))
                .isEqualTo("To: a@b.test,\r\n c@d.test\r\nSubject: one\r\nsubject: two\r\n\r\n");
        assertThat(section(message, "HEADER.FIELDS.NOT (SUBJECT to)")).isEqualTo("X-A: 1\r\n\r\n");
    }

    @Test
    void nestedMessageWithSinglePartBody() {
        String message = "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: message/rfc822\r\n\r\n"
                + "Subject: in\r\n\r\ninner body\r\n--b--\r\n";
        assertThat(section(message, "1.1")).isEqualTo("inner body");
        assertThat(section(message, "1.TEXT")).isEqualTo("inner body");
        assertThat(section(message, "1.1.MIME")).isEqualTo("Subject: in\r\n\r\n");
        assertThat(section(message, "1.2")).isNull();
    }

    @Test
    void rfc2231ContinuationsAreJoinedIntoOneParameterAsRfc9051AndDovecotDo() {
        // plain sections: one parameter under the plain name, sections in order of their number
        assertThat(body("Content-Type: application/pdf; name*1=\"name.pdf\"; name*0=\"a long \"\r\n\r\n"))
                .isEqualTo("(\"application\" \"pdf\" (\"name\" \"a long name.pdf\") NIL NIL \"7bit\" 0)");
        // encoded sections: name* with the encoded value, for the client to decode
        assertThat(bodyStructure("Content-Type: application/pdf\r\nContent-Disposition: attachment;\r\n"
                + " filename*0*=utf-8''%E2%82%AC; filename*1*=%20rates.pdf; size=12\r\n\r\nx"))
                .isEqualTo("(\"application\" \"pdf\" NIL NIL NIL \"7bit\" 1 NIL"
                        + " (\"attachment\" (\"filename*\" \"utf-8''%E2%82%AC%20rates.pdf\" \"size\" \"12\")) NIL NIL)");
        // RFC 2231 section 4.1's example: a plain section inside an encoded value is percent-encoded
        assertThat(body("Content-Type: application/x-stuff;\r\n title*0*=us-ascii'en'This%20is%20even%20more%20;\r\n"
                + " title*1*=%2A%2A%2Afun%2A%2A%2A%20; title*2=\"isn't it!\"\r\n\r\n"))
                .isEqualTo("(\"application\" \"x-stuff\" (\"title*\" "
                        + "\"us-ascii'en'This%20is%20even%20more%20%2A%2A%2Afun%2A%2A%2A%20isn%27t%20it!\") NIL NIL \"7bit\" 0)");
        // a single encoded parameter and names that only look like sections stay as sent
        assertThat(body("Content-Type: application/pdf; name*=utf-8''a%20b; x*00=y; z*a=w\r\n\r\n"))
                .isEqualTo("(\"application\" \"pdf\" (\"name*\" \"utf-8''a%20b\" \"x*00\" \"y\" \"z*a\" \"w\") NIL NIL \"7bit\" 0)");
    }
}
