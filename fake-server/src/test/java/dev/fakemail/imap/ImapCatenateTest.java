package dev.fakemail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CATENATE (RFC 4469) with exact bytes: RFC 4469 §5's example (a draft's header and first part, new boundary
 * text and a whole forwarded message put together), [BADURL] for URLs that name nothing, [TRYCREATE] before
 * any URL is looked at, and CATENATE beside a plain literal in one MULTIAPPEND.
 */
class ImapCatenateTest extends ImapSupport.LoggedInBob {
    private static final String BOUNDARY = "--------------030308070208000400050907";
    private static final String DRAFT_HEADER = "From: Alice <alice@example.test>\r\nSubject: draft\r\n"
            + "Content-Type: multipart/mixed; boundary=\"" + BOUNDARY + "\"\r\n\r\n";
    private static final String PART_MIME = "Content-Type: text/plain\r\n\r\n";
    private static final String DRAFT = DRAFT_HEADER + "--" + BOUNDARY + "\r\n" + PART_MIME + "Hello\r\n"
            + "--" + BOUNDARY + "--\r\n";
    private static final String FORWARDED = "From: Bob <bob@example.test>\r\nSubject: original\r\n\r\nOriginal\r\n";

    private long draftsValidity;

    @BeforeEach
    void prepare() throws Exception {
        String appended = imap.command("a1", "APPEND Drafts {" + DRAFT.length() + "+}\r\n" + DRAFT);
        Matcher validity = Pattern.compile("APPENDUID (\\d+) 1]").matcher(appended);
        assertThat(validity.find()).isTrue();
        draftsValidity = Long.parseLong(validity.group(1));
        imap.command("a2", "APPEND Drafts {" + FORWARDED.length() + "+}\r\n" + FORWARDED);
    }

    private String url(String rest) {
        return "\"/Drafts;UIDVALIDITY=" + draftsValidity + "/;UID=" + rest + "\"";
    }

    @Test
    void rfc4469sExamplePutsAMessageTogetherFromUrlsAndText() throws Exception {
        String text1 = "\r\n--" + BOUNDARY + "\r\n";
        String text2 = "\r\n--" + BOUNDARY + "\r\nContent-Type: message/rfc822\r\n\r\n";
        String text3 = "\r\n--" + BOUNDARY + "--\r\n";
        imap.sendLine("a3 APPEND Drafts (\\Seen \\Draft $MDNSent) CATENATE (URL " + url("1/;section=HEADER")
                + " TEXT {" + text1.length() + "}");
        assertThat(imap.response()).isEqualTo("+ Ready for literal data\r\n");
        imap.send(text1);
        imap.sendLine(" URL " + url("1/;section=1.MIME") + " URL " + url("1/;section=1") + " TEXT {"
                + text2.length() + "}");
        assertThat(imap.response()).isEqualTo("+ Ready for literal data\r\n");
        imap.send(text2);
        imap.sendLine(" URL " + url("2") + " TEXT {" + text3.length() + "}");
        assertThat(imap.response()).isEqualTo("+ Ready for literal data\r\n");
        imap.send(text3);
        imap.sendLine(")");
        assertThat(imap.untilTagged("a3")).isEqualTo("a3 OK [APPENDUID " + draftsValidity + " 3] APPEND completed\r\n");
        String expected = DRAFT_HEADER + text1 + PART_MIME + "Hello" + text2 + FORWARDED + text3;
        imap.command("a4", "EXAMINE Drafts");
        assertThat(imap.command("a5", "UID FETCH 3 BODY.PEEK[]")).isEqualTo("* 3 FETCH (UID 3 BODY[] {"
                + expected.length() + "}\r\n" + expected + ")\r\na5 OK FETCH completed\r\n");
        assertThat(imap.command("a51", "UID FETCH 3 FLAGS")).contains("\\Seen", "\\Draft", "$MDNSent");
        // a partial of a section, percent-encoded section names, and an absolute URL
        assertThat(imap.command("a6", "APPEND Drafts CATENATE (URL \"imap://bob@localhost/Drafts/;UID=2"
                + "/;SECTION=HEADER.FIELDS%20(SUBJECT)\" URL \"/Drafts/;UID=2/;section=TEXT/;PARTIAL=0.4\")"))
                .contains("a6 OK [APPENDUID " + draftsValidity + " 4] APPEND completed\r\n");
        assertThat(imap.command("a7", "UID FETCH 4 BODY.PEEK[]")).contains(
                "BODY[] {25}\r\nSubject: original\r\n\r\nOrig)");
    }

    @Test
    void urlsThatNameNothingAreBadurlAndAMissingMailboxIsTrycreateFirst() throws Exception {
        imap.exchange("""
                C: a3 APPEND Drafts CATENATE (TEXT {3+}
                C: x
                C:  URL "/Drafts;UIDVALIDITY=1/;UID=1")
                S: a3 NO [BADURL /Drafts;UIDVALIDITY=1/;UID=1] UIDVALIDITY 1 is not the mailbox's
                C: a4 APPEND Drafts CATENATE (URL "/Drafts/;UID=9")
                S: a4 NO [BADURL /Drafts/;UID=9] no message with UID 9
                C: a5 APPEND Drafts CATENATE (URL "/Nowhere/;UID=1")
                S: a5 NO [BADURL /Nowhere/;UID=1] no mailbox Nowhere
                C: a6 APPEND Drafts CATENATE (URL "/Drafts/;UID=2/;section=7")
                S: a6 NO [BADURL /Drafts/;UID=2/;section=7] the message has no section 7
                C: a7 APPEND Gone CATENATE (URL "/Nowhere/;UID=1")
                S: a7 NO [TRYCREATE] no mailbox Gone
                C: a8 APPEND Drafts CATENATE (FILE "x")
                S: a8 BAD CATENATE parts are TEXT or URL, not FILE
                """);
        assertThat(imap.command("a9", "STATUS Drafts (MESSAGES)")).contains("(MESSAGES 2)"); // nothing stored
    }

    @Test
    void catenateAndAPlainLiteralInOneMultiappend() throws Exception {
        String plain = "Subject: plain\r\n\r\nhi\r\n";
        assertThat(imap.command("a3", "APPEND INBOX CATENATE (URL \"/Drafts/;UID=2\") (\\Answered) {" + plain.length()
                + "+}\r\n" + plain)).contains("a3 OK [APPENDUID ");
        imap.command("a4", "EXAMINE INBOX");
        assertThat(imap.command("a5", "FETCH 1:2 (FLAGS BODY.PEEK[])")).isEqualTo(
                "* 1 FETCH (FLAGS (\\Recent) BODY[] {" + FORWARDED.length() + "}\r\n" + FORWARDED + ")\r\n"
                        + "* 2 FETCH (FLAGS (\\Recent \\Answered) BODY[] {" + plain.length() + "}\r\n" + plain + ")\r\n"
                        + "a5 OK FETCH completed\r\n");
    }
}
