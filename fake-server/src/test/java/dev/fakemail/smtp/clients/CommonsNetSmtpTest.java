package dev.fakemail.smtp.clients;

import static dev.fakemail.smtp.clients.ClientSupport.CLIENT_NAME;
import static dev.fakemail.smtp.clients.ClientSupport.TIMEOUT_MILLIS;
import static dev.fakemail.smtp.clients.ClientSupport.clientData;
import static dev.fakemail.smtp.clients.ClientSupport.onlyMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fakemail.BuiltInCertificate;
import dev.fakemail.Endpoint;
import dev.fakemail.FakeMailServer;
import dev.fakemail.FakeMailServerBuilder;
import dev.fakemail.store.Envelope;
import dev.fakemail.store.MailQuery;
import dev.fakemail.store.ReceivedMessage;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import javax.net.ssl.SSLException;
import org.apache.commons.net.smtp.AuthenticatingSMTPClient.AUTH_METHOD;
import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.smtp.SMTPConnectionClosedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Apache Commons Net's SMTP clients: each call's reply code and exact reply text, and what was stored. The
 * client does no MIME of its own, so the tests also pin the DATA transparency (dot-stuffing) end to end.
 */
@Timeout(60)
class CommonsNetSmtpTest {
    private static final String USER = "alice@example.test";
    private static final String PASSWORD = "secret";

    private FakeMailServer server;
    private SMTPClient client;

    @AfterEach
    void closeAll() throws IOException {
        if (client != null && client.isConnected()) {
            client.disconnect();
        }
        if (server != null) {
            server.close();
        }
    }

    private void start(FakeMailServerBuilder builder) {
        server = builder.build().start();
    }

    private <C extends SMTPClient> C connect(C smtp, Endpoint endpoint) throws IOException {
        client = smtp;
        smtp.setConnectTimeout(TIMEOUT_MILLIS);
        smtp.setDefaultTimeout(TIMEOUT_MILLIS);
        smtp.connect(endpoint.host(), endpoint.port());
        smtp.setSoTimeout(TIMEOUT_MILLIS);
        assertThat(smtp.getReplyCode()).isEqualTo(220);
        assertThat(smtp.getReplyString()).isEqualTo("220 localhost ESMTP fakemail\r\n");
        return smtp;
    }

    private AuthenticatingSMTPClient tlsCapableClient() {
        AuthenticatingSMTPClient smtp = new AuthenticatingSMTPClient("TLS", false, "UTF-8");
        smtp.setTrustManager(BuiltInCertificate.trustManager());
        smtp.setEndpointCheckingEnabled(true); // the certificate must name 127.0.0.1: no trust-all shortcut
        return smtp;
    }

    /** A server that knows {@link #USER}, and a client that has said EHLO, STARTTLS and EHLO again. */
    private AuthenticatingSMTPClient afterStartTlsAtAServerThatKnowsUser() throws IOException {
        start(FakeMailServer.builder().user(USER, PASSWORD));
        AuthenticatingSMTPClient smtp = connect(tlsCapableClient(), server.smtp());
        assertThat(smtp.elogin(CLIENT_NAME)).isTrue();
        assertThat(smtp.execTLS()).isTrue();
        assertThat(smtp.elogin(CLIENT_NAME)).isTrue();
        return smtp;
    }

    /** Sends a short message from alice to bob in one transaction and quits; the one message stored. */
    private ReceivedMessage sendAliceToBobAndQuit(SMTPClient smtp, String data) throws IOException {
        assertThat(smtp.setSender("alice@example.test")).isTrue();
        assertThat(smtp.addRecipient("bob@example.test")).isTrue();
        assertThat(smtp.sendShortMessageData(data)).isTrue();
        assertThat(smtp.logout()).isTrue();
        return onlyMessage(server);
    }

    private static String queuedReply(ReceivedMessage message) {
        return "250 2.0.0 Ok: queued as " + message.id() + "\r\n";
    }

