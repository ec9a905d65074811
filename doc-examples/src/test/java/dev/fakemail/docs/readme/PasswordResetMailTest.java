package dev.fakemail.docs.readme;

import static dev.fakemail.fault.Trigger.rcptTo;
import static dev.fakemail.junit.ExpectedMail.to;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.docs.ShopApp;
import dev.fakemail.junit.FakeMailTest;
import dev.fakemail.junit.MailAssertions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** README.md, "JUnit 5": the application retries after the scripted 451 and the mail arrives. */
@FakeMailTest
class PasswordResetMailTest {
    private final ShopApp app = ShopApp.unconfigured();

    @Test
    void retriesAfterTemporaryFailure(FakeMailServer mail) {
        mail.faults().smtp(rcptTo("bob@example.test")).times(1).reply(451, "4.3.0", "Try again later");
        app.requestPasswordReset("bob@example.test", mail.smtp().host(), mail.smtp().port());

        MailAssertions.assertThat(mail).receivesWithin(Duration.ofSeconds(5))
                .exactlyOne(to("bob@example.test").subject("Reset your password"))
                .hasTextContaining("/reset?token=");

        // the fault really fired: the first session was refused, the retry delivered
        assertThat(mail.faults().rules().get(0).hits()).isEqualTo(1);
        assertThat(mail.transcripts()).hasSizeGreaterThanOrEqualTo(2);
    }
}
