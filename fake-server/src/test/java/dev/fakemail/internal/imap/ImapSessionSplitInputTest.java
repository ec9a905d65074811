package dev.fakemail.internal.imap;

import static dev.fakemail.internal.imap.MemorySessions.BOB;
import static dev.fakemail.internal.imap.MemorySessions.atEverySplit;
import static dev.fakemail.internal.imap.MemorySessions.runImap;
import static dev.fakemail.internal.imap.MemorySessions.storeWith;
import static dev.fakemail.internal.imap.MemorySessions.transcript;
import static dev.fakemail.internal.imap.MemorySessions.withStableUidValidity;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.internal.journal.TranscriptWriter;
import dev.fakemail.internal.store.InMemoryMailStore;
import org.junit.jupiter.api.Test;

/** A whole IMAP session without sockets (literals, LITERAL+, pipelining), the client's bytes split at every offset. */
class ImapSessionSplitInputTest {
    private static final String APPENDED = "Subject: appended\r\n\r\nhello\r\n";

    private static final String CLIENT_BYTES = ""
            + "a0 NOOP\r\n"
            + "a1 LOGIN {16}\r\nbob@example.test {9+}\r\npass word\r\n"
            + "a2 SELECT \"INBOX\"\r\n"
            + "a3 APPEND INBOX (\\Seen) \"23-Nov-2026 11:15:30 +0100\" {" + APPENDED.length() + "+}\r\n" + APPENDED + "\r\n"
            + "a4 UID FETCH 900:* (UID FLAGS INTERNALDATE RFC822.SIZE)\r\n"
            + "a5 SEARCH CHARSET UTF-8 SUBJECT {3}\r\none\r\n"
            + "a6 STORE 1 +FLAGS.SILENT (\\Flagged)\r\n"
            + "a7 FETCH 1 (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])\r\n"
            + "a8 bogus\r\n"
            + "a9 LOGOUT\r\n";

    private static final String EXPECTED = ""
            + "a0 OK NOOP completed\r\n"
            + "+ Ready for literal data\r\n"
            + "* CAPABILITY IMAP4rev1 IMAP4rev2 STARTTLS LITERAL+ SASL-IR IDLE UIDPLUS MOVE NAMESPACE UNSELECT ENABLE ID"
            + " CHILDREN SPECIAL-USE CONDSTORE ESEARCH LIST-EXTENDED LIST-STATUS MULTIAPPEND SORT SORT=DISPLAY THREAD=ORDEREDSUBJECT"
            + " THREAD=REFERENCES ESORT CONTEXT=SEARCH CONTEXT=SORT SEARCHRES WITHIN QRESYNC BINARY STATUS=SIZE QUOTA"
            + " QUOTA=RES-STORAGE QUOTA=RES-MESSAGE QUOTASET UTF8=ACCEPT COMPRESS=DEFLATE CATENATE NOTIFY APPENDLIMIT=1000\r\n"
            + "a1 OK LOGIN completed\r\n"
            + "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
            + "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] flags permitted\r\n"
            + "* 1 EXISTS\r\n"
            + "* 1 RECENT\r\n"
            + "* OK [UNSEEN 1] first unseen message\r\n"
            + "* OK [UIDVALIDITY VALIDITY] UIDs valid\r\n"
            + "* OK [UIDNEXT 2] predicted next UID\r\n"
            + "* OK [HIGHESTMODSEQ 2] highest\r\n"
            + "a2 OK [READ-WRITE] SELECT completed\r\n"
            + "* 2 EXISTS\r\n"
            + "* 2 RECENT\r\n"
            + "a3 OK [APPENDUID VALIDITY 2] APPEND completed\r\n"
            + "* 2 FETCH (UID 2 FLAGS (\\Recent \\Seen) INTERNALDATE \"23-Nov-2026 11:15:30 +0100\" RFC822.SIZE "
            + APPENDED.length() + ")\r\n"
            + "a4 OK FETCH completed\r\n"
            + "+ Ready for literal data\r\n"
            + "* SEARCH 1\r\n"
            + "a5 OK SEARCH completed\r\n"
            + "a6 OK STORE completed\r\n"
            + "* 1 FETCH (FLAGS (\\Recent \\Flagged) BODY[HEADER.FIELDS (SUBJECT)] {16}\r\nSubject: one\r\n\r\n)\r\n"
            + "a7 OK FETCH completed\r\n"
            + "a8 BAD unknown command BOGUS\r\n"
            + "* BYE fakemail IMAP server logging out\r\n"
            + "a9 OK LOGOUT completed\r\n";

    @Test
    void sameRepliesWhereverTheInputIsSplit() {
        atEverySplit(CLIENT_BYTES, (transport, split) -> {
            InMemoryMailStore store = storeWith("Subject: one\r\n\r\nfirst\r\n");
            TranscriptWriter transcript = transcript("IMAP");
            String replies = withStableUidValidity(runImap(store, transport, transcript), store);
            assertThat(replies.substring(replies.indexOf("\r\n") + 2)).as(split).isEqualTo(EXPECTED);
            assertThat(store.mailbox(BOB, "INBOX").orElseThrow().messages()).hasSize(2);
            assertThat(transcript.toString()).doesNotContain("pass word");
        });
    }
}
