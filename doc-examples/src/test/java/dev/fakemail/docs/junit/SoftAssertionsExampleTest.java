package dev.fakemail.docs.junit;

import static dev.fakemail.junit.ExpectedMail.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fakemail.FakeMailServer;
import dev.fakemail.docs.ShopApp;
import dev.fakemail.junit.FakeMailTest;
import dev.fakemail.junit.SoftMailAssertions;
import org.junit.jupiter.api.Test;

/** docs/junit.md, "Soft assertions": passes for the welcome mail, and collects both failures otherwise. */
@FakeMailTest
class SoftAssertionsExampleTest {
    @Test
    void softAssertions(FakeMailServer mail) {
        ShopApp.withSmtp(mail.smtp().host(), mail.smtp().port()).sendWelcomeMail();
        mail.await(to("bob@example.test").asQuery(), 1, java.time.Duration.ofSeconds(5));

        SoftMailAssertions.assertMailSoftly(softly -> {
            softly.assertThat(mail).exactlyOne(to("bob@example.test")).hasSubject("Welcome");
            softly.assertThat(mail).none(to("mallory@example.test"));
        });

        Throwable both = catchThrowable(() -> SoftMailAssertions.assertMailSoftly(softly -> {
            softly.assertThat(mail).exactlyOne(to("bob@example.test")).hasSubject("Goodbye");
            softly.assertThat(mail).none(to("bob@example.test"));
        }));
        assertThat(both).hasMessageContaining("failure 1").hasMessageContaining("failure 2");
    }
}
