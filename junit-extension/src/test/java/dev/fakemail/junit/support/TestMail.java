package dev.fakemail.junit.support;

import dev.fakemail.FakeMailServer;
import dev.fakemail.junit.MailClientSettings;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** A message sent with Jakarta Mail (Angus), the way an application would send it. */
public final class TestMail {
    private final String from;
    private final List<String> to = new ArrayList<>();
    private final List<MimeBodyPart> attachments = new ArrayList<>();
    private String subject = "";
    private String text = "";

    private TestMail(String from) {
        this.from = from;
    }

    public static TestMail from(String from) {
        return new TestMail(from);
    }

    public TestMail to(String... addresses) {
        to.addAll(List.of(addresses));
        return this;
    }

    public TestMail subject(String subject) {
        this.subject = subject;
        return this;
    }

    public TestMail text(String text) {
        this.text = text;
        return this;
    }

    public TestMail attachment(String filename, String mimeType, byte[] content) {
        try {
            MimeBodyPart part = new MimeBodyPart();
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, mimeType)));
            part.setFileName(filename);
            part.setDisposition(MimeBodyPart.ATTACHMENT);
            attachments.add(part);
            return this;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends over the server's SMTP endpoint with the properties {@link MailClientSettings} gives. */
    public void sendVia(FakeMailServer server) {
        send(MailClientSettings.of(server).jakartaMailProperties(), null, null);
    }

    /** Sends with these properties, authenticating when a user is given. */
    public void send(Properties properties, String user, String password) {
        try {
            Properties withName = new Properties();
            withName.putAll(properties);
            withName.setProperty("mail.smtp.localhost", "client.test");
            Session session = Session.getInstance(withName);
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(from));
            for (String address : to) {
                message.addRecipient(Message.RecipientType.TO, new InternetAddress(address));
            }
            message.setSubject(subject, "UTF-8");
            fillBody(message);
            if (user == null) {
                Transport.send(message);
            } else {
                Transport.send(message, user, password);
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("sending failed: " + e, e);
        }
    }

    private void fillBody(MimeMessage message) throws MessagingException {
        if (attachments.isEmpty()) {
            message.setText(text, "UTF-8");
            return;
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart body = new MimeBodyPart();
        body.setText(text, "UTF-8");
        mixed.addBodyPart(body);
        for (MimeBodyPart attachment : attachments) {
            mixed.addBodyPart(attachment);
        }
        message.setContent(mixed);
    }
}
