package dev.fakemail.smtp.clients;

import static dev.fakemail.smtp.clients.ClientSupport.angusProperties;
import static dev.fakemail.smtp.clients.ClientSupport.onlyMessage;
import static dev.fakemail.smtp.clients.ClientSupport.send;
import static dev.fakemail.smtp.clients.ClientSupport.session;
import static dev.fakemail.testing.Transcripts.transcriptLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fakemail.FakeMailServer;
import dev.fakemail.FakeMailServerBuilder;
import dev.fakemail.store.MailQuery;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.testing.ClosesServers;
import jakarta.mail.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Angus Mail meeting the server's limits and refusals: per-recipient refusals with and without
 * mail.smtp.sendpartial, the recipient limit (452), the size limit with BDAT, HELO-only clients, and NOOP
 * connection checks.
 */
@Timeout(60)
@ExtendWith(ClosesServers.class)
class AngusMailLimitsTest {
    private FakeMailServer server;

    private Properties start(FakeMailServerBuilder builder) {
        server = builder.build().start();
        return angusProperties("smtp", server.smtp());
    }

    private static InternetAddress unchecked(String address) {
        InternetAddress unchecked = new InternetAddress();
        unchecked.setAddress(address); // bypasses the client's own syntax check, so the server decides
        return unchecked;
    }

