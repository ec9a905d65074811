package dev.fakemail.docs.spring;

import static dev.fakemail.junit.ExpectedMail.to;
import static dev.fakemail.junit.MailAssertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.junit.FakeMailTest;
import dev.fakemail.junit.MailClientSettings;
import dev.fakemail.junit.MailServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * docs/junit.md, the Spring Boot example: the static server runs before Spring builds the context, so
 * Boot's own JavaMailSender is configured for it. (Named *IT in the docs; surefire runs it by the include below.)
 */
@SpringBootTest
@FakeMailTest
class WelcomeMailIT {
    @MailServer
    static FakeMailServer mail = FakeMailServer.builder().build();

    @DynamicPropertySource
    static void mailSettings(DynamicPropertyRegistry registry) {
        MailClientSettings.of(mail).springMailProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    JavaMailSender sender;

    @Test
    void bootsMailSenderSendsToTheServer() {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom("shop@example.test");
        message.setTo("bob@example.test");
        message.setSubject("Welcome");
        message.setText("Hello from Spring Boot");
        sender.send(message);

        assertThat(mail).receivesWithin(Duration.ofSeconds(5)).exactlyOne(to("bob@example.test")).hasSubject("Welcome");
    }
}
