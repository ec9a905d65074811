package dev.fakemail.smtp;

import static dev.fakemail.testing.Transcripts.awaitSessionsEnded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.FakeMailServerBuilder;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.testing.Clients;
import dev.fakemail.testing.ClosesServers;
import dev.fakemail.testsupport.SmtpConversation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Exact bytes over a real socket: pipelining, dot-stuffing, BDAT, STARTTLS, implicit TLS, timeouts. */
@ExtendWith(ClosesServers.class)
class SmtpRawSocketTest {
    private FakeMailServer server;

    /** Starts the server; connected, greeted and introduced with EHLO. */
    private SmtpConversation introduced(FakeMailServerBuilder builder) throws IOException {
        server = builder.build().start();
        SmtpConversation smtp = Clients.smtp(server);
        smtp.reply();
        smtp.command("EHLO client.test");
        return smtp;
    }

    /** As {@link #introduced}, then MAIL FROM a@ and RCPT TO b@. */
    private SmtpConversation inTransaction(FakeMailServerBuilder builder) throws IOException {
        SmtpConversation smtp = introduced(builder);
        smtp.command("MAIL FROM:<a@example.test>");
        smtp.command("RCPT TO:<b@example.test>");
        return smtp;
    }

    @Test
    void pipelinedTransactionsGetTheirRepliesInOrder() throws IOException {
        try (SmtpConversation smtp = introduced(FakeMailServer.builder().hostname("mx.test"))) {
            // RFC 2920: a whole group in one write, DATA last; then the content; then the next group.
            smtp.send("MAIL FROM:<a@example.test>\r\nRCPT TO:<b@example.test>\r\nRCPT TO:<c@example.test>\r\nDATA\r\n");
            assertThat(smtp.reply()).isEqualTo("250 2.1.0 Ok\r\n");
            assertThat(smtp.reply()).isEqualTo("250 2.1.5 Ok\r\n");
            assertThat(smtp.reply()).isEqualTo("250 2.1.5 Ok\r\n");
            assertThat(smtp.reply()).isEqualTo("354 End data with <CR><LF>.<CR><LF>\r\n");
            smtp.send("Subject: one\r\n\r\nbody\r\n.\r\nMAIL FROM:<a@example.test>\r\nRCPT TO:<x y>\r\n"
                    + "RCPT TO:<d@example.test>\r\nDATA\r\nSubject: two\r\n\r\n.\r\nQUIT\r\n");
            assertThat(smtp.reply()).isEqualTo("250 2.0.0 Ok: queued as 1\r\n");
            assertThat(smtp.reply()).isEqualTo("250 2.1.0 Ok\r\n");
            assertThat(smtp.reply()).isEqualTo("501 5.1.3 Bad recipient address syntax\r\n");
            assertThat(smtp.reply()).isEqualTo("250 2.1.5 Ok\r\n");
            assertThat(smtp.reply()).isEqualTo("354 End data with <CR><LF>.<CR><LF>\r\n");
            assertThat(smtp.reply()).isEqualTo("250 2.0.0 Ok: queued as 2\r\n");
            assertThat(smtp.reply()).isEqualTo("221 2.0.0 mx.test Bye\r\n");
            assertThat(server.messages()).extracting(ReceivedMessage::subject).containsExactly("one", "two");
            assertThat(server.messages().get(1).envelope().recipientAddresses()).containsExactly("d@example.test");
        }
    }

