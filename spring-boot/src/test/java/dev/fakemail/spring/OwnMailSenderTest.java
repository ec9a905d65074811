package dev.fakemail.spring;

import static dev.fakemail.junit.ExpectedMail.to;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.junit.MailAssertions;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** An application that defines its own JavaMailSender keeps it; it reads the same spring.mail.* values. */
@SpringBootTest(classes = {MailApplication.class, OwnMailSenderTest.AppMailConfiguration.class})
@AutoConfigureFakeMail
class OwnMailSenderTest {
    @Configuration(proxyBeanMethods = false)
    static class AppMailConfiguration {
        @Bean
        JavaMailSender appMailSender(@Value("${spring.mail.host}") String host, @Value("${spring.mail.port}") int port) {
            AppMailSender sender = new AppMailSender();
            sender.setHost(host);
            sender.setPort(port);
            return sender;
        }
    }

    /** Marks every message it creates, so the test knows which sender sent it. */
    static class AppMailSender extends JavaMailSenderImpl {
        @Override
        public MimeMessage createMimeMessage() {
            MimeMessage message = super.createMimeMessage();
            try {
                message.setHeader("X-Sent-By", "the application's own sender");
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
            return message;
        }
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    FakeMailServer mail;

    @Autowired
    MailApplication.WelcomeMailer mailer;

    @Test
    void theApplicationsSenderIsKeptAndSendsToTheServer() {
        assertThat(context.getBeansOfType(JavaMailSender.class)).containsOnlyKeys("appMailSender")
                .allSatisfy((name, sender) -> assertThat(sender).isInstanceOf(AppMailSender.class));

        mailer.welcome("bob@example.test");

        MailAssertions.assertThat(mail).receivesWithin(Duration.ofSeconds(10)).exactlyOne(to("bob@example.test"))
                .hasHeader("X-Sent-By", "the application's own sender");
    }
}
