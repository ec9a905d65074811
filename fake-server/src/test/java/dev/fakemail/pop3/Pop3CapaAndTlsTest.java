package dev.fakemail.pop3;

import static dev.fakemail.pop3.Pop3Support.base64;
import static dev.fakemail.testing.Stores.deliver;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.FakeMailServerBuilder;
import dev.fakemail.journal.Transcript;
import dev.fakemail.testing.Clients;
import dev.fakemail.testing.ClosesServers;
import dev.fakemail.testing.Stores;
import dev.fakemail.testsupport.DotStuffing;
import dev.fakemail.testsupport.Pop3Conversation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * CAPA (RFC 2449) listing exactly what is implemented, in every state and transport; STLS (RFC 2595) with
 * SASL over the upgraded socket; POP3S; and requireTls hiding USER and SASL until TLS is up.
 */
@Timeout(60)
@ExtendWith(ClosesServers.class)
class Pop3CapaAndTlsTest {
    private static final String BOB = "bob@example.test";
    private static final String MESSAGE = "Subject: tls\r\n\r\n.secret\r\n";

    private static final String COMMON = "+OK Capability list follows\r\nTOP\r\nUIDL\r\nRESP-CODES\r\n"
            + "AUTH-RESP-CODE\r\nPIPELINING\r\n";
    private static final String LOGIN = "USER\r\nSASL PLAIN LOGIN CRAM-MD5 XOAUTH2 OAUTHBEARER\r\n";
    private static final String END = "IMPLEMENTATION fakemail\r\n.\r\n";

    /** Before login, plaintext: everything, STLS included. */
    static final String CAPA_PLAIN = COMMON + LOGIN + "STLS\r\n" + END;
    /** Before login, over TLS: no STLS any more. */
    static final String CAPA_TLS = COMMON + LOGIN + END;
    /** Before login, plaintext, TLS required: no way to log in is offered, only STLS. */
    static final String CAPA_TLS_REQUIRED = COMMON + "STLS\r\n" + END;
    /** In TRANSACTION: no login or STLS capabilities. */
    static final String CAPA_TRANSACTION = COMMON + END;

    private FakeMailServer server;

    private void start(FakeMailServerBuilder builder) {
        server = builder.build().start();
        deliver(server, BOB, MESSAGE);
    }

    private Pop3Conversation connect() throws Exception {
        return Clients.openPop3(server);
    }

    @Test
    void capaBeforeAndAfterLoginInPlaintext() throws Exception {
        start(FakeMailServer.builder());
        try (Pop3Conversation pop = connect()) {
            assertThat(pop.multiLineText("CAPA")).isEqualTo(CAPA_PLAIN);
            assertThat(pop.command("USER " + BOB)).isEqualTo("+OK send PASS");
            assertThat(pop.multiLineText("CAPA")).as("CAPA between USER and PASS").isEqualTo(CAPA_PLAIN);
            assertThat(pop.command("PASS x")).isEqualTo("+OK maildrop locked and ready, 1 messages");
            assertThat(pop.multiLineText("CAPA")).isEqualTo(CAPA_TRANSACTION);
            assertThat(pop.multiLineText("capa")).isEqualTo(CAPA_TRANSACTION);
        }
    }

    @Test
    void everyAdvertisedCapabilityWorks() throws Exception {
        start(FakeMailServer.builder());
        try (Pop3Conversation pop = connect()) {
            // SASL: every listed mechanism is accepted by AUTH (each started, then cancelled)
            for (String mechanism : new String[] {"PLAIN", "LOGIN", "CRAM-MD5", "XOAUTH2", "OAUTHBEARER"}) {
                assertThat(pop.command("AUTH " + mechanism)).as(mechanism).startsWith("+ ");
                assertThat(pop.command("*")).isEqualTo("-ERR authentication cancelled");
            }
            // USER
            assertThat(pop.command("USER " + BOB)).isEqualTo("+OK send PASS");
            assertThat(pop.command("PASS x")).startsWith("+OK");
            // TOP, UIDL
            assertThat(pop.multiLineText("TOP 1 0")).isEqualTo("+OK top of message follows\r\nSubject: tls\r\n\r\n.\r\n");
            assertThat(pop.multiLineText("UIDL")).matches("\\+OK 1 messages\r\n1 [!-~]{1,70}\r\n\\.\r\n");
        }
    }