    @Test
    void equalEnvelopesWithinASessionAreStoredOnce() throws IOException {
        try (SmtpConversation smtp = introduced(FakeMailServer.builder())) {
            for (int i = 0; i < 3; i++) {
                smtp.command("MAIL FROM:<a@example.test>");
                smtp.command("RCPT TO:<b@example.test>");
                smtp.command("DATA");
                assertThat(smtp.command("Subject: " + i + "\r\n\r\nbody\r\n.")).startsWith("250 2.0.0 Ok");
            }
            String[][] others = {{"a@example.test", "c@example.test"}, {"z@example.test", "c@example.test"},
                {"z@example.test", "c@example.test"}};
            for (String[] other : others) {
                smtp.command("MAIL FROM:<" + other[0] + ">");
                smtp.command("RCPT TO:<" + other[1] + ">");
                smtp.command("DATA");
                assertThat(smtp.command("Subject: other\r\n\r\nbody\r\n.")).startsWith("250 2.0.0 Ok");
            }
            List<ReceivedMessage> messages = server.messages();
            assertThat(messages.get(1).envelope()).isSameAs(messages.get(0).envelope());
            assertThat(messages.get(2).envelope()).isSameAs(messages.get(0).envelope());
            // a different recipient, then a different sender: each a new envelope, saying what its client said
            assertThat(messages.get(3).envelope()).isNotEqualTo(messages.get(0).envelope());
            assertThat(messages.get(3).envelope().mailFrom()).isEqualTo("a@example.test");
            assertThat(messages.get(3).envelope().recipientAddresses()).containsExactly("c@example.test");
            assertThat(messages.get(4).envelope().mailFrom()).isEqualTo("z@example.test");
            assertThat(messages.get(4).envelope().recipientAddresses()).containsExactly("c@example.test");
            assertThat(messages.get(5).envelope()).isSameAs(messages.get(4).envelope());
        }
    }

    @Test
    void dotStuffingIsUndoneAndOnlyCrLfDotCrLfEndsTheData() throws IOException {
        try (SmtpConversation smtp = inTransaction(FakeMailServer.builder())) {
            smtp.command("DATA");
            // "\n.\n" is not an end of data (SMTP smuggling); "..x" is a stuffed ".x"; "." inside a line stays.
            String reply = smtp.command("Subject: dots\r\n\r\n..\r\n...x\r\na.b\r\nbare\n.\nstill data\r\n.");
            assertThat(reply).isEqualTo("250 2.0.0 Ok: queued as 1\r\n");
            String stored = server.messages().get(0).asString();
            assertThat(stored.substring(stored.indexOf("Subject:")))
                    .isEqualTo("Subject: dots\r\n\r\n.\r\n..x\r\na.b\r\nbare\n.\nstill data\r\n");
        }
    }

