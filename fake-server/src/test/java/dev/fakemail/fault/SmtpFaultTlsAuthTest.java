package dev.fakemail.fault;

import static dev.fakemail.fault.SmtpFaultSupport.GREETING;
import static dev.fakemail.fault.SmtpFaultSupport.MAIL_OK;
import static dev.fakemail.fault.SmtpFaultSupport.OK;
import static dev.fakemail.fault.SmtpFaultSupport.TLS_READY;
import static dev.fakemail.fault.SmtpFaultSupport.builder;
import static dev.fakemail.fault.SmtpFaultSupport.hitLine;
import static dev.fakemail.fault.SmtpFaultSupport.millisSince;
import static dev.fakemail.testing.Transcripts.endedTranscript;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.FakeMailServer;
import dev.fakemail.fault.SmtpFaultSupport.Client;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The TLS handshake trigger (STARTTLS and implicit TLS) and the authentication trigger. */
@Timeout(30)
class SmtpFaultTlsAuthTest extends RawSmtpFaultTest {
    private static final String AUTH_OK = "235 2.7.0 Authentication successful\r\n";
    private static final String AUTH_FAILED = "535 5.7.8 Error: authentication failed\r\n";

    /** An implicit-TLS connection to the server, closed with the fixture; the handshake is done. */
    private Client connectSmtps() throws IOException {
        return track(Client.connectTls(server));
    }

    private static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A connection that said EHLO and STARTTLS and got the go-ahead: the handshake is the client's next step. */
    private Client readyForTls() throws IOException {
        Client client = connect().hello();
        assertThat(client.command("STARTTLS")).isEqualTo(TLS_READY);
        return client;
    }

    /** A server of the defaults with the rules the steps add, and a connection {@link #readyForTls()}. */
    private Client readyForTlsAfter(Consumer<FaultPlan> rules) throws IOException {
        rules.accept(start(builder()).faults());
        return readyForTls();
    }

