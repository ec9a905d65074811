package dev.fakemail.spring;

import static dev.fakemail.junit.ExpectedMail.to;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.FakeMailServerBuilder;
import dev.fakemail.junit.MailAssertions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * A server customized by two classes at once, one for the login and one for TLS (every customizer named applies):
 * Boot's sender gets the user, the password and STARTTLS (trusting the built-in certificate's host) from the
 * annotation's properties. A test's inlined property still wins over the annotation's.
 */
@SpringBootTest(classes = MailApplication.class, properties = "spring.mail.properties.mail.smtp.timeout=4321")
@AutoConfigureFakeMail(customizers = {SecureMailTest.ShopLogin.class, SecureMailTest.TlsOnly.class})
class SecureMailTest {
    public static class ShopLogin implements FakeMailServerCustomizer {
        @Override
        public void customize(FakeMailServerBuilder builder) {
            builder.user("shop", "secret").requireAuth(true);
        }
    }

    public static class TlsOnly implements FakeMailServerCustomizer {
        @Override
        public void customize(FakeMailServerBuilder builder) {
            builder.requireTls(true);
        }
    }

    @Autowired
    FakeMailServer mail;

    @Autowired
    MailApplication.WelcomeMailer mailer;

    @Autowired
    Environment environment;

    @Test
    void bootsSenderLogsInOverStartTls() {
        mailer.welcome("bob@example.test");

        MailAssertions.assertThat(mail).receivesWithin(Duration.ofSeconds(10)).exactlyOne(to("bob@example.test"))
                .wasSentOverTls()
                .wasAuthenticatedAs("shop");
    }

    @Test
    void everyCustomizerNamedApplies() {
        assertThat(mail.config().requireAuth()).isTrue();
        assertThat(mail.config().requireTls()).isTrue();
        assertThat(environment.getProperty("spring.mail.properties.mail.smtp.starttls.required")).isEqualTo("true");
    }

    @Test
    void aTestsInlinedPropertyWinsOverTheAnnotations() {
        assertThat(environment.getProperty("spring.mail.properties.mail.smtp.timeout")).isEqualTo("4321");
        assertThat(environment.getProperty("spring.mail.port", Integer.class)).isEqualTo(mail.smtp().port());
        assertThat(environment.getProperty("spring.mail.username")).isEqualTo("shop");
    }
}