    @Test
    void stlsThenCapaAndAuthPlainOverTls() throws Exception {
        start(FakeMailServer.builder().user(BOB, "pw"));
        try (Pop3Conversation pop = connect()) {
            assertThat(pop.startTls()).isEqualTo("+OK Begin TLS negotiation");
            assertThat(pop.isTls()).isTrue();
            assertThat(pop.multiLineText("CAPA")).isEqualTo(CAPA_TLS);
            assertThat(pop.command("STLS")).isEqualTo("-ERR TLS already active");
            assertThat(pop.command("AUTH PLAIN " + base64("\0" + BOB + "\0pw")))
                    .isEqualTo("+OK maildrop locked and ready, 1 messages");
            assertThat(pop.multiLineText("CAPA")).isEqualTo(CAPA_TRANSACTION);
            assertThat(pop.multiLineText("RETR 1"))
                    .isEqualTo("+OK " + MESSAGE.length() + " octets\r\nSubject: tls\r\n\r\n..secret\r\n.\r\n");
            assertThat(pop.command("QUIT")).startsWith("+OK");
        }
        Transcript transcript = server.transcripts().stream().filter(t -> t.protocol().equals("POP3")).findFirst()
                .orElseThrow();
        assertThat(transcript.toString()).contains("*: TLS TLS").doesNotContain("pw");
    }

    @Test
    void stlsDiscardsCommandsPipelinedInPlaintext() throws Exception {
        start(FakeMailServer.builder());
        try (Pop3Conversation pop = connect()) {
            // RFC 2595 §4 / RFC 3207 §6: nothing sent before the handshake may be acted on after it.
            pop.send("STLS\r\nUSER " + BOB + "\r\n");
            assertThat(pop.line()).isEqualTo("+OK Begin TLS negotiation");
            pop.upgradeToTls();
            assertThat(pop.command("PASS x")).as("the plaintext USER was discarded").isEqualTo("-ERR send USER first");
            assertThat(pop.command("QUIT")).isEqualTo("+OK fakemail POP3 server signing off");
            assertThat(pop.readToEnd()).isEmpty();
        }
    }

    @Test
    void userGivenBeforeStlsDoesNotCountAfterIt() throws Exception {
        start(FakeMailServer.builder());
        try (Pop3Conversation pop = connect()) {
            assertThat(pop.command("USER " + BOB)).isEqualTo("+OK send PASS");
            assertThat(pop.startTls()).isEqualTo("+OK Begin TLS negotiation");
            assertThat(pop.command("PASS x")).isEqualTo("-ERR send USER first");
        }
    }

    @Test
    void requireTlsHidesLoginUntilStlsAndRefusesIt() throws Exception {
        start(FakeMailServer.builder().requireTls(true).user(BOB, "pw"));
        try (Pop3Conversation pop = connect()) {
            assertThat(pop.multiLineText("CAPA")).isEqualTo(CAPA_TLS_REQUIRED);
            pop.expectReplies(
                    "USER " + BOB, "-ERR [AUTH] TLS required: use STLS first",
                    "PASS pw", "-ERR send USER first");
            String digest = Pop3Support.md5Hex(pop.banner() + "pw");
            assertThat(pop.command("APOP " + BOB + " " + digest)).isEqualTo("-ERR [AUTH] TLS required: use STLS first");
            assertThat(pop.command("AUTH PLAIN " + base64("\0" + BOB + "\0pw")))
                    .isEqualTo("-ERR [AUTH] TLS required: use STLS first");
            assertThat(pop.command("AUTH LOGIN")).isEqualTo("-ERR [AUTH] TLS required: use STLS first");

            assertThat(pop.startTls()).isEqualTo("+OK Begin TLS negotiation");
            assertThat(pop.multiLineText("CAPA")).isEqualTo(CAPA_TLS);
            pop.expectReplies(
                    "USER " + BOB, "+OK send PASS",
                    "PASS pw", "+OK maildrop locked and ready, 1 messages");
            assertThat(pop.multiLineText("CAPA")).isEqualTo(CAPA_TRANSACTION);
        }
    }

    @Test
    void requireTlsAllowsApopAndSaslAfterStls() throws Exception {
        start(FakeMailServer.builder().requireTls(true).user(BOB, "pw").user("carol", "pw2"));
        try (Pop3Conversation pop = connect()) {
            pop.startTls();
            String digest = Pop3Support.md5Hex(pop.banner() + "pw");
            assertThat(pop.command("APOP " + BOB + " " + digest)).isEqualTo("+OK maildrop locked and ready, 1 messages");
        }
        try (Pop3Conversation pop = connect()) {
            pop.startTls();
            pop.expectReplies(
                    "AUTH LOGIN", "+ " + base64("Username:"),
                    base64("carol"), "+ " + base64("Password:"),
                    base64("pw2"), "+OK maildrop locked and ready, 0 messages");
        }
    }

