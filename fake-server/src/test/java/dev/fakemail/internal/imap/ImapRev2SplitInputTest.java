package dev.fakemail.internal.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.internal.auth.UserPolicy;
import dev.fakemail.internal.journal.TranscriptWriter;
import dev.fakemail.internal.net.MemoryTransport;
import dev.fakemail.internal.session.ConnectionInfo;
import dev.fakemail.internal.session.SessionLoop;
import dev.fakemail.internal.store.InMemoryMailStore;
import dev.fakemail.internal.tls.TlsContexts;
import dev.fakemail.store.Envelope;
import dev.fakemail.store.EnvelopeRecipient;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An IMAP4rev2 session without sockets, the client's bytes split at every offset: ENABLE, a SELECT whose name is
 * a literal (LIST response, no RECENT), SEARCH with a LITERAL+ text (ESEARCH), a UTF-8 mailbox name as a
 * LITERAL+ literal, LIST and FETCH FLAGS without \Recent.
 */
class ImapRev2SplitInputTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:15:30Z"), ZoneOffset.UTC);
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);
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
        byte[] input = CLIENT_BYTES.getBytes(StandardCharsets.UTF_8);
        for (int offset = 0; offset <= input.length; offset++) {
            InMemoryMailStore store = new InMemoryMailStore(CLOCK);
            deliver(store, "Subject: one\r\n\r\nfirst\r\n");
            long uidValidity = store.mailbox("bob@example.test", "INBOX").orElseThrow().uidValidity();
            TranscriptWriter transcript = new TranscriptWriter(1, "IMAP", CLIENT, CLOCK);
            String replies = run(store, MemoryTransport.splitAt(input, offset), transcript);
            String afterLogin = replies.substring(replies.indexOf("a0 OK"));
            assertThat(afterLogin.replace("[UIDVALIDITY " + uidValidity + "]", "[UIDVALIDITY VALIDITY]"))
                    .as("split at %d", offset).isEqualTo(EXPECTED);
            assertThat(store.mailbox("bob@example.test", DRAFTS)).isPresent();
            // the IMAP4rev2 session took no \Recent: it is still there for an IMAP4rev1 session
            assertThat(store.unclaimedRecent(store.mailbox("bob@example.test", "INBOX").orElseThrow())).hasSize(1);
        }
    }

    private static void deliver(InMemoryMailStore store, String message) {
        Envelope envelope = new Envelope("alice@example.test", Map.of(),
                List.of(new EnvelopeRecipient("bob@example.test", Map.of())), "client.test", CLIENT, null, null,
                "ESMTP");
        store.deliver(envelope, message.getBytes(StandardCharsets.US_ASCII));
    }

    private static String run(InMemoryMailStore store, MemoryTransport transport, TranscriptWriter transcript) {
        ConnectionInfo connection = new ConnectionInfo(CLIENT);
        ImapSettings settings = new ImapSettings("mx.test", UserPolicy.anyone(), false, 1000, 20, CLOCK);
        ImapSession session = new ImapSession(settings, store, connection);
        new SessionLoop(transport, session, connection, transcript, TlsContexts::builtIn, () -> { }).run();
        return new String(transport.written(), StandardCharsets.UTF_8);
    }
}
