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

    private static final String CLIENT_BYTES = """
            a0 NOOP
            a1 LOGIN {16}
            bob@example.test {9+}
            pass word
            a2 SELECT "INBOX"
            a3 APPEND INBOX (\\Seen) "23-Nov-2026 11:15:30 +0100" {%d+}
            %s
            a4 UID FETCH 900:* (UID FLAGS INTERNALDATE RFC822.SIZE)
            a5 SEARCH CHARSET UTF-8 SUBJECT {3}
            one
            a6 STORE 1 +FLAGS.SILENT (\\Flagged)
            a7 FETCH 1 (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])
            a8 bogus
            a9 LOGOUT
            """.replace("\n", "\r\n").formatted(APPENDED.length(), APPENDED);

    private static final String EXPECTED = """
            a0 OK NOOP completed
            + Ready for literal data
            * CAPABILITY IMAP4rev1 IMAP4rev2 STARTTLS LITERAL+ SASL-IR IDLE UIDPLUS MOVE NAMESPACE UNSELECT ENABLE ID \
            CHILDREN SPECIAL-USE CONDSTORE ESEARCH LIST-EXTENDED LIST-STATUS MULTIAPPEND SORT SORT=DISPLAY \
            THREAD=ORDEREDSUBJECT THREAD=REFERENCES ESORT CONTEXT=SEARCH CONTEXT=SORT SEARCHRES WITHIN QRESYNC BINARY \
            STATUS=SIZE QUOTA QUOTA=RES-STORAGE QUOTA=RES-MESSAGE QUOTASET UTF8=ACCEPT COMPRESS=DEFLATE CATENATE NOTIFY \
            APPENDLIMIT=1000
            a1 OK LOGIN completed
            * FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)
            * OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] flags permitted
            * 1 EXISTS
            * 1 RECENT
            * OK [UNSEEN 1] first unseen message
            * OK [UIDVALIDITY VALIDITY] UIDs valid
            * OK [UIDNEXT 2] predicted next UID
            * OK [HIGHESTMODSEQ 2] highest
            a2 OK [READ-WRITE] SELECT completed
            * 2 EXISTS
            * 2 RECENT
            a3 OK [APPENDUID VALIDITY 2] APPEND completed
            * 2 FETCH (UID 2 FLAGS (\\Recent \\Seen) INTERNALDATE "23-Nov-2026 11:15:30 +0100" RFC822.SIZE %d)
            a4 OK FETCH completed
            + Ready for literal data
            * SEARCH 1
            a5 OK SEARCH completed
            a6 OK STORE completed
            * 1 FETCH (FLAGS (\\Recent \\Flagged) BODY[HEADER.FIELDS (SUBJECT)] {16}
            Subject: one

            )
            a7 OK FETCH completed
            a8 BAD unknown command BOGUS
            * BYE fakemail IMAP server logging out
            a9 OK LOGOUT completed
            """.replace("\n", "\r\n").formatted(APPENDED.length());

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
