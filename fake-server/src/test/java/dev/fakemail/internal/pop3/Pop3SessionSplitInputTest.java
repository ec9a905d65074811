package dev.fakemail.internal.pop3;

import static dev.fakemail.internal.imap.MemorySessions.BOB;
import static dev.fakemail.internal.imap.MemorySessions.atEverySplit;
import static dev.fakemail.internal.imap.MemorySessions.inboxUidValidity;
import static dev.fakemail.internal.imap.MemorySessions.storeWith;
import static dev.fakemail.internal.imap.MemorySessions.transcript;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.internal.auth.UserPolicy;
import dev.fakemail.internal.imap.MemorySessions;
import dev.fakemail.internal.journal.TranscriptWriter;
import dev.fakemail.internal.net.MemoryTransport;
import dev.fakemail.internal.store.InMemoryMailStore;
import dev.fakemail.store.MailStore;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A whole POP3 session without sockets, the client's bytes split at every offset. */
class Pop3SessionSplitInputTest {
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
        atEverySplit(CLIENT_BYTES, (transport, split) -> {
            // Stored with a bare LF on purpose: POP3 must send and count CR LF.
            InMemoryMailStore store = storeWith("Subject: one\r\n\r\n.dot\n",
                    "Subject: two\r\n\r\nline 1\r\nline 2\r\n");
            long uidValidity = inboxUidValidity(store);
            String replies = run(store, transport);
            assertThat(replies.replaceFirst("<[0-9.]+@mx\\.test>", "<BANNER>"))
                    .as(split).isEqualTo(expectedReplies(uidValidity));
            assertThat(store.mailbox(BOB, MailStore.INBOX).orElseThrow().messages()).hasSize(1);
        });
    }

    @Test
    void aSessionEndingWithoutQuitDeletesNothingAndReleasesTheLock() {
        InMemoryMailStore store = storeWith("Subject: one\r\n\r\nbody\r\n");
        MaildropLocks locks = new MaildropLocks();
        run(store, locks, MemoryTransport.inPiecesOf(
                "USER bob@example.test\r\nPASS x\r\nDELE 1\r\n".getBytes(StandardCharsets.US_ASCII), 3));
        assertThat(store.mailbox(BOB, MailStore.INBOX).orElseThrow().messages()).hasSize(1);
        String second = run(store, locks, MemoryTransport.inPiecesOf(
                "USER bob@example.test\r\nPASS x\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII), 5));
        assertThat(second).contains("+OK maildrop locked and ready, 1 messages\r\n");
    }

    private static String run(InMemoryMailStore store, MemoryTransport transport) {
        return run(store, new MaildropLocks(), transport);
    }

    private static String run(InMemoryMailStore store, MaildropLocks locks, MemoryTransport transport) {
        Pop3Settings settings = new Pop3Settings("mx.test", UserPolicy.anyone(), false, 20);
        TranscriptWriter transcript = transcript("POP3");
        String replies = MemorySessions.run(connection -> new Pop3Session(settings, store, locks, connection),
                transport, transcript);
        assertThat(transcript.toString()).contains("C: PASS ****").doesNotContain("pass word");
        return replies;
    }
}
