package dev.fakemail.pop3;

import static dev.fakemail.pop3.Pop3Support.BOB;
import static dev.fakemail.pop3.Pop3Support.base64;
import static dev.fakemail.testing.Stores.deliver;
import static dev.fakemail.testing.Stores.inbox;
import static dev.fakemail.testing.Transcripts.clientLines;
import static dev.fakemail.testing.Transcripts.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.BuiltInCertificate;
import dev.fakemail.FakeMailServer;
import dev.fakemail.FakeMailServerBuilder;
import dev.fakemail.testing.ServerPerTest;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.commons.net.pop3.ExtendedPOP3Client;
import org.apache.commons.net.pop3.POP3;
import org.apache.commons.net.pop3.POP3Client;
import org.apache.commons.net.pop3.POP3MessageInfo;
import org.apache.commons.net.pop3.POP3Reply;
import org.apache.commons.net.pop3.POP3SClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Apache Commons Net's POP3 clients: plain, APOP, SASL (PLAIN, CRAM-MD5, LOGIN by hand), POP3S and STLS. */
@Timeout(60)
class CommonsNetPop3Test extends ServerPerTest {
    private static final String PW = "bob pw";
    private static final String M1 = "Subject: first\r\nFrom: a@example.test\r\n\r\n.dot line\r\nline 2\r\nline 3\r\n";
    private static final String M2 = "Subject: second\r\n\r\nbody two\r\n";

    /** What a test does with a connected client; {@link #using} disconnects it afterwards. */
    private interface Steps<T extends POP3Client> {
        void on(T client) throws Exception;
    }

    /** Runs the steps on the client and disconnects it, whatever happens. */
    private static <T extends POP3Client> void using(T client, Steps<T> steps) throws Exception {
        try {
            steps.on(client);
        } finally {
            client.disconnect();
        }
    }

    /** Starts a server of these settings (BOB's password set) with M1 and M2 in BOB's maildrop. */
    private void startWithBobsMail(FakeMailServerBuilder builder) {
        startWithMail(builder.user(BOB, PW), BOB, M1, M2);
    }

    private static <T extends POP3Client> T connected(T client, String host, int port) throws IOException {
        client.setConnectTimeout(Pop3Support.TIMEOUT_MILLIS);
        client.setDefaultTimeout(Pop3Support.TIMEOUT_MILLIS);
        client.connect(host, port);
        client.setSoTimeout(Pop3Support.TIMEOUT_MILLIS);
        return client;
    }

    /** The client, connected to the plain POP3 port. */
    private <T extends POP3Client> T connectedToPop3(T client) throws IOException {
        return connected(client, server.pop3().host(), server.pop3().port());
    }

    /** The client, trusting the built-in certificate and checking the server name, connected for STLS. */
    private <T extends POP3SClient> T connectedForStls(T client) throws IOException {
        client.setTrustManager(BuiltInCertificate.trustManager());
        client.setEndpointCheckingEnabled(true);
        return connectedToPop3(client);
    }

    private POP3Client plainClient() throws IOException {
        return connectedToPop3(new POP3Client());
    }

    private static String read(Reader reader) throws IOException {
        assertThat(reader).as("multi-line reply").isNotNull();
        try (reader) {
            StringWriter text = new StringWriter();
            reader.transferTo(text);
            return text.toString();
        }
    }

    /** Logs in as BOB with the right password and returns this message, read before logging out. */
    private static String loginAndRetrieve(POP3Client client, int number) throws IOException {
        assertThat(client.login(BOB, PW)).isTrue();
        String message = read(client.retrieveMessage(number));
        client.logout();
        return message;
    }

    /** On a TLS session: CAPA offers USER and no more STLS, and BOB logs in and reads this message. */
    private static void assertTlsSessionReads(POP3Client client, int number, String message) throws IOException {
        assertThat(client.capa()).isTrue();
        assertThat(Arrays.asList(client.getReplyStrings())).contains("USER").doesNotContain("STLS");
        assertThat(loginAndRetrieve(client, number)).isEqualTo(message);
    }