    private static MimeMessage message(Session session, Address... to) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom("alice@example.test");
        message.setRecipients(RecipientType.TO, to);
        message.setSubject("Limits");
        message.setText("body\r\n");
        return message;
    }

    @Test
    void badRecipientWithSendPartialDeliversToTheOthersAndReportsTheBadOne() throws Exception {
        Properties properties = start(FakeMailServer.builder());
        properties.put("mail.smtp.sendpartial", "true");
        Session session = session(properties);
        InternetAddress bad = unchecked("no-at-sign");
        MimeMessage message = message(session, new InternetAddress("bob@example.test"), bad,
                new InternetAddress("carol@example.test"));

        SendFailedException failure = catchThrowableOfType(SendFailedException.class, () -> send(session, message));

        assertThat(failure).isNotNull();
        assertThat(failure.getInvalidAddresses()).extracting(Address::toString).containsExactly("no-at-sign");
        assertThat(failure.getValidSentAddresses()).extracting(Address::toString)
                .containsExactlyInAnyOrder("bob@example.test", "carol@example.test");
        assertThat(transcriptLines(server)).contains("C: RCPT TO:<no-at-sign>", "S: 501 5.1.3 Bad recipient address syntax");
        assertThat(onlyMessage(server).envelope().recipientAddresses())
                .containsExactly("bob@example.test", "carol@example.test");
    }

    @Test
    void badRecipientWithoutSendPartialSendsNothing() throws Exception {
        Properties properties = start(FakeMailServer.builder());
        Session session = session(properties);
        MimeMessage message = message(session, new InternetAddress("bob@example.test"), unchecked("nobody"));

        SendFailedException failure = catchThrowableOfType(SendFailedException.class, () -> send(session, message));

        assertThat(failure).isNotNull();
        assertThat(failure.getInvalidAddresses()).extracting(Address::toString).containsExactly("nobody");
        assertThat(transcriptLines(server)).contains("C: RCPT TO:<nobody>", "S: 501 5.1.3 Bad recipient address syntax");
        assertThat(transcriptLines(server)).contains("C: RSET", "S: 250 2.0.0 Ok");
        assertThat(transcriptLines(server)).doesNotContain("C: DATA");
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void recipientsBeyondTheLimitGet452AndAreReportedAsValidButUnsent() throws Exception {
        Properties properties = start(FakeMailServer.builder().maxRecipients(2));
        properties.put("mail.smtp.sendpartial", "true");
        Session session = session(properties);
        MimeMessage message = message(session, InternetAddress.parse(
                "r1@example.test, r2@example.test, r3@example.test, r4@example.test"));

        SendFailedException failure = catchThrowableOfType(SendFailedException.class, () -> send(session, message));

        assertThat(failure).isNotNull();
        assertThat(failure.getValidUnsentAddresses()).extracting(Address::toString)
                .containsExactly("r3@example.test", "r4@example.test");
        assertThat(failure.getInvalidAddresses()).isNullOrEmpty();
        assertThat(transcriptLines(server)).filteredOn(line -> line.startsWith("S: 452"))
                .containsExactly("S: 452 4.5.3 Error: too many recipients", "S: 452 4.5.3 Error: too many recipients");
        ReceivedMessage received = onlyMessage(server);
        assertThat(received.envelope().recipientAddresses()).containsExactly("r1@example.test", "r2@example.test");

        // The client can send the rest in a second transaction, as RFC 5321 §4.5.3.1.10 intends.
        MimeMessage rest = message(session, failure.getValidUnsentAddresses());
        send(session, rest);
        assertThat(server.await(MailQuery.to("r4@example.test"), ClientSupport.WAIT)).hasSize(1);
        assertThat(server.messages()).hasSize(2);
        assertThat(server.messages().get(1).envelope().recipientAddresses())
                .containsExactly("r3@example.test", "r4@example.test");
    }

    @Test
    void bdatMessageOverTheLimitIsRefusedWith552() throws Exception {
        Properties properties = start(FakeMailServer.builder().maxMessageSize(2048));
        properties.put("mail.smtp.chunksize", "512");
        Session session = session(properties);
        MimeMessage tooBig = message(session, new InternetAddress("bob@example.test"));
        tooBig.setText("A line of text to make the chunked message too large for the server.\r\n".repeat(100));

        MessagingException failure = catchThrowableOfType(MessagingException.class, () -> send(session, tooBig));

        // Angus reports a refused BDAT chunk as an IOException carrying the server's reply.
        assertThat(failure).isNotNull();
        assertThat(failure.getCause()).isInstanceOf(IOException.class);
        assertThat(failure.getCause().getMessage()).isEqualToIgnoringNewLines(
                "552 5.3.4 Error: message exceeds fixed maximum message size");
        List<String> lines = transcriptLines(server);
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("C: BDAT "));
        assertThat(lines).doesNotContain("C: DATA");
        // The chunk that overflows is read and refused at once (RFC 3030 §2), so the client stops sending.
        assertThat(lines).filteredOn(line -> line.startsWith("S: 5")).containsExactly(
                "S: 552 5.3.4 Error: message exceeds fixed maximum message size");
        int refusal = lines.indexOf("S: 552 5.3.4 Error: message exceeds fixed maximum message size");
        assertThat(lines.get(refusal - 2)).matches("C: BDAT 512");
        assertThat(lines.subList(refusal, lines.size())).noneMatch(line -> line.startsWith("C: BDAT"));
        assertThat(server.messages()).isEmpty();

        // A message that fits still goes through in chunks.
        MimeMessage fits = message(session, new InternetAddress("bob@example.test"));
        fits.setText("short\r\n");
        send(session, fits);
        assertThat(onlyMessage(server).text()).isEqualTo("short\r\n");
    }

    @Test
    void heloOnlyClientStillDelivers() throws Exception {
        Properties properties = start(FakeMailServer.builder());
        properties.put("mail.smtp.ehlo", "false");
        Session session = session(properties);

        send(session, message(session, new InternetAddress("bob@example.test")));

        ReceivedMessage received = onlyMessage(server);
        assertThat(received.envelope().protocol()).isEqualTo("SMTP");
        assertThat(received.envelope().heloName()).isEqualTo(ClientSupport.CLIENT_NAME);
        assertThat(received.envelope().mailParameters()).isEmpty();
        assertThat(transcriptLines(server)).contains("C: HELO " + ClientSupport.CLIENT_NAME).doesNotContain("C: EHLO "
                + ClientSupport.CLIENT_NAME);
    }

    @Test
    void connectionChecksWithNoopAndRset() throws Exception {
        Properties properties = start(FakeMailServer.builder());
        properties.put("mail.smtp.noop.strict", "true");
        Session session = session(properties);
        try (SMTPTransport transport = (SMTPTransport) session.getTransport()) {
            transport.connect();
            assertThat(transport.isConnected()).isTrue(); // sends NOOP, needs 250
            assertThat(transport.getLastReturnCode()).isEqualTo(250);
            assertThat(transport.getLastServerResponse()).isEqualToIgnoringNewLines("250 2.0.0 Ok");
            transport.setUseRset(true);
            assertThat(transport.isConnected()).isTrue(); // now RSET
            assertThat(transport.getLastServerResponse()).isEqualToIgnoringNewLines("250 2.0.0 Ok");
        }
        assertThat(transcriptLines(server)).containsSubsequence("C: NOOP", "C: RSET", "C: QUIT", "S: 221 2.0.0 localhost Bye");
        assertThat(server.messages()).isEmpty();
    }
}
