package dev.fakemail.internal.imap;

import static dev.fakemail.internal.imap.MemorySessions.BOB;
import static dev.fakemail.internal.imap.MemorySessions.atEverySplit;
import static dev.fakemail.internal.imap.MemorySessions.runImap;
import static dev.fakemail.internal.imap.MemorySessions.storeWith;
import static dev.fakemail.internal.imap.MemorySessions.transcript;
import static dev.fakemail.internal.imap.MemorySessions.withStableUidValidity;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.internal.store.InMemoryMailStore;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * An IMAP4rev2 session without sockets, the client's bytes split at every offset: ENABLE, a SELECT whose name is
 * a literal (LIST response, no RECENT), SEARCH with a LITERAL+ text (ESEARCH), a UTF-8 mailbox name as a
 * LITERAL+ literal, LIST and FETCH FLAGS without \Recent.
 */
class ImapRev2SplitInputTest {
    private static final String DRAFTS = "Entwürfe";

    private static final String CLIENT_BYTES = """
            a0 LOGIN bob@example.test x
            a1 ENABLE IMAP4rev2
            a2 SELECT {5}
            INBOX
            a3 SEARCH CHARSET UTF-8 SUBJECT {3+}
            one
            a4 CREATE {%d+}
            %s
            a5 LIST "" Entw*
            a6 FETCH 1 (FLAGS)
            a7 LOGOUT
            """.formatted(DRAFTS.getBytes(StandardCharsets.UTF_8).length, DRAFTS).replace("\n", "\r\n");

    private static final String EXPECTED = """
            a0 OK LOGIN completed
            * ENABLED IMAP4rev2
            a1 OK ENABLE completed
            + Ready for literal data
            * FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)
            * OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] flags permitted
            * 1 EXISTS
            * OK [UIDVALIDITY VALIDITY] UIDs valid
            * OK [UIDNEXT 2] predicted next UID
            * OK [HIGHESTMODSEQ 2] highest
            * LIST (\\HasNoChildren) "/" "INBOX"
            a2 OK [READ-WRITE] SELECT completed
            * ESEARCH (TAG "a3") ALL 1
            a3 OK SEARCH completed
            a4 OK CREATE completed
            * LIST (\\HasNoChildren) "/" {9}
            Entwürfe
            a5 OK LIST completed
            * 1 FETCH (FLAGS ())
            a6 OK FETCH completed
            * BYE fakemail IMAP server logging out
            a7 OK LOGOUT completed
            """.replace("\n", "\r\n");

    @Test
    void sameRepliesWhereverTheInputIsSplit() {
        atEverySplit(CLIENT_BYTES, (transport, split) -> {
            InMemoryMailStore store = storeWith("Subject: one\r\n\r\nfirst\r\n");
            String replies = withStableUidValidity(runImap(store, transport, transcript("IMAP")), store);
            assertThat(replies.substring(replies.indexOf("a0 OK"))).as(split).isEqualTo(EXPECTED);
            assertThat(store.mailbox(BOB, DRAFTS)).isPresent();
            // the IMAP4rev2 session took no \Recent: it is still there for an IMAP4rev1 session
            assertThat(store.unclaimedRecent(store.mailbox(BOB, "INBOX").orElseThrow())).hasSize(1);
        });
    }
}
