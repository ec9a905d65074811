package dev.fakemail.testcontainers;

import static dev.fakemail.junit.ExpectedMail.to;
import static dev.fakemail.junit.MailAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fakemail.client.FakeMailClient;
import dev.fakemail.testsupport.Dial;
import dev.fakemail.testsupport.SmtpConversation;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.DockerClientFactory;

/**
 * The container itself, where a Docker engine runs (and the image is built: {@code docker build -t fakemail
 * docker}); skipped, saying so, where none does. What the container relies on (its environment variables, ports
 * and health path) is tested against the standalone jar in the docker module's FakeMailContainerSettingsIT.
 */
@Timeout(180)
class FakeMailContainerTest {
    private static FakeMailContainer fakemail;

    /** Per test, so each one is reported as skipped with the reason (a class-level assumption shows as 0 tests). */
    @BeforeEach
    void start() {
        assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
                "No Docker engine is available here: the FakeMailContainer tests are skipped (its settings are "
                        + "tested against the standalone jar by FakeMailContainerSettingsIT)");
        if (fakemail != null) {
            return;
        }
        fakemail = new FakeMailContainer()
                .withUsers("app@example.test:secret")
                .withFaults("smtp rcpt nobody@* -> reply 550 5.1.1 \"No such user\"");
        fakemail.start();
    }

    @AfterAll
    static void stop() {
        if (fakemail != null) {
            fakemail.stop();
        }
    }

    @Test
    void receivesMailOnItsMappedSmtpPortAndTheClientSeesIt() throws Exception {
        FakeMailClient client = fakemail.client();
        try (SmtpConversation smtp = SmtpConversation.openWithEhlo(
                Dial.to(fakemail.getHost(), fakemail.getSmtpPort()), "app.example.test")) {
            smtp.expect("AUTH PLAIN AGFwcEBleGFtcGxlLnRlc3QAc2VjcmV0", "235");
            smtp.expect("MAIL FROM:<app@example.test>", "250");
            smtp.expect("RCPT TO:<nobody@example.test>", "550");
            smtp.expect("RSET", "250");
            smtp.sendMail("app@example.test", "bob@example.test", "Subject: from a container test\r\n\r\nhi");
            smtp.expect("QUIT", "221");
        }

        assertThat(client).receivesWithin(Duration.ofSeconds(10)).exactlyOne(to("bob@example.test"))
                .hasSubject("from a container test");
        assertThat(client.faults().rules()).hasSize(1);
        assertThat(fakemail.getWebUrl()).startsWith("http://" + fakemail.getHost() + ":");
    }
}