    @Test
    void heloTransactionWithShortMessageData() throws Exception {
        start(FakeMailServer.builder());
        SMTPClient smtp = connect(new SMTPClient("UTF-8"), server.smtp());

        assertThat(smtp.login(CLIENT_NAME)).isTrue();
        assertThat(smtp.getReplyString()).isEqualTo("250 localhost Hello " + CLIENT_NAME + "\r\n");
        assertThat(smtp.setSender("alice@example.test")).isTrue();
        assertThat(smtp.getReplyString()).isEqualTo("250 2.1.0 Ok\r\n");
        assertThat(smtp.addRecipient("bob@example.test")).isTrue();
        assertThat(smtp.getReplyString()).isEqualTo("250 2.1.5 Ok\r\n");
        assertThat(smtp.addRecipient("carol@example.test")).isTrue();
        assertThat(smtp.getReplyCode()).isEqualTo(250);
        String message = "From: alice@example.test\nTo: bob@example.test\nSubject: Short one\n\n"
                + "First line\n.starts with a dot\n.\n..\nlast line\n";
        assertThat(smtp.sendShortMessageData(message)).isTrue();
        ReceivedMessage received = onlyMessage(server);
        assertThat(smtp.getReplyCode()).isEqualTo(250);
        assertThat(smtp.getReplyString()).isEqualTo(queuedReply(received));
        assertThat(smtp.logout()).isTrue();
        assertThat(smtp.getReplyString()).isEqualTo("221 2.0.0 localhost Bye\r\n");

        Envelope envelope = received.envelope();
        assertThat(envelope.mailFrom()).isEqualTo("alice@example.test");
        assertThat(envelope.recipientAddresses()).containsExactly("bob@example.test", "carol@example.test");
        assertThat(envelope.heloName()).isEqualTo(CLIENT_NAME);
        assertThat(envelope.protocol()).as("HELO, not EHLO").isEqualTo("SMTP");
        assertThat(envelope.mailParameters()).isEmpty();
        assertThat(envelope.isTls()).isFalse();
        assertThat(received.subject()).isEqualTo("Short one");
        // The client turned LF into CR LF and stuffed the dots; the store has the lines as written.
        assertThat(new String(clientData(received), StandardCharsets.UTF_8)).isEqualTo(message.replace("\n", "\r\n"));
        assertThat(received.text()).isEqualTo("First line\r\n.starts with a dot\r\n.\r\n..\r\nlast line\r\n");
        assertThat(received.asString()).contains("with SMTP;");
    }