    private FakeMailServer startSmtps() {
        return start(builder().smtpsPort(0));
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    // --- TLS handshake ---------------------------------------------------------------------------------------

    @Test
    void startTlsHandshakeDisconnectMakesTheClientHandshakeFail() throws IOException {
        FaultHandle handle = start(builder()).faults().smtp(Trigger.tlsHandshake()).disconnect();
        Client client = readyForTls();
        assertThatThrownBy(client::startTls).isInstanceOf(IOException.class);
        assertThat(handle.hits()).isEqualTo(1);
        assertThat(endedTranscript(server, client)).containsSubsequence(
                "C: STARTTLS",
                "S: 220 2.0.0 Ready to start TLS",
                hitLine(handle, 1),
                "*: closed");
    }

    @Test
    void startTlsHandshakeResetMakesTheClientHandshakeFail() throws IOException {
        Client client = readyForTlsAfter(faults -> faults.smtp(Trigger.tlsHandshake()).reset());
        assertThatThrownBy(client::startTls).isInstanceOf(IOException.class);
    }

    @Test
    void startTlsHandshakeStallLeavesTheClientWaiting() throws IOException {
        Client client = readyForTlsAfter(faults -> faults.smtp(Trigger.tlsHandshake()).stall(Duration.ofSeconds(1)));
        long start = System.nanoTime();
        assertThatThrownBy(client::startTls).isInstanceOf(IOException.class);
        assertThat(millisSince(start)).as("failed when the stall ended").isGreaterThanOrEqualTo(900).isLessThan(8_000);
    }

    @Test
    void startTlsHandshakeDelayThenTheSessionGoesOnEncrypted() throws IOException {
        Client client = readyForTlsAfter(faults -> faults.smtp(Trigger.tlsHandshake()).delay(Duration.ofMillis(300)));
        long start = System.nanoTime();
        client.upgradeToTls();
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(280).isLessThan(5_000);
        String ehlo = client.command("EHLO client.test");
        assertThat(ehlo).startsWith("250-mx.test Hello client.test\r\n").doesNotContain("STARTTLS");
        assertThat(client.sendMessage("a@example.test", "b@example.test", "over tls")).startsWith("250 2.0.0 Ok");
        assertThat(server.messages()).hasSize(1);
        assertThat(server.messages().get(0).envelope().isTls()).isTrue();
    }

    @Test
    void tlsRuleOnlyOnceLetsTheRetryThrough() throws IOException {
        Client first = readyForTlsAfter(faults -> faults.smtp(Trigger.tlsHandshake()).once().disconnect());
        assertThatThrownBy(first::startTls).isInstanceOf(IOException.class);
        Client second = readyForTls();
        second.upgradeToTls();
        assertThat(second.command("NOOP")).isEqualTo(OK);
    }

    @Test
    void implicitTlsWorksWithRulesOnOtherTriggers() throws IOException {
        startSmtps().faults().smtp(Trigger.rcptTo("bob@*")).reply(451, "4.3.0", "Try again later");
        Client client = connectSmtps();
        assertThat(client.greeting()).isEqualTo(GREETING);
        assertThat(client.command("EHLO client.test")).startsWith("250-mx.test Hello client.test\r\n");
        client.expectReplies(
                "MAIL FROM:<a@example.test>", "250 2.1.0 Ok",
                "RCPT TO:<bob@example.test>", "451 4.3.0 Try again later");
    }

    @Test
    void implicitTlsConnectRefusalArrivesEncrypted() throws IOException {
        startSmtps().faults().add(FaultRecipes.refuseConnections(Protocol.SMTP));
        Client client = connectSmtps();
        assertThat(client.readStringToEnd()).isEqualTo("421 4.7.0 Too many connections, try again later\r\n");
    }

    @Test
    void implicitTlsConnectDisconnectFailsTheHandshake() {
        startSmtps().faults().smtp(Trigger.connect()).disconnect();
        assertThatThrownBy(this::connectSmtps).isInstanceOf(IOException.class);
    }

    @Test
    void implicitTlsHandshakeTriggerFailsTheHandshake() {
        FaultHandle handle = startSmtps().faults().smtp(Trigger.tlsHandshake()).disconnect();
        assertThatThrownBy(this::connectSmtps).as("SMTPS: the handshake trigger must fire before the handshake")
                .isInstanceOf(IOException.class);
        assertThat(handle.hits()).isEqualTo(1);
    }

    @Test
    void implicitTlsHandshakeDelay() throws IOException {
        FaultHandle handle = startSmtps().faults().smtp(Trigger.tlsHandshake()).delay(Duration.ofMillis(400));
        long start = System.nanoTime();
        Client client = connectSmtps();
        assertThat(client.greeting()).isEqualTo(GREETING);
        assertThat(handle.hits()).as("the TLS trigger is consulted for implicit TLS").isEqualTo(1);
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(380).isLessThan(5_000);
    }

    @Test
    void tlsRuleDoesNotAffectPlainSessionsWithoutStartTls() throws IOException {
        FaultHandle handle = start(builder()).faults().smtp(Trigger.tlsHandshake()).disconnect();
        Client client = connect().hello();
        assertThat(client.command("NOOP")).isEqualTo(OK);
        assertThat(handle.occurrences()).isZero();
    }

    // --- authentication ---------------------------------------------------------------------------------------

    /** AUTH PLAIN's initial response for bob with the right password. */
    private static final String BOB_PLAIN = plain("bob@example.test", "secret");

    private FakeMailServer startWithUsers() {
        return start(builder().user("bob@example.test", "secret").user("alice@example.test", "secret")
                .requireAuth(true));
    }

    /** {@link #startWithUsers()} with the rules the steps add; bob's connection said EHLO. */
    private Client bobAfter(Consumer<FaultPlan> rules) throws IOException {
        rules.accept(startWithUsers().faults());
        return connect().hello();
    }

    @Test
    void authPlainForBobIsRefusedOtherUsersPass() throws IOException {
        FaultHandle handle = startWithUsers().faults().smtp(Trigger.authentication("PLAIN", "bob@*"))
                .reply(535, "5.7.8", "Authentication credentials invalid");

        Client bob = connect().hello();
        assertThat(bob.command("AUTH PLAIN " + BOB_PLAIN))
                .isEqualTo("535 5.7.8 Authentication credentials invalid\r\n");
        assertThat(bob.command("MAIL FROM:<bob@example.test>")).as("not logged in")
                .isEqualTo("530 5.7.0 Authentication required\r\n");

        Client alice = connect().hello();
        assertThat(alice.command("AUTH PLAIN " + plain("alice@example.test", "secret"))).isEqualTo(AUTH_OK);
        assertThat(alice.command("MAIL FROM:<alice@example.test>")).isEqualTo(MAIL_OK);
        assertThat(handle.occurrences()).isEqualTo(1);
        assertThat(handle.hits()).isEqualTo(1);
    }

    @Test
    void authTriggerMatchesTheMechanism() throws IOException {
        Client bob = bobAfter(faults -> faults.smtp(Trigger.authentication("PLAIN", "bob@*"))
                .reply(535, "5.7.8", "No"));
        assertThat(bob.command("AUTH LOGIN")).isEqualTo("334 " + b64("Username:") + "\r\n");
        assertThat(bob.command(b64("bob@example.test"))).isEqualTo("334 " + b64("Password:") + "\r\n");
        assertThat(bob.command(b64("secret"))).as("LOGIN is not PLAIN").isEqualTo(AUTH_OK);
    }

    @Test
    void authTriggerFiresOnTheContinuationResponseToo() throws IOException {
        Client bob = bobAfter(faults -> faults.smtp(Trigger.authentication("*", "bob@example.test"))
                .reply(454, "4.7.0", "Try later"));
        assertThat(bob.command("AUTH PLAIN")).startsWith("334");
        assertThat(bob.command(BOB_PLAIN)).isEqualTo("454 4.7.0 Try later\r\n");
        assertThat(bob.command("AUTH LOGIN")).startsWith("334");
        assertThat(bob.command(b64("bob@example.test"))).startsWith("334");
        assertThat(bob.command(b64("secret"))).isEqualTo("454 4.7.0 Try later\r\n");
    }

    @Test
    void authTriggerIsNotConsultedForWrongCredentials() throws IOException {
        FaultHandle handle = startWithUsers().faults().smtp(Trigger.authentication("PLAIN", "*")).disconnect();
        Client bob = connect().hello();
        assertThat(bob.command("AUTH PLAIN " + plain("bob@example.test", "wrong"))).isEqualTo(AUTH_FAILED);
        assertThat(handle.occurrences()).isZero();
        bob.send("AUTH PLAIN " + BOB_PLAIN + "\r\n");
        bob.assertEof();
        assertThat(handle.hits()).isEqualTo(1);
    }

    @Test
    void authTriggerTimesOneThenTheRetrySucceeds() throws IOException {
        Client bob = bobAfter(faults -> faults
                .addText("smtp auth PLAIN bob@* -> reply 535 5.7.8 \"Authentication credentials invalid\" times 1"));
        assertThat(bob.command("AUTH PLAIN " + BOB_PLAIN))
                .isEqualTo("535 5.7.8 Authentication credentials invalid\r\n");
        assertThat(bob.command("AUTH PLAIN " + BOB_PLAIN)).isEqualTo(AUTH_OK);
    }

    @Test
    void afterReplyToAuthWaitsForTheFinalReplyLikeData() throws IOException {
        // "after the reply to a command": for DATA that is the final 250, not the 354; for AUTH the final 235,
        // not the 334 challenge in the middle of the exchange.
        Client bob = bobAfter(faults -> faults.smtp(Trigger.afterReply("AUTH")).disconnect());
        assertThat(bob.command("AUTH PLAIN")).isEqualTo("334 \r\n");
        bob.send(BOB_PLAIN + "\r\n");
        assertThat(bob.readStringToEnd()).isEqualTo(AUTH_OK);
    }

    @Test
    void authTriggerTranscriptKeepsTheSecretMasked() throws IOException {
        FaultHandle handle = startWithUsers().faults().smtp(Trigger.authentication("PLAIN", "bob@*"))
                .reply(535, "5.7.8", "No");
        Client bob = connect().hello();
        bob.command("AUTH PLAIN " + BOB_PLAIN);
        bob.command("QUIT");
        List<String> transcript = endedTranscript(server, bob);
        assertThat(transcript).containsSubsequence("C: AUTH PLAIN ****",
                hitLine(handle, 1), "S: 535 5.7.8 No");
        assertThat(String.join("\n", transcript)).doesNotContain(BOB_PLAIN);
    }
}
