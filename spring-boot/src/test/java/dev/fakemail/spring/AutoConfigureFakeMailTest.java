package dev.fakemail.spring;

import static dev.fakemail.junit.ExpectedMail.to;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.MailControl;
import dev.fakemail.junit.MailAssertions;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** A real Boot application context: Boot's own JavaMailSender, configured by the annotation, sends to the server. */
@SpringBootTest(classes = MailApplication.class)
@AutoConfigureFakeMail
class AutoConfigureFakeMailTest {
    @Autowired
    FakeMailServer mail;

    @Autowired
    MailControl control;

    @Autowired
    JavaMailSender sender;

    @Autowired
    MailApplication.WelcomeMailer welcomeMailer;

    @Autowired
    Environment environment;

    @Autowired
    ApplicationContext context;

    @Test
    void theApplicationsMailSenderSendsToTheServer() {
        welcomeMailer.welcome("bob@example.test");

        MailAssertions.assertThat(mail).receivesWithin(Duration.ofSeconds(10))
                .exactlyOne(to("bob@example.test").andFrom("shop@example.test"))
                .hasSubject("Welcome")
                .hasText("Hello bob@example.test");
    }

    @Test
    void springMailPropertiesWinOverTheApplicationsOwnAndPointAtTheServer() {
        // src/test/resources/application.properties names a production host, port 2525 and auth=false
        assertThat(environment.getProperty("spring.mail.host")).isEqualTo(mail.smtp().host());
        assertThat(environment.getProperty("spring.mail.port", Integer.class)).isEqualTo(mail.smtp().port());
        assertThat(environment.getProperty("spring.mail.protocol")).isEqualTo("smtp");
        assertThat(environment.getProperty("spring.mail.properties.mail.smtp.timeout")).isEqualTo("10000");

        JavaMailSenderImpl boots = (JavaMailSenderImpl) sender;
        assertThat(boots.getHost()).isEqualTo(mail.smtp().host());
        assertThat(boots.getPort()).isEqualTo(mail.smtp().port());
    }

    @Test
    void theServerIsOneBeanUnderBothTypesAndRunsOnLoopback() throws java.net.UnknownHostException {
        assertThat(control).isSameAs(mail);
        assertThat(context.getBeansOfType(FakeMailServer.class)).containsOnlyKeys("fakeMailServer");
        assertThat(context.getBeansOfType(JavaMailSender.class)).hasSize(1);
        assertThat(mail.isRunning()).isTrue();
        assertThat(java.net.InetAddress.getByName(mail.smtp().host()).isLoopbackAddress()).isTrue();
    }

    /** A @Nested class inherits the enclosing configuration: same context, same server, reset before its tests. */
    @Nested
    class Inside {
        @Autowired
        FakeMailServer nestedMail;

        @Test
        void seesTheEnclosingServerAndOnlyItsOwnMail() {
            assertThat(nestedMail).isSameAs(mail);
            assertThat(nestedMail.messages()).isEmpty();

            welcomeMailer.welcome("nested@example.test");

            MailAssertions.assertThat(nestedMail).receivesWithin(Duration.ofSeconds(10))
                    .exactlyOne(to("nested@example.test"));
            assertThat(nestedMail.messages()).hasSize(1);
        }
    }
}