    @Test
    void fullSessionWithLoginStatusListUidlRetrTopDeleResetLogout() throws Exception {
        startWithBobsMail(FakeMailServer.builder());
        using(plainClient(), client -> {
            assertThat(client.getReplyString()).startsWith("+OK fakemail POP3 server ready <");
            assertThat(client.login(BOB, "wrong")).isFalse();
            assertThat(client.getReplyString()).startsWith("-ERR [AUTH]");
            assertThat(client.login(BOB, PW)).isTrue();
            assertThat(client.getState()).isEqualTo(POP3.TRANSACTION_STATE);

            POP3MessageInfo status = client.status();
            assertThat(status.number).isEqualTo(2);
            assertThat(status.size).isEqualTo(M1.length() + M2.length());

            POP3MessageInfo[] list = client.listMessages();
            assertThat(list).extracting(info -> info.number).containsExactly(1, 2);
            assertThat(list).extracting(info -> info.size).containsExactly(M1.length(), M2.length());
            assertThat(client.listMessage(2).size).isEqualTo(M2.length());

            POP3MessageInfo[] uids = client.listUniqueIdentifiers();
            assertThat(uids).hasSize(2);
            assertThat(uids[0].identifier).isNotEqualTo(uids[1].identifier);
            assertThat(client.listUniqueIdentifier(1).identifier).isEqualTo(uids[0].identifier);

            assertThat(read(client.retrieveMessage(1))).isEqualTo(M1);
            assertThat(read(client.retrieveMessageTop(1, 0))).isEqualTo("Subject: first\r\nFrom: a@example.test\r\n\r\n");
            assertThat(read(client.retrieveMessageTop(1, 2)))
                    .isEqualTo("Subject: first\r\nFrom: a@example.test\r\n\r\n.dot line\r\nline 2\r\n");
            assertThat(client.retrieveMessage(3)).as("no message 3").isNull();

            assertThat(client.noop()).isTrue();
            assertThat(client.deleteMessage(1)).isTrue();
            assertThat(client.deleteMessage(1)).as("already deleted").isFalse();
            assertThat(client.status().number).isEqualTo(1);
            assertThat(client.reset()).isTrue();
            assertThat(client.status().number).isEqualTo(2);
            assertThat(client.deleteMessage(2)).isTrue();
            assertThat(client.logout()).isTrue();
            assertThat(client.getReplyString()).startsWith("+OK fakemail POP3 server signing off");
        });
        assertThat(inbox(server, BOB)).extracting(m -> new String(m.bytes(), StandardCharsets.US_ASCII))
                .containsExactly(M1);
    }

    @Test
    void capaBeforeAndAfterLogin() throws Exception {
        startWithMail(FakeMailServer.builder(), BOB, M1, M2);
        using(plainClient(), client -> {
            assertThat(client.capa()).isTrue();
            assertThat(Arrays.asList(client.getReplyStrings())).containsExactly("+OK Capability list follows", "TOP",
                    "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING", "USER",
                    "SASL PLAIN LOGIN CRAM-MD5 XOAUTH2 OAUTHBEARER", "STLS", "IMPLEMENTATION fakemail", ".");
            assertThat(client.login(BOB, "any")).isTrue();
            assertThat(client.capa()).isTrue();
            assertThat(Arrays.asList(client.getReplyStrings())).containsExactly("+OK Capability list follows", "TOP",
                    "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING", "IMPLEMENTATION fakemail", ".");
            client.logout();
        });
    }

    @Test
    void apopWithTheGreetingTimestamp() throws Exception {
        startWithBobsMail(FakeMailServer.builder());
        using(plainClient(), client -> {
            String greeting = client.getReplyString();
            String timestamp = greeting.substring(greeting.indexOf('<'), greeting.indexOf('>') + 1);
            assertThat(client.login(BOB, timestamp, "wrong")).isFalse();
            assertThat(client.getReplyString()).startsWith("-ERR [AUTH]");
            assertThat(client.login(BOB, timestamp, PW)).isTrue();
            assertThat(client.status().number).isEqualTo(2);
            client.logout();
        });
        assertThat(clientLines(server)).anyMatch(line -> line.startsWith("APOP " + BOB + " "));
    }

