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

    private static final String CLIENT_BYTES = ""
            + "a0 LOGIN bob@example.test x\r\n"
            + "a1 ENABLE IMAP4rev2\r\n"
            + "a2 SELECT {5}\r\nINBOX\r\n"
            + "a3 SEARCH CHARSET UTF-8 SUBJECT {3+}\r\none\r\n"
            + "a4 CREATE {" + DRAFTS.getBytes(StandardCharsets.UTF_8).length + "+}\r\n" + DRAFTS + "\r\n"
            + "a5 LIST \"\" Entw*\r\n"
            + "a6 FETCH 1 (FLAGS)\r\n"
            + "a7 LOGOUT\r\n";

    private static final String EXPECTED = ""
            + "a0 OK LOGIN completed\r\n"
            + "* ENABLED IMAP4rev2\r\n"
            + "a1 OK ENABLE completed\r\n"
            + "+ Ready for literal data\r\n"
            + "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
            + "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] flags permitted\r\n"
            + "* 1 EXISTS\r\n"
            + "* OK [UIDVALIDITY VALIDITY] UIDs valid\r\n"
            + "* OK [UIDNEXT 2] predicted next UID\r\n"
            + "* OK [HIGHESTMODSEQ 2] highest\r\n"
            + "* LIST (\\HasNoChildren) \"/\" \"INBOX\"\r\n"
            + "a2 OK [READ-WRITE] SELECT completed\r\n"
            + "* ESEARCH (TAG \"a3\") ALL 1\r\n"
            + "a3 OK SEARCH completed\r\n"
            + "a4 OK CREATE completed\r\n"
            + "* LIST (\\HasNoChildren) \"/\" {9}\r\nEntwürfe\r\n"
            + "a5 OK LIST completed\r\n"
            + "* 1 FETCH (FLAGS ())\r\n"
            + "a6 OK FETCH completed\r\n"
            + "* BYE fakemail IMAP server logging out\r\n"
            + "a7 OK LOGOUT completed\r\n";

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
