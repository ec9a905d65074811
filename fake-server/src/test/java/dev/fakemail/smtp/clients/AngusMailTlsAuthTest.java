package dev.fakemail.smtp.clients;

import static dev.fakemail.smtp.clients.ClientSupport.CLIENT_NAME;
import static dev.fakemail.smtp.clients.ClientSupport.angusProperties;
import static dev.fakemail.smtp.clients.ClientSupport.onlyMessage;
import static dev.fakemail.smtp.clients.ClientSupport.send;
import static dev.fakemail.smtp.clients.ClientSupport.session;
import static dev.fakemail.smtp.clients.ClientSupport.trustBuiltInCertificate;
import static dev.fakemail.testing.Transcripts.transcriptLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fakemail.FakeMailServer;
import dev.fakemail.journal.Transcript;
import dev.fakemail.store.Envelope;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.testing.ServerPerTest;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Angus Mail against the server's security features: STARTTLS, implicit TLS (SMTPS), each AUTH mechanism
 * Angus can drive, the policies requireTls / requireAuth, and the SIZE limit. Every TLS test verifies the
 * built-in certificate for real (trust store + server identity), no trust-all shortcut except where named.
 */
@Timeout(60)
class AngusMailTlsAuthTest extends ServerPerTest {
    private static final String USER = "alice@example.test";
    private static final String PASSWORD = "secret";


