package dev.fakemail.internal.pop3;

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
import dev.fakemail.store.MailStore;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A whole POP3 session without sockets, the client's bytes split at every offset. */
class Pop3SessionSplitInputTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:15:30Z"), ZoneOffset.UTC);
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);

    private static final String CLIENT_BYTES = ""
            + "CAPA\r\n"
            + "STAT\r\n"
            + "USER bob@example.test\r\n"
            + "PASS pass word\r\n"
            + "STAT\r\n"
            + "LIST\r\n"
            + "UIDL 2\r\n"
            + "RETR 1\r\n"
            + "TOP 2 1\r\n"
            + "DELE 1\r\n"
            + "RETR 1\r\n"
            + "LIST\r\n"
            + "QUIT\r\n";

    private static String expectedReplies(long uidValidity) {
        return "+OK fakemail POP3 server ready <BANNER>\r\n"
                + "+OK Capability list follows\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nAUTH-RESP-CODE\r\nPIPELINING\r\n"
                + "USER\r\nSASL PLAIN LOGIN CRAM-MD5 XOAUTH2 OAUTHBEARER\r\nSTLS\r\nIMPLEMENTATION fakemail\r\n.\r\n"
                + "-ERR command not valid in this state\r\n"
                + "+OK send PASS\r\n"
                + "+OK maildrop locked and ready, 2 messages\r\n"
                + "+OK 2 54\r\n"
                + "+OK 2 messages\r\n1 22\r\n2 32\r\n.\r\n"
                + "+OK 2 " + uidValidity + ".2\r\n"
                + "+OK 22 octets\r\nSubject: one\r\n\r\n..dot\r\n.\r\n"
                + "+OK top of message follows\r\nSubject: two\r\n\r\nline 1\r\n.\r\n"
                + "+OK message 1 deleted\r\n"
                + "-ERR message 1 already deleted\r\n"
                + "+OK 1 messages\r\n2 32\r\n.\r\n"
                + "+OK fakemail POP3 server signing off (1 messages left)\r\n";
    }

    @Test
    void sameRepliesWhereverTheInputIsSplit() {
        byte[] input = CLIENT_BYTES.getBytes(StandardCharsets.US_ASCII);
        for (int offset = 0; offset <= input.length; offset++) {
            InMemoryMailStore store = new InMemoryMailStore(CLOCK);
            // Stored with a bare LF on purpose: POP3 must send and count CR LF.
            deliver(store, "Subject: one\r\n\r\n.dot\n");
            deliver(store, "Subject: two\r\n\r\nline 1\r\nline 2\r\n");
            long uidValidity = store.mailbox("bob@example.test", MailStore.INBOX).orElseThrow().uidValidity();
            String replies = run(store, MemoryTransport.splitAt(input, offset));
            assertThat(replies.replaceFirst("<[0-9.]+@mx\\.test>", "<BANNER>"))
                    .as("split at %d", offset).isEqualTo(expectedReplies(uidValidity));
            assertThat(store.mailbox("bob@example.test", MailStore.INBOX).orElseThrow().messages()).hasSize(1);
        }
    }

    @Test
    void aSessionEndingWithoutQuitDeletesNothingAndReleasesTheLock() {
        InMemoryMailStore store = new InMemoryMailStore(CLOCK);
        deliver(store, "Subject: one\r\n\r\nbody\r\n");
        MaildropLocks locks = new MaildropLocks();
        run(store, locks, MemoryTransport.inPiecesOf(
                "USER bob@example.test\r\nPASS x\r\nDELE 1\r\n".getBytes(StandardCharsets.US_ASCII), 3));
        assertThat(store.mailbox("bob@example.test", MailStore.INBOX).orElseThrow().messages()).hasSize(1);
        String second = run(store, locks, MemoryTransport.inPiecesOf(
                "USER bob@example.test\r\nPASS x\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII), 5));
        assertThat(second).contains("+OK maildrop locked and ready, 1 messages\r\n");
    }

    private static void deliver(InMemoryMailStore store, String message) {
        Envelope envelope = new Envelope("alice@example.test", Map.of(),
                List.of(new EnvelopeRecipient("bob@example.test", Map.of())), "client.test", CLIENT, null, null,
                "ESMTP");
        store.deliver(envelope, message.getBytes(StandardCharsets.US_ASCII));
    }

    private static String run(InMemoryMailStore store, MemoryTransport transport) {
        return run(store, new MaildropLocks(), transport);
    }

    private static String run(InMemoryMailStore store, MaildropLocks locks, MemoryTransport transport) {
        ConnectionInfo connection = new ConnectionInfo(CLIENT);
        Pop3Settings settings = new Pop3Settings("mx.test", UserPolicy.anyone(), false, 20);
        Pop3Session session = new Pop3Session(settings, store, locks, connection);
        TranscriptWriter transcript = new TranscriptWriter(1, "POP3", CLIENT, CLOCK);
        new SessionLoop(transport, session, connection, transcript, TlsContexts::builtIn, () -> { }).run();
        assertThat(transcript.toString()).contains("C: PASS ****").doesNotContain("pass word");
        return new String(transport.written(), StandardCharsets.UTF_8);
    }
}
