package dev.fakemail.pop3;

import static dev.fakemail.pop3.Pop3Support.BOB;
import static dev.fakemail.testsupport.DotStuffing.unstuffedContent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.store.MailQuery;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.testing.Clients;
import dev.fakemail.testing.ServerPerTest;
import dev.fakemail.testsupport.Pop3Conversation;
import jakarta.activation.DataHandler;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A message sent with a real SMTP client (Angus Mail) comes out of POP3 RETR exactly as the server stored it:
 * same octets, same count in LIST, byte-stuffing removed by the client's un-stuffing.
 */
@Timeout(60)
class Pop3SmtpRoundTripTest extends ServerPerTest {
    @BeforeEach
    void startServer() {
        start(FakeMailServer.builder());
    }

    /** A multipart message with a UTF-8 8bit text part, a text attachment full of dot lines and a binary one. */
    static MimeMessage multipartMessage(Session session, byte[] binary) throws Exception {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("alice@example.test", "Alice"));
        message.setRecipient(RecipientType.TO, new InternetAddress(BOB));
        message.setSubject("Report with attachments", "UTF-8");

        MimeBodyPart text = new MimeBodyPart();
        text.setText("Grüße, Bob!\r\n.a line starting with a dot\r\n.\r\n..\r\nBye\r\n", "UTF-8");
        text.setHeader("Content-Transfer-Encoding", "8bit");

        MimeBodyPart dots = new MimeBodyPart();
        dots.setDataHandler(new DataHandler(new ByteArrayDataSource(
                ".hidden\r\n..\r\n.\r\nlast\r\n".getBytes(StandardCharsets.US_ASCII), "text/plain")));
        dots.setFileName("dots.txt");
        dots.setHeader("Content-Transfer-Encoding", "7bit");

        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(binary, "application/octet-stream")));
        attachment.setFileName("data.bin");

        MimeMultipart multipart = new MimeMultipart("mixed");
        multipart.addBodyPart(text);
        multipart.addBodyPart(dots);
        multipart.addBodyPart(attachment);
        message.setContent(multipart);
        message.saveChanges();
        return message;
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void retrDeliversExactlyTheStoredBytesOfAnAngusSmtpMessage() throws Exception {
        Properties properties = new Properties();
        properties.put("mail.transport.protocol", "smtp");
        properties.put("mail.smtp.host", server.smtp().host());
        properties.put("mail.smtp.port", String.valueOf(server.smtp().port()));
        properties.put("mail.smtp.localhost", "client.test");
        properties.put("mail.smtp.allow8bitmime", "true");
        properties.put("mail.smtp.timeout", "15000");
        properties.put("mail.smtp.connectiontimeout", "15000");
        Session session = Session.getInstance(properties);
        MimeMessage message = multipartMessage(session, randomBytes(40_000, 7));
        Transport.send(message);

        List<ReceivedMessage> arrived = server.await(MailQuery.to(BOB), 1, Duration.ofSeconds(10));
        assertThat(arrived).hasSize(1);
        byte[] stored = server.messages().get(0).bytes();

        try (Pop3Conversation pop = Clients.openPop3(server)) {
            pop.command("USER " + BOB);
            pop.expectReplies(
                    "PASS x", "+OK maildrop locked and ready, 1 messages",
                    "LIST 1", "+OK 1 " + stored.length);
            byte[] retr = pop.multiLineCommand("RETR 1");
            assertThat(new String(retr, 0, 30, StandardCharsets.US_ASCII)).startsWith("+OK " + stored.length + " octets\r\n");
            assertThat(unstuffedContent(retr)).isEqualTo(stored);
            String wire = new String(retr, StandardCharsets.UTF_8);
            assertThat(wire).contains("\r\n..a line starting with a dot\r\n..\r\n...\r\n")
                    .contains("\r\n..hidden\r\n...\r\n..\r\nlast\r\n")
                    .contains("Grüße, Bob!");

            // TOP with all lines is RETR under another status line
            byte[] top = pop.multiLineCommand("TOP 1 100000");
            assertThat(unstuffedContent(top)).isEqualTo(stored);
            assertThat(pop.command("QUIT")).startsWith("+OK");
        }

        // And a mail reader parsing what POP3 delivered sees the same message Angus sent.
        MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()),
                new java.io.ByteArrayInputStream(stored));
        MimeMultipart parts = (MimeMultipart) parsed.getContent();
        assertThat(parts.getCount()).isEqualTo(3);
        assertThat(parts.getBodyPart(2).getInputStream().readAllBytes()).isEqualTo(randomBytes(40_000, 7));
    }
}
