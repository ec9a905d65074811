package dev.fakemail.internal.imap.mime;

import static dev.fakemail.internal.imap.mime.Fixtures.body;
import static dev.fakemail.internal.imap.mime.Fixtures.bodyStructure;
import static dev.fakemail.internal.imap.mime.Fixtures.envelope;
import static dev.fakemail.internal.imap.mime.Fixtures.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The FETCH examples of RFC 3501 (§8 and §7.4.2), rebuilt as messages that must give the same bytes. */
class RfcExamplesTest {
    private static final String SECTION_8_MESSAGE = "Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\r\n"
            + "From: Terry Gray <gray@cac.washington.edu>\r\n"
            + "Subject: IMAP4rev1 WG mtg summary and minutes\r\n"
            + "To: imap@cac.washington.edu\r\n"
            + "cc: minutes@CNRI.Reston.VA.US, John Klensin <KLENSIN@MIT.EDU>\r\n"
            + "Message-Id: <B27397-0100000@cac.washington.edu>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n"
            + "Content-Transfer-Encoding: 7BIT\r\n"
            + "\r\n"
            + lines(92, 3028);

    @Test
    void section8EnvelopeMatchesTheRfcByteForByte() {
        assertThat(envelope(SECTION_8_MESSAGE)).isEqualTo("(\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" "
                + "\"IMAP4rev1 WG mtg summary and minutes\" "
                + "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) "
                + "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) "
                + "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) "
                + "((NIL NIL \"imap\" \"cac.washington.edu\")) "
                + "((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")"
                + "(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL "
                + "\"<B27397-0100000@cac.washington.edu>\")");
    }

    @Test
    void section8BodyMatchesTheRfcAndBodyStructureAddsFourNilExtensions() {
        assertThat(body(SECTION_8_MESSAGE))
                .isEqualTo("(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92)");
        assertThat(bodyStructure(SECTION_8_MESSAGE))
                .isEqualTo("(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92 NIL NIL NIL NIL)");
        assertThat(MessageStructure.parse(Fixtures.bytes(SECTION_8_MESSAGE)).size())
                .isEqualTo(SECTION_8_MESSAGE.length());
    }

    @Test
    void section742MultipartExampleMatchesTheRfcByteForByte() {
        String message = "From: a@example.test\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: MULTIPART/MIXED; BOUNDARY=\"xyz\"\r\n"
                + "\r\n"
                + "preamble is not part of any part\r\n"
                + "--xyz\r\n"
                + "Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n"
                + "Content-Transfer-Encoding: 7BIT\r\n"
                + "\r\n"
                + lines(23, 1152)
                + "\r\n--xyz\r\n"
                + "Content-Type: TEXT/PLAIN; CHARSET=US-ASCII; NAME=cc.diff\r\n"
                + "Content-ID: <960723163407.20117h@cac.washington.edu>\r\n"
                + "Content-Description: Compiler diff\r\n"
                + "Content-Transfer-Encoding: BASE64\r\n"
                + "\r\n"
                + lines(73, 4554)
                + "\r\n--xyz--\r\n"
                + "epilogue\r\n";
        assertThat(body(message)).isEqualTo("((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 1152 23)"
                + "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\" \"NAME\" \"cc.diff\") "
                + "\"<960723163407.20117h@cac.washington.edu>\" \"Compiler diff\" \"BASE64\" 4554 73) \"MIXED\")");
        assertThat(bodyStructure(message)).isEqualTo(
                "((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 1152 23 NIL NIL NIL NIL)"
                + "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\" \"NAME\" \"cc.diff\") "
                + "\"<960723163407.20117h@cac.washington.edu>\" \"Compiler diff\" \"BASE64\" 4554 73 NIL NIL NIL NIL)"
                + " \"MIXED\" (\"BOUNDARY\" \"xyz\") NIL NIL NIL)");
    }
}
