package dev.fakemail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * UTF8=ACCEPT (RFC 6855) with exact bytes: modified UTF-7 names until ENABLE, UTF-8 names after it (in both
 * directions), and {@code APPEND ... UTF8 (~{n})} with a UTF-8 header, refused before ENABLE.
 */
class ImapUtf8AcceptTest extends ImapSupport.LoggedInBob {
    private static final String MESSAGE = "From: Jörg <joerg@example.test>\r\nSubject: Grüße aus Köln\r\n\r\nHallo\r\n";

    private static int octets(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void namesAreModifiedUtf7UntilEnableAndUtf8After() throws Exception {
        imap.command("a1", "CREATE Entw&APw-rfe");
        imap.exchange("""
                C: a2 LIST "" Entw*
                S: * LIST (\\HasNoChildren) "/" "Entw&APw-rfe"
                S: a2 OK LIST completed
                C: a3 ENABLE UTF8=ACCEPT
                S: * ENABLED UTF8=ACCEPT
                S: a3 OK ENABLE completed
                C: a4 LIST "" Entw*
                S: * LIST (\\HasNoChildren) "/" {9}
                S: Entwürfe
                S: a4 OK LIST completed
                C: a5 CREATE "Über"
                S: a5 OK CREATE completed
                C: a6 STATUS "Über" (MESSAGES)
                S: * STATUS {5}
                S: Über (MESSAGES 0)
                S: a6 OK STATUS completed
                C: a7 ENABLE UTF8=ACCEPT
                S: * ENABLED UTF8=ACCEPT
                S: a7 OK ENABLE completed
                """);
    }

    @Test
    void appendTakesUtf8DataOnlyOnceEnabled() throws Exception {
        assertThat(imap.command("a1", "APPEND INBOX UTF8 (~{" + octets(MESSAGE) + "+}\r\n" + MESSAGE + ")"))
                .isEqualTo("a1 BAD APPEND ... UTF8 needs ENABLE UTF8=ACCEPT first (RFC 6855)\r\n");
        imap.command("a2", "ENABLE UTF8=ACCEPT");
        imap.sendLine("a3 APPEND INBOX (\\Seen) UTF8 (~{" + octets(MESSAGE) + "}");
        assertThat(imap.response()).isEqualTo("+ Ready for literal data\r\n");
        imap.sendLine(MESSAGE + ")");
        assertThat(imap.untilTagged("a3")).startsWith("a3 OK [APPENDUID ");
        imap.command("a4", "EXAMINE INBOX");
        assertThat(imap.command("a5", "FETCH 1 (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])")).isEqualTo(
                "* 1 FETCH (FLAGS (\\Recent \\Seen) BODY[HEADER.FIELDS (SUBJECT)] {" + octets("Subject: Grüße aus Köln\r\n\r\n")
                        + "}\r\nSubject: Grüße aus Köln\r\n\r\n)\r\na5 OK FETCH completed\r\n");
        assertThat(imap.command("a6", "APPEND INBOX UTF8 ({3+}\r\nx\r\n")).startsWith("a6 BAD expected ')'");
    }

    @Test
    void afterEnableSearchStringsAreUtf8AndAnotherCharsetIsBad() throws Exception {
        imap.command("a1", "APPEND INBOX {" + octets(MESSAGE) + "+}\r\n" + MESSAGE);
        imap.command("a2", "SELECT INBOX");
        assertThat(imap.command("a3", "SEARCH CHARSET US-ASCII SUBJECT aus")).isEqualTo(
                "* SEARCH 1\r\na3 OK SEARCH completed\r\n");
        imap.command("a4", "ENABLE UTF8=ACCEPT");
        // RFC 6855 section 3 and erratum 4029: conflicting charset labels are BAD, for SEARCH, SORT and THREAD
        imap.exchange("""
                C: a5 SEARCH CHARSET US-ASCII SUBJECT aus
                S: a5 BAD CHARSET US-ASCII conflicts with UTF8=ACCEPT: strings are UTF-8 (RFC 6855 section 3)
                C: a6 SEARCH CHARSET KOI8-R SUBJECT aus
                S: a6 BAD CHARSET KOI8-R conflicts with UTF8=ACCEPT: strings are UTF-8 (RFC 6855 section 3)
                C: a7 SORT (DATE) US-ASCII ALL
                S: a7 BAD CHARSET US-ASCII conflicts with UTF8=ACCEPT: strings are UTF-8 (RFC 6855 section 3)
                C: a8 THREAD REFERENCES US-ASCII ALL
                S: a8 BAD CHARSET US-ASCII conflicts with UTF8=ACCEPT: strings are UTF-8 (RFC 6855 section 3)
                """);
        // UTF-8 says what UTF8=ACCEPT says; a search without CHARSET reads its strings as UTF-8
        assertThat(imap.command("a9", "SEARCH CHARSET UTF-8 SUBJECT {" + octets("Grüße") + "+}\r\nGrüße"))
                .isEqualTo("* SEARCH 1\r\na9 OK SEARCH completed\r\n");
        assertThat(imap.command("b1", "SEARCH SUBJECT {" + octets("Köln") + "+}\r\nKöln"))
                .isEqualTo("* SEARCH 1\r\nb1 OK SEARCH completed\r\n");
        assertThat(imap.command("b2", "SORT (DATE) UTF-8 ALL")).isEqualTo("* SORT 1\r\nb2 OK SORT completed\r\n");
    }
}