    private static MimeMessage message(Session session, String subject) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom("alice@example.test");
        message.setRecipients(RecipientType.TO, "bob@example.test");
        message.setSubject(subject);
        message.setText("Body of " + subject + "\r\n");
        return message;
    }

    /** Sends a message with this subject in a new session of these properties, without AUTH. */
    private static void sendMessage(Properties properties, String subject) throws MessagingException {
        sendMessage(properties, subject, null, null);
    }

    /** Sends a message with this subject in a new session of these properties, authenticating as user. */
    private static void sendMessage(Properties properties, String subject, String user, String password)
            throws MessagingException {
        Session session = session(properties);
        send(session, message(session, subject), user, password);
    }

    /** The properties, with STARTTLS turned on and required. */
    private static Properties requiringStartTls(Properties properties) {
        properties.put("mail.smtp.starttls.enable", "true");
        properties.put("mail.smtp.starttls.required", "true");
        return properties;
    }

    // --- TLS ---------------------------------------------------------------------------------------------

    @Test
    void startTlsWithVerifiedCertificateMarksTheEnvelopeAsTls() throws Exception {
        start(FakeMailServer.builder());
        sendMessage(requiringStartTls(trustBuiltInCertificate(angusProperties("smtp", server.smtp()), "smtp")),
                "Over STARTTLS");

        ReceivedMessage received = onlyMessage(server);
        Envelope envelope = received.envelope();
        assertThat(envelope.isTls()).isTrue();
        assertThat(envelope.tlsProtocol()).hasValueSatisfying(protocol -> assertThat(protocol).startsWith("TLSv1."));
        assertThat(envelope.heloName()).isEqualTo(CLIENT_NAME); // from the EHLO repeated after the handshake
        assertThat(envelope.protocol()).isEqualTo("ESMTPS");
        assertThat(envelope.authenticatedUser()).isEmpty();
        assertThat(received.header("Received")).hasValueSatisfying(value -> assertThat(value).contains("with ESMTPS"));
        assertThat(received.subject()).isEqualTo("Over STARTTLS");
        List<String> lines = transcriptLines(server);
        assertThat(lines).containsSubsequence("C: EHLO " + CLIENT_NAME, "C: STARTTLS", "S: 220 2.0.0 Ready to start TLS",
                "C: EHLO " + CLIENT_NAME, "C: MAIL FROM:<alice@example.test>");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("*: TLS TLSv1."));
    }

    @Test
    void startTlsWithTrustByHostName() throws Exception {
        start(FakeMailServer.builder());
        Properties properties = requiringStartTls(angusProperties("smtp", server.smtp()));
        properties.put("mail.smtp.ssl.trust", server.smtp().host());

        sendMessage(properties, "Trusted by host");

        assertThat(onlyMessage(server).envelope().isTls()).isTrue();
    }

    @Test
    void startTlsIsNotAdvertisedAgainAfterTheHandshake() throws Exception {
        start(FakeMailServer.builder());
        Properties properties = trustBuiltInCertificate(angusProperties("smtp", server.smtp()), "smtp");
        properties.put("mail.smtp.starttls.enable", "true");
        Session session = session(properties);
        try (SMTPTransport transport = (SMTPTransport) session.getTransport()) {
            transport.connect();
            assertThat(transport.supportsExtension("STARTTLS")).isFalse();
            assertThat(transport.supportsExtension("PIPELINING")).isTrue();
            assertThat(transport.supportsExtension("8BITMIME")).isTrue();
            assertThat(transport.supportsExtension("SMTPUTF8")).isTrue();
            assertThat(transport.supportsExtension("AUTH")).isTrue();
        }
    }

    @Test
    void implicitTlsOnTheSmtpsPort() throws Exception {
        start(FakeMailServer.builder().smtpsPort(0));
        assertThat(server.smtps().implicitTls()).isTrue();
        Properties properties = trustBuiltInCertificate(angusProperties("smtps", server.smtps()), "smtps");
        Session session = session(properties);

        try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtps")) {
            transport.connect();
            assertThat(transport.isSSL()).isTrue();
            assertThat(transport.supportsExtension("STARTTLS")).as("no STARTTLS inside TLS").isFalse();
            MimeMessage message = message(session, "Over SMTPS");
            message.saveChanges();
            transport.sendMessage(message, message.getAllRecipients());
        }

        ReceivedMessage received = onlyMessage(server);
        assertThat(received.envelope().isTls()).isTrue();
        assertThat(received.envelope().tlsProtocol()).hasValueSatisfying(p -> assertThat(p).startsWith("TLSv1."));
        assertThat(received.envelope().protocol()).isEqualTo("ESMTPS");
        assertThat(received.subject()).isEqualTo("Over SMTPS");
        assertThat(server.transcripts()).extracting(Transcript::protocol).containsExactly("SMTPS");
    }

    @Test
    void implicitTlsWithAuthentication() throws Exception {
        start(FakeMailServer.builder().smtpsPort(0).smtpPort(-1).user(USER, PASSWORD));
        Properties properties = trustBuiltInCertificate(angusProperties("smtps", server.smtps()), "smtps");
        properties.put("mail.smtps.auth", "true");

        sendMessage(properties, "SMTPS with AUTH", USER, PASSWORD);

        Envelope envelope = onlyMessage(server).envelope();
        assertThat(envelope.isTls()).isTrue();
        assertThat(envelope.authenticatedUser()).contains(USER);
        assertThat(envelope.protocol()).isEqualTo("ESMTPSA");
    }

    // --- AUTH ----------------------------------------------------------------------------------------------

    private Properties authProperties(String mechanism) {
        Properties properties = angusProperties("smtp", server.smtp());
        properties.put("mail.smtp.auth", "true");
        properties.put("mail.smtp.auth.mechanisms", mechanism);
        if (mechanism.equals("XOAUTH2")) {
            properties.put("mail.smtp.auth.xoauth2.disable", "false");
        }
        return properties;
    }

    /** Angus's own authenticators: PLAIN, LOGIN and XOAUTH2 (the token is checked like a password). */
    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "LOGIN", "XOAUTH2"})
    void authenticatesWithEachMechanism(String mechanism) throws Exception {
        start(FakeMailServer.builder().user(USER, PASSWORD).user("bob@example.test", "other"));
        sendMessage(authProperties(mechanism), "AUTH " + mechanism, USER, PASSWORD);

        ReceivedMessage received = onlyMessage(server);
        assertThat(received.envelope().authenticatedUser()).contains(USER);
        assertThat(received.envelope().protocol()).isEqualTo("ESMTPA");
        assertThat(received.header("Received")).hasValueSatisfying(value -> assertThat(value).contains("with ESMTPA"));
        List<String> lines = transcriptLines(server);
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("C: AUTH " + mechanism));
        assertThat(lines).contains("S: 235 2.7.0 Authentication successful");
        assertNoSecretInTranscripts(lines);
    }

    /** A server that knows {@link #USER}, and Angus's properties for CRAM-MD5 through its SASL path. */
    private Properties startForCramMd5ThroughSasl() {
        start(FakeMailServer.builder().user(USER, PASSWORD));
        Properties properties = angusProperties("smtp", server.smtp());
        properties.put("mail.smtp.auth", "true");
        properties.put("mail.smtp.sasl.enable", "true");
        properties.put("mail.smtp.sasl.mechanisms", "CRAM-MD5");
        return properties;
    }

    /** CRAM-MD5 through Angus's SASL path (the JDK's SASL client), checked against the fixed password. */
    @Test
    void authenticatesWithCramMd5ThroughSasl() throws Exception {
        sendMessage(startForCramMd5ThroughSasl(), "AUTH CRAM-MD5", USER, PASSWORD);

        assertThat(onlyMessage(server).envelope().authenticatedUser()).contains(USER);
        List<String> lines = transcriptLines(server);
        assertThat(lines).contains("C: AUTH CRAM-MD5", "S: 235 2.7.0 Authentication successful");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("S: 334 "));
        assertNoSecretInTranscripts(lines);
    }

    @Test
    void cramMd5WithWrongPasswordThroughSaslFails() throws Exception {
        Properties properties = startForCramMd5ThroughSasl();
        properties.put("mail.smtp.auth.mechanisms", "CRAM-MD5"); // no fallback to Angus's own mechanisms

        AuthenticationFailedException failure = catchThrowableOfType(AuthenticationFailedException.class,
                () -> sendMessage(properties, "nope", USER, "wrong"));

        assertThat(failure).isNotNull();
        assertThat(transcriptLines(server)).contains("S: 535 5.7.8 Error: authentication failed");
        assertThat(server.messages()).isEmpty();
    }

    /** DIGEST-MD5 and NTLM are Angus mechanisms the server does not offer: the client must give up cleanly. */
    @ParameterizedTest
    @ValueSource(strings = {"DIGEST-MD5", "NTLM"})
    void mechanismsTheServerDoesNotOfferAreNotTried(String mechanism) throws Exception {
        AuthenticationFailedException failure = refusedLogin(mechanism, USER, PASSWORD);
        assertThat(failure.getMessage()).contains("No authentication mechanisms supported by both server and client");
        assertThat(transcriptLines(server)).noneSatisfy(line -> assertThat(line).startsWith("C: AUTH"));
        assertThat(transcriptLines(server)).anySatisfy(line -> assertThat(line)
                .isEqualTo("S: 250-AUTH PLAIN LOGIN CRAM-MD5 XOAUTH2 OAUTHBEARER"));
        assertThat(server.messages()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "LOGIN"})
    void wrongPasswordIsRefusedWith535(String mechanism) throws Exception {
        refusedLogin(mechanism, USER, "wrong-password");
        assertThat(transcriptLines(server)).contains("S: 535 5.7.8 Error: authentication failed");
        assertThat(transcriptLines(server)).noneSatisfy(line -> assertThat(line).startsWith("C: MAIL"));
        assertNoSecretInTranscripts(transcriptLines(server));
        assertThat(server.messages()).isEmpty();
    }

    /**
     * A bad XOAUTH2 token first gets Google's JSON error challenge (334), which the client must answer with an
     * empty line before the final 535. Angus does not answer it: it gives up on the 334, so the fake server
     * never sends 535 here; the client still reports the failure.
     */
    @Test
    void wrongXoauth2TokenGetsTheJsonErrorChallenge() throws Exception {
        refusedLogin("XOAUTH2", USER, "wrong-token");
        String json = "{\"status\":\"401\",\"schemes\":\"Bearer\",\"scope\":\"https://mail.google.com/\"}";
        assertThat(transcriptLines(server)).containsSubsequence("C: AUTH XOAUTH2 ****",
                "S: 334 " + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(transcriptLines(server)).noneSatisfy(line -> assertThat(line).startsWith("S: 235"));
        assertThat(transcriptLines(server)).noneSatisfy(line -> assertThat(line).startsWith("C: MAIL"));
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void unknownUserIsRefused() throws Exception {
        AuthenticationFailedException failure = refusedLogin("PLAIN", "mallory@example.test", PASSWORD);
        assertThat(failure.getMessage()).contains("535");
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void openServerAcceptsAnyCredentials() throws Exception {
        start(FakeMailServer.builder());
        sendMessage(authProperties("LOGIN"), "Anyone", "whoever@example.test", "any password");

        assertThat(onlyMessage(server).envelope().authenticatedUser()).contains("whoever@example.test");
    }

    // --- policies --------------------------------------------------------------------------------------------

    @Test
    void requireAuthWithoutCredentialsFailsWith530() throws Exception {
        start(FakeMailServer.builder().requireAuth(true).user(USER, PASSWORD));
        SMTPSendFailedException failure = catchThrowableOfType(SMTPSendFailedException.class,
                () -> sendMessage(angusProperties("smtp", server.smtp()), "not allowed"));

        assertThat(failure).isNotNull();
        assertThat(failure.getReturnCode()).isEqualTo(530);
        assertThat(failure.getCommand()).startsWith("MAIL FROM:");
        assertThat(failure.getMessage()).contains("530 5.7.0 Authentication required");
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void requireAuthWithCredentialsAccepts() throws Exception {
        start(FakeMailServer.builder().requireAuth(true).user(USER, PASSWORD));
        sendMessage(authProperties("PLAIN"), "allowed", USER, PASSWORD);

        assertThat(onlyMessage(server).envelope().authenticatedUser()).contains(USER);
    }

    @Test
    void requireTlsWithoutStartTlsFailsWith530AndHidesAuth() throws Exception {
        start(FakeMailServer.builder().requireTls(true));
        Session session = session(angusProperties("smtp", server.smtp()));

        try (SMTPTransport transport = (SMTPTransport) session.getTransport()) {
            transport.connect();
            assertThat(transport.supportsExtension("STARTTLS")).isTrue();
            assertThat(transport.supportsExtension("AUTH")).as("AUTH only after TLS").isFalse();
            assertSendRefused(transport, message(session, "in the clear"), 530,
                    "530 5.7.0 Must issue a STARTTLS command first");
        }
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void requireTlsAndAuthSatisfiedByStartTlsThenAuth() throws Exception {
        start(FakeMailServer.builder().requireTls(true).requireAuth(true).user(USER, PASSWORD));
        sendMessage(requiringStartTls(trustBuiltInCertificate(authProperties("LOGIN"), "smtp")), "TLS and AUTH", USER,
                PASSWORD);

        ReceivedMessage received = onlyMessage(server);
        assertThat(received.envelope().isTls()).isTrue();
        assertThat(received.envelope().authenticatedUser()).contains(USER);
        assertThat(received.envelope().protocol()).isEqualTo("ESMTPSA");
        assertThat(received.header("Received")).hasValueSatisfying(value -> assertThat(value).contains("with ESMTPSA"));
        assertThat(transcriptLines(server)).containsSubsequence("C: STARTTLS", "C: AUTH LOGIN", "C: MAIL FROM:<alice@example.test>");
    }

    // --- SIZE ----------------------------------------------------------------------------------------------------

    @Test
    void messageLargerThanTheLimitIsRefusedWith552AfterData() throws Exception {
        start(FakeMailServer.builder().maxMessageSize(4096));
        Session session = session(angusProperties("smtp", server.smtp()));
        StringBuilder big = new StringBuilder();
        while (big.length() < 20_000) {
            big.append("This line makes the message larger than the server's limit.\r\n");
        }

        try (SMTPTransport transport = (SMTPTransport) session.getTransport()) {
            transport.connect();
            assertThat(transport.getExtensionParameter("SIZE")).isEqualTo("4096");

            MimeMessage tooBig = message(session, "too big");
            tooBig.setText(big.toString());
            assertSendRefused(transport, tooBig, 552, "552 5.3.4");
            assertThat(server.messages()).isEmpty();

            // The session survives the refusal: the next message on the same connection goes through.
            MimeMessage small = message(session, "small");
            small.saveChanges();
            transport.sendMessage(small, small.getAllRecipients());
        }
        assertThat(onlyMessage(server).subject()).isEqualTo("small");
    }

    @Test
    void declaredSizeOverTheLimitIsRefusedAtMailFrom() throws Exception {
        start(FakeMailServer.builder().maxMessageSize(4096));
        Properties properties = angusProperties("smtp", server.smtp());
        properties.put("mail.smtp.mailextension", "SIZE=5000");

        SMTPSendFailedException failure = catchThrowableOfType(SMTPSendFailedException.class,
                () -> sendMessage(properties, "declared too big"));

        assertThat(failure).isNotNull();
        assertThat(failure.getReturnCode()).isEqualTo(552);
        assertThat(failure.getCommand()).isEqualTo("MAIL FROM:<alice@example.test> SIZE=5000");
        assertThat(transcriptLines(server)).noneSatisfy(line -> assertThat(line).isEqualTo("C: DATA"));
        assertThat(server.messages()).isEmpty();
    }

    /** Sends the message over the connected transport; the server refuses it with this code and reply. */
    private static void assertSendRefused(SMTPTransport transport, MimeMessage message, int code, String reply)
            throws MessagingException {
        message.saveChanges();
        SMTPSendFailedException failure = catchThrowableOfType(SMTPSendFailedException.class,
                () -> transport.sendMessage(message, message.getAllRecipients()));
        assertThat(failure).isNotNull();
        assertThat(failure.getReturnCode()).isEqualTo(code);
        assertThat(failure.getMessage()).contains(reply);
    }

    private static void assertNoSecretInTranscripts(List<String> lines) {
        String plainBlob = Base64.getEncoder().encodeToString(("\0" + USER + "\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        String passwordBase64 = Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8));
        String xoauthBlob = Base64.getEncoder().encodeToString(("user=" + USER + "\u0001auth=Bearer " + PASSWORD
                + "\u0001\u0001").getBytes(StandardCharsets.UTF_8));
        assertThat(lines).noneSatisfy(line -> assertThat(line)
                .containsAnyOf(PASSWORD, plainBlob, passwordBase64, xoauthBlob));
    }

    /**
     * Sends with these credentials to a server that knows only {@link #USER}: the client reports the failure
     * and nothing is stored.
     */
    private AuthenticationFailedException refusedLogin(String mechanism, String user, String password)
            throws Exception {
        start(FakeMailServer.builder().user(USER, PASSWORD));
        AuthenticationFailedException failure = catchThrowableOfType(AuthenticationFailedException.class,
                () -> sendMessage(authProperties(mechanism), "never sent", user, password));
        assertThat(failure).isNotNull();
        assertThat(server.messages()).isEmpty();
        return failure;
    }
}
