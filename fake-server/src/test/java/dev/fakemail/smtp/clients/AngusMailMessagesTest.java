package dev.fakemail.smtp.clients;

import dev.fakemail.testsupport.DotStuffing;
import static dev.fakemail.smtp.clients.ClientSupport.CLIENT_NAME;
import static dev.fakemail.smtp.clients.ClientSupport.angusProperties;
import static dev.fakemail.smtp.clients.ClientSupport.body;
import static dev.fakemail.smtp.clients.ClientSupport.clientData;
import static dev.fakemail.smtp.clients.ClientSupport.onlyMessage;
import static dev.fakemail.smtp.clients.ClientSupport.parse;
import static dev.fakemail.smtp.clients.ClientSupport.send;
import static dev.fakemail.smtp.clients.ClientSupport.session;
import static dev.fakemail.smtp.clients.ClientSupport.wireBytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.store.Envelope;
import dev.fakemail.store.EnvelopeRecipient;
import dev.fakemail.store.MailQuery;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.testing.ClosesServers;
import jakarta.activation.DataHandler;
import jakarta.mail.BodyPart;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Angus Mail (Jakarta Mail 2.1, protocol "smtp") sending real messages over loopback: what it puts on the
 * wire must arrive in the store unchanged, with the envelope it gave in MAIL and RCPT.
 */
@Timeout(60)
@ExtendWith(ClosesServers.class)
class AngusMailMessagesTest {
    private FakeMailServer server;
    private Properties properties;

    @BeforeEach
    void startServer() {
        server = FakeMailServer.builder().build().start();
        properties = angusProperties("smtp", server.smtp());
    }

    /** A message from alice@example.test to {@code to} with this subject, in a session of {@link #properties}. */
    private MimeMessage aliceWrites(String to, String subject) throws MessagingException {
        MimeMessage message = new MimeMessage(session(properties));
        message.setFrom("alice@example.test");
        message.setRecipients(RecipientType.TO, to);
        message.setSubject(subject, "UTF-8"); // an ASCII subject stays as it is
        return message;
    }

    /** Sends the message through its own session; the one message the server received. */
    private ReceivedMessage sendAndReceive(MimeMessage message) throws MessagingException {
        send(message.getSession(), message);
        return onlyMessage(server);
    }

    @Test
    void plainTextMessageArrivesWithEnvelopeHeadersAndBody() throws Exception {
        MimeMessage message = aliceWrites("bob@example.test", "Plain hello");
        message.setFrom(new InternetAddress("alice@example.test", "Alice Sender"));
        message.setText("Hello Bob,\r\n.a line starting with a dot\r\n..two dots\r\nBye\r\n", "US-ASCII");

        ReceivedMessage received = sendAndReceive(message);
        Envelope envelope = received.envelope();
        assertThat(envelope.mailFrom()).isEqualTo("alice@example.test");
        assertThat(envelope.recipientAddresses()).containsExactly("bob@example.test");
        assertThat(envelope.heloName()).isEqualTo(CLIENT_NAME);
        assertThat(envelope.clientAddress().getAddress().isLoopbackAddress()).isTrue();
        assertThat(envelope.isTls()).isFalse();
        assertThat(envelope.tlsProtocol()).isEmpty();
        assertThat(envelope.authenticatedUser()).isEmpty();
        assertThat(envelope.protocol()).isEqualTo("ESMTP");

        assertThat(received.subject()).isEqualTo("Plain hello");
        assertThat(received.header("From")).contains("Alice Sender <alice@example.test>");
        assertThat(received.header("To")).contains("bob@example.test");
        assertThat(received.header("Message-ID")).hasValueSatisfying(id -> assertThat(id).startsWith("<"));
        assertThat(received.text()).isEqualTo("Hello Bob,\r\n.a line starting with a dot\r\n..two dots\r\nBye\r\n");
        // Byte for byte what Angus wrote (dot-stuffed on the wire, unstuffed in the store).
        assertThat(clientData(received)).isEqualTo(wireBytes(message));
        assertThat(received.asString())
                .startsWith("Return-Path: <alice@example.test>\r\nReceived: from " + CLIENT_NAME + " ([127.0.0.1])\r\n")
                .contains("by localhost (fakemail) with ESMTP\r\n\tfor <bob@example.test>; ");
        assertThat(received.size()).isEqualTo(received.bytes().length);
    }