    @Test
    void pop3sImplicitTls() throws Exception {
        start(FakeMailServer.builder().pop3sPort(0).user(BOB, "pw"));
        assertThat(server.pop3s().implicitTls()).isTrue();
        assertThat(server.pop3().implicitTls()).isFalse();
        try (Pop3Conversation pop = Clients.openPop3s(server)) {
            assertThat(pop.isTls()).isTrue();
            assertThat(pop.greeting()).startsWith("+OK fakemail POP3 server ready <");
            assertThat(pop.multiLineText("CAPA")).isEqualTo(CAPA_TLS);
            pop.expectReplies(
                    "STLS", "-ERR TLS already active",
                    "USER " + BOB, "+OK send PASS",
                    "PASS pw", "+OK maildrop locked and ready, 1 messages");
            byte[] retr = pop.multiLineCommand("RETR 1");
            assertThat(DotStuffing.unstuffedContent(retr)).isEqualTo(MESSAGE.getBytes(StandardCharsets.US_ASCII));
            assertThat(pop.command("QUIT")).startsWith("+OK");
        }
        assertThat(server.transcripts()).anyMatch(t -> t.protocol().equals("POP3S"));
    }

    @Test
    void pop3sWithRequireTlsOffersLoginAtOnce() throws Exception {
        start(FakeMailServer.builder().pop3sPort(0).requireTls(true));
        try (Pop3Conversation pop = Clients.openPop3s(server)) {
            assertThat(pop.multiLineText("CAPA")).isEqualTo(CAPA_TLS);
            assertThat(pop.command("USER " + BOB)).isEqualTo("+OK send PASS");
            assertThat(pop.command("PASS any")).startsWith("+OK maildrop locked");
        }
    }

    @Test
    void plaintextClientOnPop3sPortDoesNotHurtTheServer() throws Exception {
        start(FakeMailServer.builder().pop3sPort(0));
        try (java.net.Socket socket = new java.net.Socket(server.pop3s().host(), server.pop3s().port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("USER bob\r\n".getBytes(StandardCharsets.US_ASCII));
            // no POP3 greeting in plaintext; the server drops the failed handshake
            byte[] answer = socket.getInputStream().readAllBytes();
            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("+OK");
        } catch (java.net.SocketException reset) {
            // a reset is an acceptable way to end a failed handshake
        }
        try (Pop3Conversation pop = Clients.openPop3s(server)) {
            assertThat(pop.greeting()).startsWith("+OK");
        }
    }

    @Test
    void failedStlsHandshakeEndsOnlyThatSession() throws Exception {
        start(FakeMailServer.builder());
        try (Pop3Conversation pop = connect()) {
            assertThat(pop.command("STLS")).isEqualTo("+OK Begin TLS negotiation");
            pop.send("this is not a TLS ClientHello\r\n");
            // the server may answer with a TLS alert record, then closes; it never treats the bytes as commands
            try {
                byte[] rest = pop.readToEnd();
                assertThat(new String(rest, StandardCharsets.ISO_8859_1)).doesNotContain("+OK").doesNotContain("-ERR");
            } catch (java.net.SocketException reset) {
                // a reset is an acceptable end too
            }
        }
        try (Pop3Conversation pop = connect()) {
            pop.expectReplies(
                    "USER " + BOB, "+OK send PASS",
                    "PASS x", "+OK maildrop locked and ready, 1 messages");
        }
    }

    @Test
    void idleTimeoutAlsoAppliesAfterStls() throws Exception {
        start(FakeMailServer.builder().idleTimeout(java.time.Duration.ofMillis(500)));
        try (Pop3Conversation pop = connect()) {
            assertThat(pop.startTls()).startsWith("+OK");
            assertThat(pop.command("USER " + BOB)).isEqualTo("+OK send PASS");
            assertThat(pop.command("PASS x")).startsWith("+OK maildrop locked");
            assertThat(pop.command("DELE 1")).startsWith("+OK");
            assertThat(pop.line()).isEqualTo("-ERR idle timeout, closing connection; no messages deleted");
            assertThat(pop.isClosedByServer()).isTrue();
        }
        assertThat(Stores.inbox(server, BOB)).hasSize(1);
    }

    @Test
    void oneLockForPop3AndPop3s() throws Exception {
        start(FakeMailServer.builder().pop3sPort(0));
        try (Pop3Conversation tls = Clients.openPop3s(server);
                Pop3Conversation plain = connect()) {
            tls.command("USER " + BOB);
            assertThat(tls.command("PASS x")).startsWith("+OK maildrop locked");
            plain.command("USER " + BOB);
            assertThat(plain.command("PASS x")).isEqualTo("-ERR [IN-USE] maildrop already locked by another session");
        }
    }
}
