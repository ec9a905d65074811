package dev.fakemail.junit.support;

import dev.fakemail.FakeMailServer;
import dev.fakemail.junit.MailClientSettings;
import dev.fakemail.testsupport.MessageBuilder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.Properties;

/**
 * Sends a message (written with test-support's {@link MessageBuilder}) with Jakarta Mail (Angus) over SMTP, the
 * way an application's mail client sends it: to the addresses of its To and Cc headers.
 */
public final class TestMail {
    private TestMail() {
    }

    /** Sends over the server's SMTP endpoint with the properties {@link MailClientSettings} gives. */
    public static void sendVia(FakeMailServer server, MessageBuilder message) {
        send(message, MailClientSettings.of(server).jakartaMailProperties(), null, null);
    }

    /** Sends with these properties, authenticating when a user is given. */
    public static void send(MessageBuilder message, Properties properties, String user, String password) {
        try {
            Properties withName = new Properties();
            withName.putAll(properties);
            withName.setProperty("mail.smtp.localhost", "client.test");
            Session session = Session.getInstance(withName);
            MimeMessage mime = new MimeMessage(session, new ByteArrayInputStream(message.bytes()));
            if (user == null) {
                Transport.send(mime);
            } else {
                Transport.send(mime, user, password);
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("sending failed: " + e, e);
        }
    }
}