    @Test
    void ehloTransactionWithMessageWriterAndEnhancedCodes() throws Exception {
        start(FakeMailServer.builder());
        AuthenticatingSMTPClient smtp = connect(new AuthenticatingSMTPClient("TLS", false, "UTF-8"), server.smtp());

        assertThat(smtp.elogin(CLIENT_NAME)).isTrue();
        assertThat(smtp.getReplyStrings()).startsWith("250-localhost Hello " + CLIENT_NAME)
                .contains("250-PIPELINING", "250-8BITMIME", "250-SMTPUTF8", "250-ENHANCEDSTATUSCODES", "250-STARTTLS",
                        "250-SIZE 26214400", "250-AUTH PLAIN LOGIN CRAM-MD5 XOAUTH2 OAUTHBEARER")
                .endsWith("250 HELP");
        assertThat(smtp.mail("<alice@example.test> BODY=8BITMIME")).isEqualTo(250);
        assertThat(smtp.getEnhancedReplyCode()).containsExactly(2, 1, 0);
        assertThat(smtp.addRecipient("bob@example.test")).isTrue();
        assertThat(smtp.getEnhancedReplyCode()).containsExactly(2, 1, 5);

        try (Writer writer = smtp.sendMessageData()) {
            assertThat(writer).isNotNull();
            assertThat(smtp.getReplyString()).isEqualTo("354 End data with <CR><LF>.<CR><LF>\r\n");
            writer.write("From: alice@example.test\r\nTo: bob@example.test\r\nSubject: Writer\r\n");
            writer.write("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
            writer.write("Grüße aus Köln\r\n");
            writer.write(".leading dot\r\n");
        }
        assertThat(smtp.completePendingCommand()).isTrue();
        ReceivedMessage received = onlyMessage(server);
        assertThat(smtp.getReplyString()).isEqualTo(queuedReply(received));
        assertThat(smtp.getEnhancedReplyCode()).containsExactly(2, 0, 0);
        assertThat(smtp.logout()).isTrue();

        assertThat(received.envelope().protocol()).isEqualTo("ESMTP");
        assertThat(received.envelope().mailParameters()).containsEntry("BODY", "8BITMIME");
        assertThat(received.subject()).isEqualTo("Writer");
        assertThat(received.text()).isEqualTo("Grüße aus Köln\r\n.leading dot\r\n");
    }

    @Test
    void serviceCommandsAnswerAsSpecified() throws Exception {
        start(FakeMailServer.builder());
        SMTPClient smtp = connect(new SMTPClient(), server.smtp());
        assertThat(smtp.login(CLIENT_NAME)).isTrue();

        // VRFY without fixed users: 252, cannot verify but will accept (RFC 5321 §3.5.3); verify() wants 250/251.
        assertThat(smtp.verify("bob@example.test")).isFalse();
        assertThat(smtp.getReplyString())
                .isEqualTo("252 2.0.0 Cannot VRFY user, but will accept message and attempt delivery\r\n");

        String help = smtp.listHelp();
        assertThat(smtp.getReplyCode()).isEqualTo(214);
        assertThat(help).startsWith("214-").contains("Commands: HELO EHLO MAIL RCPT DATA").contains("\r\n214 ");
        assertThat(smtp.help()).isEqualTo(214);
        assertThat(smtp.help("MAIL")).isEqualTo(214);

        assertThat(smtp.sendNoOp()).isTrue();
        assertThat(smtp.getReplyString()).isEqualTo("250 2.0.0 Ok\r\n");
        assertThat(smtp.sendCommand("NOOP", "with an ignored argument")).isEqualTo(250);

        assertThat(smtp.sendCommand("FOO")).isEqualTo(500);
        assertThat(smtp.getReplyString()).isEqualTo("500 5.5.1 Error: command not recognized\r\n");
        assertThat(smtp.sendCommand("FOO", "bar baz")).isEqualTo(500);
        assertThat(smtp.expn("staff")).isEqualTo(502);
        assertThat(smtp.getReplyString()).isEqualTo("502 5.5.1 Error: EXPN not supported\r\n");
        assertThat(smtp.turn()).as("TURN (obsolete) is unknown").isEqualTo(500);

        // RSET drops the transaction: RCPT afterwards is out of sequence.
        assertThat(smtp.setSender("alice@example.test")).isTrue();
        assertThat(smtp.reset()).isTrue();
        assertThat(smtp.getReplyString()).isEqualTo("250 2.0.0 Ok\r\n");
        assertThat(smtp.addRecipient("bob@example.test")).isFalse();
        assertThat(smtp.getReplyString()).isEqualTo("503 5.5.1 Error: need MAIL command\r\n");

        // After all that the session still works.
        assertThat(smtp.sendSimpleMessage("alice@example.test", "bob@example.test", "Subject: after\r\n\r\nok\r\n"))
                .isTrue();
        assertThat(smtp.logout()).isTrue();
        assertThat(onlyMessage(server).subject()).isEqualTo("after");
    }

    @Test
    void verifyWithFixedUsersIsExact() throws Exception {
        start(FakeMailServer.builder().user(USER, PASSWORD));
        SMTPClient smtp = connect(new SMTPClient(), server.smtp());
        assertThat(smtp.login(CLIENT_NAME)).isTrue();

        assertThat(smtp.verify(USER)).isTrue();
        assertThat(smtp.getReplyString()).isEqualTo("250 2.1.5 <" + USER + ">\r\n");
        assertThat(smtp.verify("nobody@example.test")).isFalse();
        assertThat(smtp.getReplyString())
                .isEqualTo("550 5.1.1 <nobody@example.test>: Recipient address rejected: User unknown\r\n");
        assertThat(smtp.vrfy("")).isEqualTo(501);
    }

    @Test
    void commandsOutOfSequenceAreRefusedWithoutEndingTheSession() throws Exception {
        start(FakeMailServer.builder());
        SMTPClient smtp = connect(new SMTPClient(), server.smtp());

        assertThat(smtp.setSender("alice@example.test")).isFalse();
        assertThat(smtp.getReplyString()).isEqualTo("503 5.5.1 Error: send HELO/EHLO first\r\n");
        assertThat(smtp.login(CLIENT_NAME)).isTrue();
        assertThat(smtp.addRecipient("bob@example.test")).isFalse();
        assertThat(smtp.getReplyCode()).isEqualTo(503);
        assertThat(smtp.data()).isEqualTo(503);
        assertThat(smtp.setSender("alice@example.test")).isTrue();
        assertThat(smtp.data()).as("DATA without any recipient").isEqualTo(554);
        assertThat(smtp.getReplyString()).isEqualTo("554 5.5.1 Error: no valid recipients\r\n");
        assertThat(smtp.setSender("alice@example.test")).as("the transaction is still open").isFalse();
        assertThat(smtp.getReplyString()).isEqualTo("503 5.5.1 Error: nested MAIL command\r\n");
        assertThat(smtp.addRecipient("not an address")).isFalse();
        assertThat(smtp.getReplyCode()).isEqualTo(501);
        assertThat(smtp.addRecipient("bob@example.test")).isTrue();
        assertThat(smtp.sendShortMessageData("Subject: finally\r\n\r\nbody\r\n")).isTrue();
        assertThat(smtp.logout()).isTrue();
        assertThat(onlyMessage(server).envelope().recipientAddresses()).containsExactly("bob@example.test");
    }

    @ParameterizedTest
    @EnumSource(value = AUTH_METHOD.class, names = {"PLAIN", "LOGIN", "CRAM_MD5"})
    void startTlsThenAuthWithEachMechanism(AUTH_METHOD method) throws Exception {
        start(FakeMailServer.builder().user(USER, PASSWORD));
        AuthenticatingSMTPClient smtp = connect(tlsCapableClient(), server.smtp());

        assertThat(smtp.elogin(CLIENT_NAME)).isTrue();
        assertThat(smtp.getReplyStrings()).contains("250-STARTTLS");
        assertThat(smtp.execTLS()).isTrue();
        assertThat(smtp.getReplyString()).isEqualTo("220 2.0.0 Ready to start TLS\r\n");
        assertThat(smtp.setSender("alice@example.test")).as("RFC 3207: EHLO again after TLS").isFalse();
        assertThat(smtp.getReplyCode()).isEqualTo(503);
        assertThat(smtp.elogin(CLIENT_NAME)).isTrue();
        assertThat(smtp.getReplyStrings()).doesNotContain("250-STARTTLS").contains("250-AUTH PLAIN LOGIN CRAM-MD5 XOAUTH2 OAUTHBEARER");

        assertThat(smtp.auth(method, USER, PASSWORD)).isTrue();
        assertThat(smtp.getReplyString()).isEqualTo("235 2.7.0 Authentication successful\r\n");
        assertThat(smtp.getEnhancedReplyCode()).containsExactly(2, 7, 0);
        assertThat(smtp.auth(method, USER, PASSWORD)).as("AUTH twice").isFalse();
        assertThat(smtp.getReplyString()).isEqualTo("503 5.5.1 Error: already authenticated\r\n");

        ReceivedMessage received = sendAliceToBobAndQuit(smtp, "Subject: " + method + "\r\n\r\nbody\r\n");
        assertThat(received.subject()).isEqualTo(method.toString());
        assertThat(received.envelope().isTls()).isTrue();
        assertThat(received.envelope().authenticatedUser()).contains(USER);
        assertThat(received.envelope().protocol()).isEqualTo("ESMTPSA");
    }

    @ParameterizedTest
    @EnumSource(value = AUTH_METHOD.class, names = {"PLAIN", "LOGIN", "CRAM_MD5"})
    void wrongPasswordGets535AndARetryMaySucceed(AUTH_METHOD method) throws Exception {
        AuthenticatingSMTPClient smtp = afterStartTlsAtAServerThatKnowsUser();

        assertThat(smtp.auth(method, USER, "wrong")).isFalse();
        assertThat(smtp.getReplyString()).isEqualTo("535 5.7.8 Error: authentication failed\r\n");
        assertThat(smtp.auth(method, "mallory@example.test", PASSWORD)).isFalse();
        assertThat(smtp.getReplyCode()).isEqualTo(535);
        assertThat(smtp.auth(method, USER, PASSWORD)).isTrue();
        assertThat(smtp.getReplyCode()).isEqualTo(235);
        assertThat(smtp.logout()).isTrue();
    }

    /**
     * Commons Net's XOAUTH2 wants the whole client response as "user name" and, in 3.11.1, returns whether the
     * reply to it was 3xx: true means the server sent its error challenge, false may mean success. So the
     * tests read the reply code, not the boolean.
     */
    @Test
    void xoauth2SucceedsWithTheRightTokenAndFailsAfterTheErrorChallenge() throws Exception {
        AuthenticatingSMTPClient smtp = afterStartTlsAtAServerThatKnowsUser();

        smtp.auth(AUTH_METHOD.XOAUTH2, xoauth2(USER, "bad-token"), null);
        assertThat(smtp.getReplyCode()).as("Google's JSON error challenge").isEqualTo(334);
        String challenge = smtp.getReplyString().substring(4).trim();
        assertThat(new String(Base64.getDecoder().decode(challenge), StandardCharsets.UTF_8))
                .isEqualTo("{\"status\":\"401\",\"schemes\":\"Bearer\",\"scope\":\"https://mail.google.com/\"}");
        assertThat(smtp.sendCommand("")).as("empty response to the error challenge").isEqualTo(535);

        smtp.auth(AUTH_METHOD.XOAUTH2, xoauth2(USER, PASSWORD), null);
        assertThat(smtp.getReplyString()).isEqualTo("235 2.7.0 Authentication successful\r\n");
        assertThat(sendAliceToBobAndQuit(smtp, "Subject: oauth\r\n\r\nbody\r\n").envelope().authenticatedUser())
                .contains(USER);
    }

    @Test
    void authIsRefusedInsideATransactionAndCanBeAbortedWithAStar() throws Exception {
        start(FakeMailServer.builder().user(USER, PASSWORD));
        AuthenticatingSMTPClient smtp = connect(new AuthenticatingSMTPClient(), server.smtp());
        assertThat(smtp.elogin(CLIENT_NAME)).isTrue();

        assertThat(smtp.setSender("alice@example.test")).isTrue();
        assertThat(smtp.auth(AUTH_METHOD.PLAIN, USER, PASSWORD)).isFalse();
        assertThat(smtp.getReplyString()).isEqualTo("503 5.5.1 Error: MAIL transaction in progress\r\n");
        assertThat(smtp.reset()).isTrue();

        assertThat(smtp.sendCommand("AUTH", "LOGIN")).isEqualTo(334);
        assertThat(smtp.getReplyString()).isEqualTo("334 " + Base64.getEncoder().encodeToString(
                "Username:".getBytes(StandardCharsets.US_ASCII)) + "\r\n");
        assertThat(smtp.sendCommand("*")).isEqualTo(501);
        assertThat(smtp.getReplyString()).isEqualTo("501 5.7.0 Authentication aborted\r\n");
        assertThat(smtp.sendNoOp()).as("back to commands after the abort").isTrue();
        assertThat(smtp.auth(AUTH_METHOD.LOGIN, USER, PASSWORD)).isTrue();
        assertThat(smtp.getReplyCode()).isEqualTo(235);
    }

    @Test
    void largeMessageWithDottedLinesThroughTheMessageWriter() throws Exception {
        start(FakeMailServer.builder());
        SMTPClient smtp = connect(new SMTPClient("UTF-8"), server.smtp());
        assertThat(smtp.login(CLIENT_NAME)).isTrue();
        StringBuilder content = new StringBuilder("Subject: dotted\r\n\r\n");
        Random random = new Random(11);
        while (content.length() < 1_000_000) {
            switch (random.nextInt(5)) {
                case 0 -> content.append(".\r\n");
                case 1 -> content.append("..\r\n");
                case 2 -> content.append(".").append("z".repeat(random.nextInt(300))).append("\r\n");
                default -> content.append("w".repeat(random.nextInt(990))).append("\r\n");
            }
        }
        assertThat(smtp.setSender("alice@example.test")).isTrue();
        assertThat(smtp.addRecipient("bob@example.test")).isTrue();
        String text = content.toString();
        try (Writer writer = smtp.sendMessageData()) {
            // Odd write sizes, so the client's own buffering splits lines everywhere too.
            for (int i = 0; i < text.length(); i += 4093) {
                writer.write(text, i, Math.min(4093, text.length() - i));
            }
        }
        assertThat(smtp.completePendingCommand()).isTrue();
        assertThat(smtp.logout()).isTrue();
        assertThat(new String(clientData(onlyMessage(server)), StandardCharsets.UTF_8)).isEqualTo(text);
    }

    /** The old Google "XOAUTH" mechanism (OAuth 1) is not offered: 504, and the session goes on. */
    @Test
    void legacyXoauthIsAnUnrecognizedMechanism() throws Exception {
        start(FakeMailServer.builder().user(USER, PASSWORD));
        AuthenticatingSMTPClient smtp = connect(new AuthenticatingSMTPClient(), server.smtp());
        assertThat(smtp.elogin(CLIENT_NAME)).isTrue();

        assertThat(smtp.auth(AUTH_METHOD.XOAUTH, USER, PASSWORD)).isFalse();
        assertThat(smtp.getReplyString()).isEqualTo("504 5.5.4 Unrecognized authentication type\r\n");
        assertThat(smtp.auth(AUTH_METHOD.PLAIN, USER, PASSWORD)).isTrue();
    }

    @Test
    void requireTlsRefusesAuthAndMailUntilStartTls() throws Exception {
        start(FakeMailServer.builder().requireTls(true).user(USER, PASSWORD));
        AuthenticatingSMTPClient smtp = connect(tlsCapableClient(), server.smtp());
        assertThat(smtp.elogin(CLIENT_NAME)).isTrue();
        assertThat(smtp.getReplyStrings()).contains("250-STARTTLS").noneMatch(line -> line.contains("AUTH"));

        assertThat(smtp.auth(AUTH_METHOD.PLAIN, USER, PASSWORD)).isFalse();
        assertThat(smtp.getReplyString())
                .isEqualTo("538 5.7.11 Encryption required for requested authentication mechanism\r\n");
        assertThat(smtp.setSender("alice@example.test")).isFalse();
        assertThat(smtp.getReplyString()).isEqualTo("530 5.7.0 Must issue a STARTTLS command first\r\n");

        assertThat(smtp.execTLS()).isTrue();
        assertThat(smtp.elogin(CLIENT_NAME)).isTrue();
        assertThat(smtp.auth(AUTH_METHOD.LOGIN, USER, PASSWORD)).isTrue();
        Envelope envelope = sendAliceToBobAndQuit(smtp, "Subject: secure\r\n\r\nbody\r\n").envelope();
        assertThat(envelope.isTls()).isTrue();
        assertThat(envelope.authenticatedUser()).contains(USER);
    }

    @Test
    void requireAuthRefusesMailWith530() throws Exception {
        start(FakeMailServer.builder().requireAuth(true).user(USER, PASSWORD));
        AuthenticatingSMTPClient smtp = connect(new AuthenticatingSMTPClient(), server.smtp());
        assertThat(smtp.elogin(CLIENT_NAME)).isTrue();

        assertThat(smtp.setSender("alice@example.test")).isFalse();
        assertThat(smtp.getReplyString()).isEqualTo("530 5.7.0 Authentication required\r\n");
        assertThat(smtp.auth(AUTH_METHOD.CRAM_MD5, USER, PASSWORD)).isTrue();
        Envelope envelope = sendAliceToBobAndQuit(smtp, "Subject: authed\r\n\r\nbody\r\n").envelope();
        assertThat(envelope.isTls()).isFalse();
        assertThat(envelope.authenticatedUser()).contains(USER);
        assertThat(envelope.protocol()).isEqualTo("ESMTPA");
    }

    @Test
    void implicitTlsWithSmtpsClient() throws Exception {
        start(FakeMailServer.builder().smtpsPort(0).user(USER, PASSWORD));
        AuthenticatingSMTPClient smtp = new AuthenticatingSMTPClient(true, BuiltInCertificate.clientContext());
        smtp.setEndpointCheckingEnabled(true);
        connect(smtp, server.smtps());

        assertThat(smtp.elogin(CLIENT_NAME)).isTrue();
        assertThat(smtp.getReplyStrings()).noneMatch(line -> line.contains("STARTTLS"));
        assertThat(smtp.execTLS()).as("STARTTLS inside TLS").isFalse();
        assertThat(smtp.getReplyCode()).isEqualTo(503);
        assertThat(smtp.auth(AUTH_METHOD.PLAIN, USER, PASSWORD)).isTrue();
        assertThat(smtp.sendSimpleMessage("alice@example.test", new String[] {"bob@example.test", "carol@example.test"},
                "Subject: implicit\r\n\r\nover SMTPS\r\n")).isTrue();
        assertThat(smtp.logout()).isTrue();

        ReceivedMessage received = onlyMessage(server);
        assertThat(received.envelope().isTls()).isTrue();
        assertThat(received.envelope().protocol()).isEqualTo("ESMTPSA");
        assertThat(received.envelope().recipientAddresses()).containsExactly("bob@example.test", "carol@example.test");
        assertThat(received.text()).isEqualTo("over SMTPS\r\n");
    }

    @Test
    void oversizedDataIsRefusedWith552AndNothingIsStored() throws Exception {
        start(FakeMailServer.builder().maxMessageSize(1024));
        SMTPClient smtp = connect(new SMTPClient(), server.smtp());
        assertThat(smtp.login(CLIENT_NAME)).isTrue();
        assertThat(smtp.setSender("alice@example.test")).isTrue();
        assertThat(smtp.addRecipient("bob@example.test")).isTrue();

        String body = "Subject: big\r\n\r\n" + "0123456789abcdef0123456789abcdef0123456789abcdef\r\n".repeat(100);
        assertThat(smtp.sendShortMessageData(body)).isFalse();
        assertThat(smtp.getReplyString()).isEqualTo("552 5.3.4 Error: message exceeds fixed maximum message size\r\n");
        assertThat(smtp.sendNoOp()).as("the session survives").isTrue();
        assertThat(smtp.addRecipient("bob@example.test")).as("the transaction was dropped").isFalse();
        assertThat(smtp.logout()).isTrue();
        assertThat(server.await(MailQuery.all(), Duration.ofMillis(200))).isEmpty();
    }

    /**
     * The limit counts the message as RFC 1870 does: the octets of the content, CR LF included, without the
     * stuffed dots and without the final ".". Exactly the limit is accepted, one octet more is not.
     */
    @Test
    void sizeLimitBoundaryCountsUnstuffedContent() throws Exception {
        int limit = 1000;
        start(FakeMailServer.builder().maxMessageSize(limit));
        AuthenticatingSMTPClient smtp = connect(new AuthenticatingSMTPClient(), server.smtp());
        assertThat(smtp.login(CLIENT_NAME)).isTrue();
        String head = "Subject: boundary\r\n\r\n.dot\r\n";
        String exact = head + "x".repeat(limit - head.length() - 2) + "\r\n";
        assertThat(exact.length()).isEqualTo(limit);

        assertThat(smtp.sendSimpleMessage("alice@example.test", "bob@example.test", exact)).isTrue();
        assertThat(smtp.getReplyString()).startsWith("250 2.0.0 Ok: queued as ");
        assertThat(smtp.sendSimpleMessage("alice@example.test", "bob@example.test", "y" + exact)).isFalse();
        assertThat(smtp.getReplyCode()).isEqualTo(552);

        assertThat(smtp.mail("<alice@example.test> SIZE=" + limit)).as("parameters after HELO").isEqualTo(555);
        assertThat(smtp.getReplyString()).isEqualTo("555 5.5.4 Error: parameters need EHLO, not HELO\r\n");
        assertThat(smtp.elogin(CLIENT_NAME)).isTrue();
        assertThat(smtp.getReplyStrings()).contains("250-SIZE " + limit);
        assertThat(smtp.mail("<alice@example.test> SIZE=" + limit)).isEqualTo(250);
        assertThat(smtp.rset()).isEqualTo(250);
        assertThat(smtp.mail("<alice@example.test> SIZE=" + (limit + 1))).isEqualTo(552);
        assertThat(smtp.getReplyString()).isEqualTo("552 5.3.4 Message size exceeds fixed limit\r\n");
        assertThat(smtp.logout()).isTrue();

        ReceivedMessage received = onlyMessage(server);
        assertThat(clientData(received)).hasSize(limit);
        assertThat(new String(clientData(received), StandardCharsets.US_ASCII)).isEqualTo(exact);
    }

    @Test
    void idleClientIsDisconnectedWith421() throws Exception {
        start(FakeMailServer.builder().idleTimeout(Duration.ofMillis(300)));
        SMTPClient smtp = connect(new SMTPClient(), server.smtp());
        assertThat(smtp.login(CLIENT_NAME)).isTrue();
        Thread.sleep(1_000);

        SMTPConnectionClosedException closed = catchThrowableOfType(SMTPConnectionClosedException.class,
                        smtp::sendNoOp);
        assertThat(closed).as("commons-net reads the server's 421 and reports the closed connection").isNotNull();
        assertThat(smtp.getReplyString()).isEqualTo("421 4.4.2 localhost Error: timeout exceeded\r\n");
        assertThat(server.transcripts().get(0).lines()).extracting(Object::toString)
                .contains("*: idle timeout", "S: 421 4.4.2 localhost Error: timeout exceeded");
    }

    /** A client that does not speak TLS on the SMTPS port gets no greeting and is dropped at the idle timeout. */
    @Test
    void plaintextClientOnTheSmtpsPortIsDroppedAfterTheIdleTimeout() throws Exception {
        start(FakeMailServer.builder().smtpsPort(0).idleTimeout(Duration.ofMillis(500)));
        SMTPClient smtp = new SMTPClient();
        client = smtp;
        smtp.setConnectTimeout(TIMEOUT_MILLIS);
        smtp.setDefaultTimeout(TIMEOUT_MILLIS);

        IOException failure = catchThrowableOfType(IOException.class,
                () -> smtp.connect(server.smtps().host(), server.smtps().port()));

        assertThat(failure).as("no greeting in plaintext on an implicit-TLS port").isNotNull();
        assertThat(server.transcripts()).singleElement().satisfies(transcript -> {
            assertThat(transcript.protocol()).isEqualTo("SMTPS");
            assertThat(transcript.lines()).noneSatisfy(line -> assertThat(line.direction()).isEqualTo('S'));
        });
        assertThat(server.messages()).isEmpty();
        // The listener is still healthy for a proper TLS client.
        AuthenticatingSMTPClient tlsClient = new AuthenticatingSMTPClient(true, BuiltInCertificate.clientContext());
        connect(tlsClient, server.smtps());
        assertThat(tlsClient.sendNoOp()).isTrue();
        assertThat(tlsClient.logout()).isTrue();
    }

    /** A client that rejects the certificate aborts the STARTTLS handshake; the server keeps serving others. */
    @Test
    void startTlsHandshakeRejectedByTheClientEndsOnlyThatSession() throws Exception {
        start(FakeMailServer.builder());
        AuthenticatingSMTPClient distrusting = new AuthenticatingSMTPClient("TLS", false, "UTF-8");
        // The JDK's default trust store does not know the built-in self-signed certificate.
        connect(distrusting, server.smtp());
        assertThat(distrusting.elogin(CLIENT_NAME)).isTrue();
        SSLException failure = catchThrowableOfType(
                SSLException.class, distrusting::execTLS);
        assertThat(failure).isNotNull();
        distrusting.disconnect();

        SMTPClient next = connect(new SMTPClient(), server.smtp());
        assertThat(next.sendSimpleMessage("alice@example.test", "bob@example.test", "Subject: next\r\n\r\nok\r\n"))
                .isFalse(); // no HELO yet
        assertThat(next.login(CLIENT_NAME)).isTrue();
        assertThat(next.sendSimpleMessage("alice@example.test", "bob@example.test", "Subject: next\r\n\r\nok\r\n"))
                .isTrue();
        assertThat(next.logout()).isTrue();
        assertThat(onlyMessage(server).subject()).isEqualTo("next");
        assertThat(server.transcripts().get(0).lines()).extracting(Object::toString)
                .contains("C: STARTTLS", "S: 220 2.0.0 Ready to start TLS")
                .noneMatch(line -> line.startsWith("*: TLS TLSv"));
    }

    private static String xoauth2(String user, String token) {
        return "user=" + user + "\u0001auth=Bearer " + token + "\u0001\u0001";
    }
}
