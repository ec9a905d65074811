package dev.fakemail.client;

import static dev.fakemail.junit.ExpectedMail.to;
import static dev.fakemail.junit.MailAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fakemail.FakeMailServer;
import dev.fakemail.MailControl;
import dev.fakemail.journal.Transcript;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.testsupport.Dial;
import dev.fakemail.testsupport.SmtpConversation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client's view of a server is the server's own: the same messages (bytes, envelope), the same transcripts,
 * and a MailAssertions failure that reads word for word as against the server in-process, but for the server's
 * address, which only the in-process server knows.
 */
@Timeout(60)
class SameAsInProcessTest {
    @RegisterExtension
    final InProcessServer running = new InProcessServer();
    private FakeMailServer server;
    private FakeMailClient client;

    @BeforeEach
    void names() {
        server = running.server();
        client = running.client();
    }

    @Test
    void messagesAndTranscriptsAreTheServersOwn() throws Exception {
        send();

        List<ReceivedMessage> local = server.messages();
        List<ReceivedMessage> remote = client.messages();
        assertThat(remote).hasSameSizeAs(local);
        for (int i = 0; i < local.size(); i++) {
            assertThat(remote.get(i).id()).isEqualTo(local.get(i).id());
            assertThat(remote.get(i).bytes()).isEqualTo(local.get(i).bytes());
            assertThat(remote.get(i).envelope()).isEqualTo(local.get(i).envelope());
            assertThat(remote.get(i).receivedAt()).isEqualTo(local.get(i).receivedAt());
        }
        List<Transcript> localSessions = server.transcripts();
        List<Transcript> remoteSessions = client.transcripts();
        assertThat(remoteSessions).hasSameSizeAs(localSessions);
        assertThat(remoteSessions.get(0).lines()).isEqualTo(localSessions.get(0).lines());
        assertThat(remoteSessions.get(0).client()).isEqualTo(localSessions.get(0).client());
        assertThat(remoteSessions.get(0).started()).isEqualTo(localSessions.get(0).started());
        assertThat(remoteSessions.get(0).toString()).isEqualTo(localSessions.get(0).toString());
    }

    @Test
    void aFailureReadsAsInProcessWithCandidatesAndTranscripts() throws Exception {
        send();

        String local = failureAgainst(server);
        String remote = failureAgainst(client);

        assertThat(local).contains("Closest candidates:", "SMTP sessions:", "C: MAIL FROM:<shop@example.test>");
        assertThat(remote).isEqualTo(local.replace("smtp://" + server.smtp().host() + ":" + server.smtp().port(),
                "this server"));
    }

    private static String failureAgainst(MailControl control) {
        return catchThrowableOfType(AssertionError.class, () -> assertThat(control)
                .receivesWithin(Duration.ofMillis(200)).exactlyOne(to("bob@example.test").subject("Reset your password")))
                .getMessage();
    }

    private void send() throws Exception {
        try (SmtpConversation smtp = SmtpConversation.openWithEhlo(Dial.to(server.smtp().host(), server.smtp().port()),
                "client.example.test")) {
            smtp.sendMail("shop@example.test", "bob@example.test", "From: shop@example.test\r\nTo: bob@example.test\r\n"
                    + "Subject: Reset your passwrod\r\n\r\nOpen https://shop.example.test/reset/?token=4711\r\n");
            smtp.expect("MAIL FROM:<shop@example.test>", "250");
            smtp.expect("RCPT TO:<nobody@example.test>", "250");
            smtp.expect("RSET", "250");
            smtp.expect("QUIT", "221");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.transcripts().isEmpty() || !server.transcripts().get(0).isEnded()) {
            assertThat(System.nanoTime()).as("the session ended within 10s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