    @Test
    void bdatChunksMakeOneMessageByteForByte() throws IOException {
        try (SmtpConversation smtp = introduced(FakeMailServer.builder())) {
            byte[] binary = new byte[256];
            for (int i = 0; i < binary.length; i++) {
                binary[i] = (byte) i;
            }
            smtp.send("MAIL FROM:<a@example.test> BODY=BINARYMIME\r\nRCPT TO:<b@example.test>\r\n"
                    + "BDAT 22\r\nSubject: binary\r\n\r\n.\r\n");
            assertThat(smtp.reply()).isEqualTo("250 2.1.0 Ok\r\n");
            assertThat(smtp.reply()).isEqualTo("250 2.1.5 Ok\r\n");
            assertThat(smtp.reply()).isEqualTo("250 2.0.0 Ok: 22 octets received\r\n");
            smtp.send("BDAT 256 LAST\r\n").sendBytes(binary);
            assertThat(smtp.reply()).isEqualTo("250 2.0.0 Ok: queued as 1\r\n");
            byte[] stored = server.messages().get(0).bytes();
            byte[] tail = java.util.Arrays.copyOfRange(stored, stored.length - 256 - 22, stored.length);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            expected.writeBytes("Subject: binary\r\n\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
            expected.writeBytes(binary);
            assertThat(tail).isEqualTo(expected.toByteArray());
            assertThat(server.messages().get(0).envelope().mailParameters()).containsEntry("BODY", "BINARYMIME");
        }
    }

    @Test
    void bdatZeroLastEndsTheMessage() throws IOException {
        try (SmtpConversation smtp = inTransaction(FakeMailServer.builder())) {
            assertThat(smtp.send("BDAT 14\r\nSubject: z\r\n\r\n").reply()).isEqualTo("250 2.0.0 Ok: 14 octets received\r\n");
            assertThat(smtp.command("BDAT 0 LAST")).isEqualTo("250 2.0.0 Ok: queued as 1\r\n");
            assertThat(server.messages().get(0).subject()).isEqualTo("z");
        }
    }

    @Test
    void startTlsDiscardsPipelinedPlaintextAndForgetsTheSession() throws Exception {
        server = FakeMailServer.builder().hostname("mx.test").build().start();
        try (SmtpConversation smtp = Clients.smtp(server)) {
            assertThat(smtp.reply()).isEqualTo("220 mx.test ESMTP fakemail\r\n");
            assertThat(smtp.command("EHLO client.test")).contains("250-STARTTLS\r\n");
            // An attacker's command injected after STARTTLS must not run inside the TLS session (RFC 3207 §6).
            assertThat(smtp.send("STARTTLS\r\nMAIL FROM:<injected@example.test>\r\n").reply())
                    .isEqualTo("220 2.0.0 Ready to start TLS\r\n");
            smtp.upgradeToTls();
            assertThat(smtp.command("MAIL FROM:<a@example.test>")).isEqualTo("503 5.5.1 Error: send HELO/EHLO first\r\n");
            assertThat(smtp.command("EHLO client.test")).doesNotContain("STARTTLS").contains("250-AUTH PLAIN");
            assertPipelinedTransactionQueued(smtp, "MAIL FROM:<a@example.test>\r\n", "Subject: secret\r\n\r\nhi\r\n");
            ReceivedMessage message = server.messages().get(0);
            assertThat(message.envelope().isTls()).isTrue();
            assertThat(message.envelope().protocol()).isEqualTo("ESMTPS");
            assertThat(message.asString()).contains("with ESMTPS");
            assertThat(server.transcripts().get(0).toString()).contains("discarded 35 octets sent before the TLS handshake");
        }
    }

    @Test
    void implicitTlsGreetsOnlyAfterTheHandshake() throws Exception {
        server = FakeMailServer.builder().hostname("mx.test").smtpsPort(0).build().start();
        try (SmtpConversation smtp = new SmtpConversation(Clients.dial(server.smtps()).implicitTls())) {
            assertThat(smtp.reply()).isEqualTo("220 mx.test ESMTP fakemail\r\n");
            assertThat(smtp.command("EHLO client.test")).doesNotContain("STARTTLS").contains("250-AUTH ");
            smtp.send("AUTH PLAIN AGJvYgBzZWNyZXQ=\r\n");
            assertThat(smtp.reply()).isEqualTo("235 2.7.0 Authentication successful\r\n");
            assertPipelinedTransactionQueued(smtp, "MAIL FROM:<bob@example.test>\r\n", "Subject: s\r\n\r\n");
            ReceivedMessage message = server.messages().get(0);
            assertThat(message.envelope().authenticatedUser()).hasValue("bob");
            assertThat(message.envelope().protocol()).isEqualTo("ESMTPSA");
            assertThat(message.envelope().tlsProtocol()).hasValueSatisfying(p -> assertThat(p).startsWith("TLSv1."));
        }
    }

    /** MAIL (as given), RCPT and DATA in one write, then the content: each reply, in order, exactly. */
    private static void assertPipelinedTransactionQueued(SmtpConversation smtp, String mailLine, String content)
            throws IOException {
        smtp.send(mailLine + "RCPT TO:<b@example.test>\r\nDATA\r\n");
        assertThat(smtp.reply()).isEqualTo("250 2.1.0 Ok\r\n");
        assertThat(smtp.reply()).isEqualTo("250 2.1.5 Ok\r\n");
        assertThat(smtp.reply()).startsWith("354 ");
        assertThat(smtp.send(content + ".\r\n").reply()).isEqualTo("250 2.0.0 Ok: queued as 1\r\n");
    }

    @Test
    void idleClientsGet421AndAreClosed() throws IOException {
        server = FakeMailServer.builder().hostname("mx.test").idleTimeout(Duration.ofMillis(300)).build().start();
        try (SmtpConversation smtp = Clients.smtp(server)) {
            smtp.reply();
            assertThat(smtp.reply()).isEqualTo("421 4.4.2 mx.test Error: timeout exceeded\r\n");
            assertThat(smtp.isClosedByServer()).isTrue();
        }
    }

    @Test
    void aClientLeavingInTheMiddleOfDataStoresNothing() throws Exception {
        try (SmtpConversation smtp = inTransaction(FakeMailServer.builder())) {
            smtp.command("DATA");
            smtp.send("Subject: half\r\n\r\nand then the client is gone");
        }
        awaitSessionsEnded(server);
        assertThat(server.messages()).isEmpty();
        assertThat(server.store().users()).isEmpty();
        assertThat(server.transcripts().get(0).toString()).contains("client closed the connection in the middle of the data; nothing stored");
    }
}
