package dev.fakemail.docs.junit;

import static dev.fakemail.junit.ExpectedMail.to;
import static dev.fakemail.junit.MailAssertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.junit.FakeMailTest;
import dev.fakemail.junit.MailClientSettings;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** docs/junit.md, "Jakarta Mail and Spring Boot settings": a Session straight from the injected settings. */
@FakeMailTest
class JakartaMailSettingsExampleTest {
    @Test
    void sendsWithJakartaMail(MailClientSettings settings) throws MessagingException {
        Session session = Session.getInstance(settings.jakartaMailProperties());
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("shop@example.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.test"));
        message.setSubject("Hello");
        message.setText("Sent with the injected settings.");
        Transport.send(message);

        FakeMailServer mail = settings.server();
        assertThat(mail).receivesWithin(Duration.ofSeconds(5)).exactlyOne(to("bob@example.test")).hasSubject("Hello");
    }
}
