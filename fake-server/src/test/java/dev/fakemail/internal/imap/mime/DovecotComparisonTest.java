package dev.fakemail.internal.imap.mime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The message and expected BODYSTRUCTURE / BODY of Dovecot's own unit test for its BODYSTRUCTURE
 * writer (lib-imap test-imap-bodystructure.c), expectations transcribed from it. Dovecot counts sizes
 * as if every line ended in CRLF, so the message is given here with CRLF line ends and the sizes must
 * come out the same. (Dovecot's test string omits the outermost parentheses; they are added here.)
 * The envelope cases are those of test-imap-envelope.c ("copied from imaptest"), bare LF as there.
 */
class DovecotComparisonTest {
    private static final String MESSAGE = String.join("\r\n",
            "From: user@domain.org",
            "Date: Sat, 24 Mar 2007 23:00:00 +0200",
            "Mime-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"foo",
            " bar\"",
            "",
            "Root MIME prologue",
            "",
            "--foo bar",
            "Content-Type: text/x-myown; charset=us-ascii; foo=\"quoted\\\"string\"",
            "Content-ID: <foo@example.com>",
            "Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==",
            "Content-Disposition: inline; foo=bar",
            "Content-Description: hellodescription",
            "Content-Language: en, fi, se",
            "Content-Location: http://example.com/test.txt",
            "",
            "hello",
            "",
            "--foo bar",
            "Content-Type: message/rfc822",
            "",
            "From: sub@domain.org",
            "To: sub-to1@domain.org, sub-to2@domain.org",
            "Date: Sun, 12 Aug 2012 12:34:56 +0300",
            "Subject: submsg",
            "Content-Type: multipart/alternative; boundary=\"sub1\"",
            "",
            "Sub MIME prologue",
            "--sub1",
            "Content-Type: text/html",
            "Content-Transfer-Encoding: 8bit",
            "",
            "<p>Hello world</p>",
            "",
            "--sub1",
            "Content-Type: text/plain",
            "Content-Transfer-Encoding: ?invalid",
            "",
            "Hello another world",
            "",
            "--sub1--",
            "Sub MIME epilogue",
            "",
            "--foo bar--",
            "Root MIME epilogue",
            "");

    private static final String SUB_ENVELOPE = "(\"Sun, 12 Aug 2012 12:34:56 +0300\" \"submsg\" "
            + "((NIL NIL \"sub\" \"domain.org\")) ((NIL NIL \"sub\" \"domain.org\")) ((NIL NIL \"sub\" \"domain.org\")) "
            + "((NIL NIL \"sub-to1\" \"domain.org\")(NIL NIL \"sub-to2\" \"domain.org\")) NIL NIL NIL NIL)";

    @Test
    void bodyStructureIsDovecots() {
        assertThat(Fixtures.bodyStructure(MESSAGE)).isEqualTo("("
                + "(\"text\" \"x-myown\" (\"charset\" \"us-ascii\" \"foo\" \"quoted\\\"string\") \"<foo@example.com>\" "
                + "\"hellodescription\" \"7bit\" 7 1 \"Q2hlY2sgSW50ZWdyaXR5IQ==\" (\"inline\" (\"foo\" \"bar\")) "
                + "(\"en\" \"fi\" \"se\") \"http://example.com/test.txt\")"
                + "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 412 " + SUB_ENVELOPE + " "
                + "((\"text\" \"html\" (\"charset\" \"us-ascii\") NIL NIL \"8bit\" 20 1 NIL NIL NIL NIL)"
                + "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 21 1 NIL NIL NIL NIL) "
                + "\"alternative\" (\"boundary\" \"sub1\") NIL NIL NIL) 21 NIL NIL NIL NIL) "
                + "\"mixed\" (\"boundary\" \"foo bar\") NIL NIL NIL)");
    }

    @Test
    void bodyIsDovecots() {
        assertThat(Fixtures.body(MESSAGE)).isEqualTo("("
                + "(\"text\" \"x-myown\" (\"charset\" \"us-ascii\" \"foo\" \"quoted\\\"string\") \"<foo@example.com>\" "
                + "\"hellodescription\" \"7bit\" 7 1)"
                + "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 412 " + SUB_ENVELOPE + " "
                + "((\"text\" \"html\" (\"charset\" \"us-ascii\") NIL NIL \"8bit\" 20 1)"
                + "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 21 1) \"alternative\") 21) \"mixed\")");
    }

    private static String envelopeOf(String... lines) {
        return Fixtures.envelope(String.join("\n", lines) + "\n\nbody\n");
    }

    private static final String DATE = "Date: Thu, 15 Feb 2007 01:02:03 +0200";
    private static final String QDATE = "(\"Thu, 15 Feb 2007 01:02:03 +0200\" ";

    @Test
    void imaptestEnvelopeWithEveryField() {
        assertThat(envelopeOf("Message-ID: <msg@id>", "In-Reply-To: <reply@to.id>", DATE, "Subject: subject header",
                "From: From Real <fromuser@fromdomain.org>", "To: To Real <touser@todomain.org>",
                "Cc: Cc Real <ccuser@ccdomain.org>", "Bcc: Bcc Real <bccuser@bccdomain.org>",
                "Sender: Sender Real <senderuser@senderdomain.org>",
                "Reply-To: ReplyTo Real <replytouser@replytodomain.org>")).isEqualTo(QDATE
                + "\"subject header\" ((\"From Real\" NIL \"fromuser\" \"fromdomain.org\")) "
                + "((\"Sender Real\" NIL \"senderuser\" \"senderdomain.org\")) "
                + "((\"ReplyTo Real\" NIL \"replytouser\" \"replytodomain.org\")) "
                + "((\"To Real\" NIL \"touser\" \"todomain.org\")) ((\"Cc Real\" NIL \"ccuser\" \"ccdomain.org\")) "
                + "((\"Bcc Real\" NIL \"bccuser\" \"bccdomain.org\")) \"<reply@to.id>\" \"<msg@id>\")");
    }

    @Test
    void imaptestEnvelopeWithOnlyFrom() {
        assertThat(envelopeOf(DATE, "From: user@domain")).isEqualTo(QDATE + "NIL ((NIL NIL \"user\" \"domain\")) "
                + "((NIL NIL \"user\" \"domain\")) ((NIL NIL \"user\" \"domain\")) NIL NIL NIL NIL NIL)");
    }

    @Test
    void imaptestEnvelopeWithGroupsAndACommentName() {
        String from = "((\"Real Name\" NIL \"user\" \"domain\")) ";
        assertThat(envelopeOf(DATE, "From: user@domain (Real Name)",
                "To: group: g1@d1.org, g2@d2.org;, group2: g3@d3.org;", "Cc: group:;, group2: (foo) ;"))
                .isEqualTo(QDATE + "NIL " + from + from + from
                        + "((NIL NIL \"group\" NIL)(NIL NIL \"g1\" \"d1.org\")(NIL NIL \"g2\" \"d2.org\")(NIL NIL NIL NIL)"
                        + "(NIL NIL \"group2\" NIL)(NIL NIL \"g3\" \"d3.org\")(NIL NIL NIL NIL)) "
                        + "((NIL NIL \"group\" NIL)(NIL NIL NIL NIL)(NIL NIL \"group2\" NIL)(NIL NIL NIL NIL)) NIL NIL NIL)");
    }

    @Test
    void imaptestEnvelopeWithEmptySenderAndReplyTo() {
        String from = "((\"Real Name\" NIL \"user\" \"domain\")) ";
        assertThat(envelopeOf(DATE, "From: user@domain (Real Name)", "Sender: ", "Reply-To: "))
                .isEqualTo(QDATE + "NIL " + from + from + from + "NIL NIL NIL NIL NIL)");
    }

    @Test
    void imaptestEnvelopeWithARoute() {
        String from = "((NIL \"@route\" \"user\" \"domain\")) ";
        assertThat(envelopeOf(DATE, "From: <@route:user@domain>"))
                .isEqualTo(QDATE + "NIL " + from + from + from + "NIL NIL NIL NIL NIL)");
    }
}