    @Test
    void multipartWithHtmlAlternativeAndBinaryAttachmentParsesBackToTheSameParts() throws Exception {
        byte[] attachment = new byte[20_000];
        new Random(42).nextBytes(attachment);
        attachment[0] = '.'; // worst cases for the framing, inside base64 they are harmless anyway
        attachment[1] = '\r';
        attachment[2] = '\n';

        MimeMessage message = aliceWrites("bob@example.test", "Report attached");

        MimeBodyPart text = new MimeBodyPart();
        text.setText("Plain version: grüße", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<html><body><p>HTML version: <b>grüße</b></p></body></html>", "text/html; charset=UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative", text, html);
        MimeBodyPart alternativePart = new MimeBodyPart();
        alternativePart.setContent(alternative);

        MimeBodyPart file = new MimeBodyPart();
        file.setDataHandler(new DataHandler(
                new ByteArrayDataSource(attachment, "application/octet-stream")));
        file.setFileName("report.bin");
        file.setDisposition(Part.ATTACHMENT);

        message.setContent(new MimeMultipart("mixed", alternativePart, file));

        ReceivedMessage received = sendAndReceive(message);
        assertThat(clientData(received)).isEqualTo(wireBytes(message));
        assertThat(received.header("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("multipart/mixed"));
        assertThat(received.text()).isEqualTo("Plain version: grüße");
        assertThat(received.html()).isEqualTo("<html><body><p>HTML version: <b>grüße</b></p></body></html>");

        MimeMessage parsed = parse(received);
        assertThat(parsed.getSubject()).isEqualTo("Report attached");
        Multipart mixed = (Multipart) parsed.getContent();
        assertThat(mixed.getCount()).isEqualTo(2);
        Multipart parsedAlternative = (Multipart) mixed.getBodyPart(0).getContent();
        assertThat(parsedAlternative.getContentType()).startsWith("multipart/alternative");
        assertThat(parsedAlternative.getBodyPart(0).getContent()).isEqualTo("Plain version: grüße");
        assertThat(parsedAlternative.getBodyPart(1).isMimeType("text/html")).isTrue();
        BodyPart parsedFile = mixed.getBodyPart(1);
        assertThat(parsedFile.getFileName()).isEqualTo("report.bin");
        assertThat(parsedFile.getDisposition()).isEqualToIgnoringCase(Part.ATTACHMENT);
        assertThat(parsedFile.isMimeType("application/octet-stream")).isTrue();
        try (InputStream in = parsedFile.getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(attachment);
        }
    }

    @Test
    void toCcAndBccAreAllInTheEnvelopeButBccIsNotInTheStoredHeader() throws Exception {
        MimeMessage message = aliceWrites("bob@example.test, carol@example.test", "Team news");
        message.setRecipients(RecipientType.CC, "dave@example.test");
        message.setRecipients(RecipientType.BCC, "erin@example.test, frank@example.test");
        message.setText("Hello all");

        ReceivedMessage received = sendAndReceive(message);
        assertThat(received.envelope().recipientAddresses()).containsExactlyInAnyOrder(
                "bob@example.test", "carol@example.test", "dave@example.test", "erin@example.test",
                "frank@example.test");
        assertThat(received.header("To")).contains("bob@example.test, carol@example.test");
        assertThat(received.header("Cc")).contains("dave@example.test");
        assertThat(received.headers("Bcc")).isEmpty();
        assertThat(received.asString()).doesNotContain("erin@example.test").doesNotContain("frank@example.test");
        // More than one recipient: the Received field names none of them (no "for <...>" clause).
        assertThat(received.header("Received")).hasValueSatisfying(value -> assertThat(value).doesNotContain("for <"));
        for (String recipient : received.envelope().recipientAddresses()) {
            assertThat(server.messages(MailQuery.to(recipient))).as("query to %s", recipient).hasSize(1);
        }
        assertThat(server.store().received()).hasSize(1); // one transaction, logged once
    }

    @Test
    void utf8SubjectIsEncodedByTheClientAndDecodedByTheServer() throws Exception {
        String subject = "Grüße aus Köln – 東京 ✓ and a rather long tail so that the encoded word gets folded";
        MimeMessage message = aliceWrites("bob@example.test", subject);
        message.setText("Inhalt: Grüße", "UTF-8");

        ReceivedMessage received = sendAndReceive(message);
        String rawSubject = new String(received.bytes(), StandardCharsets.US_ASCII).lines()
                .filter(line -> line.startsWith("Subject:")).findFirst().orElseThrow();
        assertThat(rawSubject).as("the client sent RFC 2047 encoded words").contains("=?UTF-8?");
        assertThat(received.subject()).isEqualTo(subject);
        assertThat(server.messages(MailQuery.all().subject(subject))).hasSize(1);
        assertThat(received.text()).isEqualTo("Inhalt: Grüße\r\n"); // the line end Angus adds before "."
        assertThat(parse(received).getSubject()).isEqualTo(subject);
    }

    @Test
    void utf8AddressesGoThroughSmtpUtf8() throws Exception {
        properties.put("mail.mime.allowutf8", "true");
        MimeMessage message = new MimeMessage(session(properties));
        InternetAddress from = new InternetAddress();
        from.setAddress("jürgen@exämple.test");
        InternetAddress to = new InternetAddress();
        to.setAddress("芳子@例え.test");
        message.setFrom(from);
        message.setRecipient(RecipientType.TO, to);
        message.setSubject("Grüße ohne Kodierung", "UTF-8");
        message.setText("Hallo 芳子", "UTF-8");

        ReceivedMessage received = sendAndReceive(message);
        Envelope envelope = received.envelope();
        assertThat(envelope.mailFrom()).isEqualTo("jürgen@exämple.test");
        assertThat(envelope.recipientAddresses()).containsExactly("芳子@例え.test");
        assertThat(envelope.mailParameters()).containsEntry("SMTPUTF8", "");
        assertThat(envelope.protocol()).isEqualTo("UTF8SMTP");
        assertThat(server.transcripts()).anySatisfy(transcript -> assertThat(transcript.lines())
                .anySatisfy(line -> assertThat(line.toString()).isEqualTo("C: MAIL FROM:<jürgen@exämple.test> SMTPUTF8")));
        assertThat(received.header("From")).contains("jürgen@exämple.test");
        assertThat(received.header("To")).contains("芳子@例え.test");
        assertThat(received.subject()).isEqualTo("Grüße ohne Kodierung");
        assertThat(received.text()).isEqualTo("Hallo 芳子"); // base64: the final CR LF is not text
        assertThat(received.asString()).startsWith("Return-Path: <jürgen@exämple.test>\r\n")
                .contains(" with UTF8SMTP\r\n\tfor <芳子@例え.test>; ");
        assertThat(server.messages(MailQuery.to("芳子@例え.test"))).hasSize(1);
        assertThat(clientData(received)).isEqualTo(wireBytes(message));
    }

    @Test
    void eightBitBodyIsStoredByteForByteWhenTheClientUses8BitMime() throws Exception {
        properties.put("mail.smtp.allow8bitmime", "true");
        String text = "Grüße, 東京, ¡olé!\r\n.leading dot\r\nÆØÅ æøå\r\n";
        MimeMessage message = aliceWrites("bob@example.test", "8bit");
        message.setText(text, "UTF-8");

        ReceivedMessage received = sendAndReceive(message);
        assertThat(received.header("Content-Transfer-Encoding")).as("Angus switched the part to 8bit").contains("8bit");
        assertThat(body(received)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        assertThat(clientData(received)).isEqualTo(wireBytes(message));
        assertThat(received.text()).isEqualTo(text);
    }

    @Test
    void oneConnectionCarriesSeveralTransactions() throws Exception {
        Session session = session(properties);
        try (Transport transport = session.getTransport()) {
            transport.connect();
            for (int i = 1; i <= 3; i++) {
                MimeMessage message = new MimeMessage(session);
                message.setFrom("alice@example.test");
                message.setRecipients(RecipientType.TO, "bob" + i + "@example.test");
                message.setSubject("Number " + i);
                message.setText("Body " + i);
                message.saveChanges();
                transport.sendMessage(message, message.getAllRecipients());
            }
        }

        List<ReceivedMessage> received = server.await(MailQuery.all(), 3, ClientSupport.WAIT);
        assertThat(received).extracting(ReceivedMessage::subject).containsExactly("Number 1", "Number 2", "Number 3");
        assertThat(received).extracting(message -> message.envelope().recipientAddresses())
                .containsExactly(List.of("bob1@example.test"), List.of("bob2@example.test"), List.of("bob3@example.test"));
        // The CR LF that ends the last line before "." is content (RFC 5321 §4.1.1.4), so it is part of the text.
        assertThat(received).extracting(ReceivedMessage::text)
                .containsExactly("Body 1\r\n", "Body 2\r\n", "Body 3\r\n");
        assertThat(received).extracting(ReceivedMessage::id).doesNotHaveDuplicates().isSorted();
        assertThat(server.transcripts()).hasSize(1);
    }

    @Test
    void chunkingClientSendsBdatAndTheMessageArrivesWhole() throws Exception {
        properties.put("mail.smtp.chunksize", "256");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            text.append("Line ").append(i).append(" of a body long enough for several chunks\r\n");
        }
        text.append(".\r\n.. not an end\r\n");
        MimeMessage message = aliceWrites("bob@example.test", "Chunked");
        message.setText(text.toString(), "US-ASCII");

        ReceivedMessage received = sendAndReceive(message);
        assertThat(server.transcripts()).anySatisfy(transcript -> assertThat(transcript.lines())
                .filteredOn(line -> line.text().startsWith("BDAT "))
                .hasSizeGreaterThan(2)
                .allSatisfy(line -> assertThat(line.text()).matches("BDAT (0|[1-9][0-9]*)( LAST)?"))
                .last().satisfies(line -> assertThat(line.text()).endsWith(" LAST")));
        assertThat(server.transcripts()).noneSatisfy(transcript -> assertThat(transcript.lines())
                .anySatisfy(line -> assertThat(line.text()).isEqualTo("DATA")));
        // BDAT octets are stored verbatim (RFC 3030 §2: no dot-stuffing in chunks). Angus 2.0.3 nevertheless
        // dot-stuffs BDAT chunks (its BDATOutputStream extends SMTPOutputStream), so a verbatim store shows
        // the doubled dots the client actually sent; a server that unstuffed BDAT would show single dots.
        assertThat(clientData(received))
                .as("stored = the octets Angus sent in its BDAT chunks")
                .isEqualTo(DotStuffing.stuffed(wireBytes(message)));
        assertThat(received.text()).isEqualTo(text.toString().replace("\r\n.", "\r\n.."));
    }

    @Test
    void envelopeSenderDiffersFromTheHeaderAndMayBeTheNullPath() throws Exception {
        properties.put("mail.smtp.from", "bounces+42@example.test");
        MimeMessage message = aliceWrites("bob@example.test", "Envelope sender");
        message.setText("body");
        Session session = message.getSession();
        send(session, message);

        SMTPMessage bounce = new SMTPMessage(session);
        bounce.setEnvelopeFrom("<>");
        bounce.setFrom("mailer-daemon@example.test");
        bounce.setRecipients(RecipientType.TO, "alice@example.test");
        bounce.setSubject("Undelivered Mail Returned to Sender");
        bounce.setText("bounce");
        send(session, bounce);

        List<ReceivedMessage> received = server.await(MailQuery.all(), 2, ClientSupport.WAIT);
        assertThat(received).hasSize(2);
        assertThat(received.get(0).envelope().mailFrom()).isEqualTo("bounces+42@example.test");
        assertThat(received.get(0).header("From")).contains("alice@example.test");
        assertThat(received.get(0).header("Return-Path")).contains("<bounces+42@example.test>");
        assertThat(server.messages(MailQuery.from("bounces+42@example.test"))).hasSize(1);
        assertThat(received.get(1).envelope().mailFrom()).as("null reverse path").isEmpty();
        assertThat(received.get(1).header("Return-Path")).contains("<>");
        assertThat(received.get(1).header("From")).contains("mailer-daemon@example.test");
        assertThat(server.transcripts()).anySatisfy(transcript -> assertThat(transcript.lines())
                .anySatisfy(line -> assertThat(line.toString()).isEqualTo("C: MAIL FROM:<>")));
    }

    /**
     * A large body with many lines that start with dots, so dot-stuffed lines and line ends fall on every
     * position of the server's read buffer; it must come back line for line.
     */
    @Test
    void largeBodyWithDottedLinesSurvivesTheFraming() throws Exception {
        StringBuilder text = new StringBuilder();
        Random random = new Random(7);
        while (text.length() < 1_500_000) {
            int kind = random.nextInt(6);
            switch (kind) {
                case 0 -> text.append(".\r\n");
                case 1 -> text.append("..\r\n");
                case 2 -> text.append(".").append("x".repeat(random.nextInt(80))).append("\r\n");
                case 3 -> text.append("\r\n");
                default -> text.append("y".repeat(1 + random.nextInt(200))).append("\r\n");
            }
        }
        MimeMessage message = aliceWrites("bob@example.test", "Large and dotted");
        message.setText(text.toString(), "US-ASCII");
        message.setHeader("Content-Transfer-Encoding", "7bit");

        ReceivedMessage received = sendAndReceive(message);
        assertThat(clientData(received)).isEqualTo(wireBytes(message));
        assertThat(received.text()).isEqualTo(text.toString());
    }

    @Test
    void dsnAndAuthParametersAreKeptInTheEnvelope() throws Exception {
        properties.putAll(Map.of(
                "mail.smtp.dsn.notify", "SUCCESS,FAILURE",
                "mail.smtp.dsn.ret", "HDRS",
                "mail.smtp.submitter", "alice+tag@example.test",
                "mail.smtp.mailextension", "ENVID=QQ314159"));
        MimeMessage message = aliceWrites("bob@example.test, carol@example.test", "DSN");
        message.setText("Tell me");

        Envelope envelope = sendAndReceive(message).envelope();
        assertThat(envelope.mailParameters()).containsEntry("RET", "HDRS").containsEntry("ENVID", "QQ314159")
                .containsEntry("AUTH", "alice+2Btag@example.test");
        assertThat(envelope.recipients()).containsExactly(
                new EnvelopeRecipient("bob@example.test", Map.of("NOTIFY", "SUCCESS,FAILURE")),
                new EnvelopeRecipient("carol@example.test", Map.of("NOTIFY", "SUCCESS,FAILURE")));
    }
}