    @Test
    void saslPlainAndCramMd5() throws Exception {
        // one user per mechanism, so no test step depends on how fast the previous session's lock goes away
        startWithMail(FakeMailServer.builder().user("PLAIN@example.test", PW).user("CRAM-MD5@example.test", PW), BOB, M1, M2);
        for (ExtendedPOP3Client.AUTH_METHOD method : ExtendedPOP3Client.AUTH_METHOD.values()) {
            String user = method.getAuthName() + "@example.test";
            deliver(server, user, M1);
            using(connectedToPop3(new ExtendedPOP3Client()), client -> {
                assertThat(client.auth(method, user, "wrong")).as(method + " wrong password").isFalse();
                assertThat(client.getReplyString()).startsWith("-ERR [AUTH]");
                assertThat(client.auth(method, user, PW)).as(method + " " + text(server, "POP3")).isTrue();
                // commons-net's auth() leaves its own state at AUTHORIZATION; its other commands need TRANSACTION
                client.setState(POP3.TRANSACTION_STATE);
                assertThat(client.status().number).isEqualTo(1);
                assertThat(read(client.retrieveMessage(1))).isEqualTo(M1);
                assertThat(client.logout()).isTrue();
            });
        }
        assertThat(clientLines(server)).contains("AUTH PLAIN", "AUTH CRAM-MD5");
    }

    @Test
    void saslLoginDrivenByHandWithSendCommand() throws Exception {
        startWithBobsMail(FakeMailServer.builder());
        using(plainClient(), client -> {
            assertThat(client.sendCommand("AUTH", "LOGIN")).isEqualTo(POP3Reply.OK_INT);
            assertThat(client.getReplyString().trim()).isEqualTo("+ " + base64("Username:"));
            assertThat(client.sendCommand(base64(BOB))).isEqualTo(POP3Reply.OK_INT);
            assertThat(client.getReplyString().trim()).isEqualTo("+ " + base64("Password:"));
            assertThat(client.sendCommand(base64(PW))).isEqualTo(POP3Reply.OK);
            client.setState(POP3.TRANSACTION_STATE);
            assertThat(client.status().number).isEqualTo(2);
            client.logout();
        });
    }

    @Test
    void pop3sImplicitTls() throws Exception {
        startWithBobsMail(FakeMailServer.builder().pop3sPort(0));
        POP3SClient pop3s = new POP3SClient(true, BuiltInCertificate.clientContext());
        pop3s.setEndpointCheckingEnabled(true);
        using(connected(pop3s, server.pop3s().host(), server.pop3s().port()), client -> {
            assertThat(client.getReplyString()).startsWith("+OK fakemail POP3 server ready");
            assertTlsSessionReads(client, 2, M2);
        });
    }

    @Test
    void stlsWithExecTlsAndTrustManager() throws Exception {
        startWithBobsMail(FakeMailServer.builder().requireTls(true));
        using(connectedForStls(new POP3SClient(false)), client -> {
            assertThat(client.login(BOB, PW)).as("TLS required first").isFalse();
            assertThat(client.getReplyString()).startsWith("-ERR [AUTH] TLS required");
            assertThat(client.execTLS()).isTrue();
            assertTlsSessionReads(client, 1, M1);
        });
    }

    @Test
    void extendedClientAuthOverStls() throws Exception {
        startWithBobsMail(FakeMailServer.builder().requireTls(true));
        using(connectedForStls(new ExtendedPOP3Client()), client -> {
            assertThat(client.execTLS()).isTrue();
            assertThat(client.auth(ExtendedPOP3Client.AUTH_METHOD.CRAM_MD5, BOB, PW)).isTrue();
            client.setState(POP3.TRANSACTION_STATE);
            assertThat(client.listMessages()).hasSize(2);
            client.logout();
        });
    }
}
