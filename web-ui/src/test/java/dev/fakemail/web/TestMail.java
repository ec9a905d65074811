package dev.fakemail.web;

import dev.fakemail.FakeMailServer;
import jakarta.activation.DataHandler;
import jakarta.mail.Address;
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

/** Builds a message and sends it over real SMTP with Angus Mail, as an application would. */
final class TestMail {
    private final List<String> envelopeTo = new ArrayList<>();
    private final List<MimeBodyPart> attachments = new ArrayList<>();
    private final List<MimeBodyPart> related = new ArrayList<>();
    private String from = "Alice <alice@example.test>";
    private String to = "Bob <bob@example.test>";
    private String subject = "Hello";
    private String text = "Hello Bob";
    private String html;

    static TestMail message() {
        return new TestMail();
    }

    TestMail from(String header) {
        this.from = header;
        return this;
    }

    TestMail to(String header) {
        this.to = header;
        return this;
    }

    /** Envelope recipients (RCPT TO); by default the To header's address. Others than To/Cc are Bcc. */
    TestMail envelopeTo(String... addresses) {
        envelopeTo.addAll(List.of(addresses));
        return this;
    }

    TestMail subject(String subject) {
        this.subject = subject;
        return this;
    }

    TestMail text(String text) {
        this.text = text;
        return this;
    }

    TestMail html(String html) {
        this.html = html;
        return this;
    }

    TestMail attach(String filename, String type, byte[] content) {
        attachments.add(part(filename, type, content, null));
        return this;
    }

    /** An inline part the HTML refers to as {@code cid:contentId}. */
    TestMail inline(String contentId, String type, byte[] content) {
        related.add(part(null, type, content, contentId));
        return this;
    }

    void sendTo(FakeMailServer mail) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", mail.smtp().host());
        properties.put("mail.smtp.port", String.valueOf(mail.smtp().port()));
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.timeout", "10000");
        Session session = Session.getInstance(properties);
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(from));
            message.setRecipients(Message.RecipientType.TO, to);
            message.setSubject(subject, "UTF-8");
            message.setContent(body());
            message.saveChanges();
            List<Address> recipients = new ArrayList<>();
            if (envelopeTo.isEmpty()) {
                recipients.addAll(List.of(InternetAddress.parse(to)));
            }
            for (String address : envelopeTo) {
                recipients.add(new InternetAddress(address));
            }
            Transport.send(message, recipients.toArray(new Address[0]));
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot send test mail", e);
        }
    }

    private MimeMultipart body() throws MessagingException {
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, "UTF-8");
        alternative.addBodyPart(plain);
        if (html != null) {
            MimeBodyPart htmlPart = new MimeBodyPart();
            htmlPart.setContent(html, "text/html; charset=UTF-8");
            if (related.isEmpty()) {
                alternative.addBodyPart(htmlPart);
            } else {
                MimeMultipart relatedParts = new MimeMultipart("related");
                relatedParts.addBodyPart(htmlPart);
                for (MimeBodyPart inline : related) {
                    relatedParts.addBodyPart(inline);
                }
                alternative.addBodyPart(wrap(relatedParts));
            }
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(wrap(alternative));
        for (MimeBodyPart attachment : attachments) {
            mixed.addBodyPart(attachment);
        }
        return mixed;
    }

    private static MimeBodyPart wrap(MimeMultipart multipart) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setContent(multipart);
        return part;
    }

    private static MimeBodyPart part(String filename, String type, byte[] content, String contentId) {
        try {
            MimeBodyPart part = new MimeBodyPart();
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
            if (filename != null) {
                part.setFileName(filename);
                part.setDisposition(MimeBodyPart.ATTACHMENT);
            }
            if (contentId != null) {
                part.setContentID("<" + contentId + ">");
                part.setDisposition(MimeBodyPart.INLINE);
            }
            return part;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
