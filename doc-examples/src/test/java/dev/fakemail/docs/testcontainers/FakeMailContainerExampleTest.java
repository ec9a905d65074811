package dev.fakemail.docs.testcontainers;

import static dev.fakemail.junit.ExpectedMail.to;
import static dev.fakemail.junit.MailAssertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fakemail.docs.ShopApp;
import dev.fakemail.testcontainers.FakeMailContainer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.DockerClientFactory;

/**
 * docs/client.md, the Testcontainers example. It needs a Docker engine and the image ({@code docker build -t
 * fakemail docker}); where there is none it is skipped, saying so.
 */
@Timeout(180)
class FakeMailContainerExampleTest {
    static FakeMailContainer fakemail = new FakeMailContainer()
            .withUsers("app@example.test:secret")
            .withFaults("smtp rcpt bob@* -> reply 451 4.3.0 \"Try again later\" times 1");

    private static final boolean DOCKER = DockerClientFactory.instance().isDockerAvailable();

    @BeforeAll
    static void startFakemail() {
        if (!DOCKER) {
            return;
        }
        fakemail.start();                          // or Testcontainers' @Container
    }

    /** Per test, so the skip is reported with its reason (a class-level assumption shows as no test at all). */
    @BeforeEach
    void needsDocker() {
        assumeTrue(DOCKER, "No Docker engine is available here: the Testcontainers example of docs/client.md is skipped");
    }

    @AfterAll
    static void stopFakemail() {
        if (fakemail.getContainerId() != null) {
            fakemail.stop();
        }
    }

    @Test
    void sendsTheWelcomeMail() {
        ShopApp.withSmtp(fakemail.getHost(), fakemail.getSmtpPort()).sendWelcomeMail();
        assertThat(fakemail.client()).receivesWithin(Duration.ofSeconds(10)).exactlyOne(to("bob@example.test"));
    }
}
