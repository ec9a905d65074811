package dev.fakemail.fault;

import static dev.fakemail.fault.SmtpFaultSupport.GREETING;
import static dev.fakemail.fault.SmtpFaultSupport.MAIL_OK;
import static dev.fakemail.fault.SmtpFaultSupport.OK;
import static dev.fakemail.fault.SmtpFaultSupport.RCPT_OK;
import static dev.fakemail.fault.SmtpFaultSupport.builder;
import static dev.fakemail.fault.SmtpFaultSupport.hitLine;
import static dev.fakemail.fault.SmtpFaultSupport.millisSince;
import static dev.fakemail.testing.Transcripts.endedTranscript;
import static dev.fakemail.testing.Transcripts.transcriptOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.fault.SmtpFaultSupport.Client;
import dev.fakemail.testing.ExpectedSmtp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Effects on the connection itself: refusal at connect, stall, disconnect (FIN), reset (RST), a cut after N
 * bytes, delays that park only the affected connection, throttling and slicing, as a raw socket sees them.
 */
@Timeout(30)
class SmtpFaultConnectionTest extends RawSmtpFaultTest {
    @BeforeEach
    void startServer() {
        start(builder());
    }

    /** Adds the rules the steps add, then connects; nothing read yet. */
    private Client connectAfter(Consumer<FaultPlan> rules) throws IOException {
        rules.accept(server.faults());
        return connect();
    }

    /** Adds the rules the steps add, then connects and says EHLO. */
    private Client helloAfter(Consumer<FaultPlan> rules) throws IOException {
        rules.accept(server.faults());
        return connect().hello();
    }

    /** MAIL FROM, accepted, then a RCPT TO sent without waiting for its reply. */
    private static void mailThenSendRcpt(Client client) throws IOException {
        assertThat(client.command("MAIL FROM:<alice@example.test>")).isEqualTo(MAIL_OK);
        client.send("RCPT TO:<bob@example.test>\r\n");
    }

    // --- connect ---------------------------------------------------------------------------------------------

    @Test
    void connectRefusal421ThenClosed() throws IOException {
        FaultHandle handle = server.faults().smtp(Trigger.connect()).reply(421, "4.7.0", "Too busy, try later");
        Client client = connect();
        assertThat(client.readStringToEnd()).isEqualTo("421 4.7.0 Too busy, try later\r\n");
        assertThat(handle.hits()).isEqualTo(1);
        assertThat(endedTranscript(server, client)).containsSubsequence(
                "*: fault rules: 1, seed " + server.faults().seed(),
                hitLine(handle, 1),
                "S: 421 4.7.0 Too busy, try later",
                "*: closed");
    }

    @Test
    void connectReplyAndDisconnectWith554() throws IOException {
        Client client = connectAfter(faults -> faults.smtp(Trigger.connect())
                .replyAndDisconnect(554, "5.3.2", "No service here"));
        assertThat(client.readStringToEnd()).isEqualTo("554 5.3.2 No service here\r\n");
    }

    @Test
    void connectReplyWithoutDisconnectReplacesTheGreetingAndKeepsTheSessionOpen() throws IOException {
        Client client = connectAfter(faults -> faults.smtp(Trigger.connect()).reply(554, "No SMTP service here"));
        assertThat(client.greeting()).isEqualTo("554 No SMTP service here\r\n");
        assertThat(client.command("QUIT")).startsWith("221 ");
    }

    @Test
    void connectDisconnectClosesBeforeTheGreeting() throws IOException {
        Client client = connectAfter(faults -> faults.smtp(Trigger.connect()).disconnect());
        client.assertEof();
    }

    @Test
    void connectResetAbortsBeforeTheGreeting() throws IOException {
        server.faults().smtp(Trigger.connect()).reset();
        Client client;
        try {
            client = connect();
        } catch (java.net.SocketException resetWhileConnecting) {
            // the RST can arrive before the client's connect() has returned
            assertThat(resetWhileConnecting.getMessage()).containsIgnoringCase("reset");
            return;
        }
        client.assertReset();
    }

    // --- stall -----------------------------------------------------------------------------------------------

    @Test
    void stallHoldsTheConnectionWithoutAWordUntilTheClientLeaves() throws IOException {
        FaultHandle handle = server.faults().smtp(Trigger.rcptTo("*")).stall();
        Client client = connect().hello();
        mailThenSendRcpt(client);
        client.assertSilentFor(700);
        client.send("NOOP\r\nQUIT\r\n");
        client.assertSilentFor(300); // input is read and ignored; still open
        assertThat(transcriptOf(server, client).isEnded()).isFalse();

        // another connection is served meanwhile
        Client other = connect();
        assertThat(other.greeting()).isEqualTo(GREETING);
        assertThat(other.command("NOOP")).isEqualTo(OK);

        client.close();
        assertThat(endedTranscript(server, client)).containsSubsequence(
                hitLine(handle, 1),
                "*: stalled: holding the connection without a word until the client leaves",
                "*: closed");
    }

    @Test
    void stallAtConnectSendsNoGreeting() throws IOException {
        Client client = connectAfter(faults -> faults.smtp(Trigger.connect()).stall());
        client.assertSilentFor(500);
    }

    @Test
    void timedStallClosesSilentlyAfterTheDuration() throws IOException {
        Client client = helloAfter(faults -> faults.smtp(Trigger.command("NOOP")).stall(Duration.ofMillis(500)));
        client.send("NOOP\r\n");
        long start = System.nanoTime();
        client.assertEof();
        long elapsed = millisSince(start);
        assertThat(elapsed).isGreaterThanOrEqualTo(450).isLessThan(5_000);
        assertThat(endedTranscript(server, client)).contains("*: stall over: closing without a word");
    }

    @Test
    void timedStallEndsEarlyWhenTheClientLeaves() throws IOException {
        Client client = helloAfter(faults -> faults.smtp(Trigger.command("NOOP")).stall(Duration.ofSeconds(20)));
        client.send("NOOP\r\n");
        client.assertSilentFor(300);
        client.close();
        long start = System.nanoTime();
        assertThat(endedTranscript(server, client)).contains("*: client closed the connection");
        assertThat(millisSince(start)).isLessThan(5_000);
    }

    // --- disconnect and reset ----------------------------------------------------------------------------------

    @Test
    void disconnectAtACommandClosesWithoutAReply() throws IOException {
        FaultHandle handle = server.faults().smtp(Trigger.mailFrom("*")).disconnect();
        Client client = connect().hello();
        client.send("MAIL FROM:<alice@example.test>\r\n");
        client.assertEof();
        assertThat(endedTranscript(server, client)).containsSubsequence(
                "C: MAIL FROM:<alice@example.test>",
                hitLine(handle, 1),
                "*: closed");
    }

    @Test
    void disconnectStillDeliversRepliesToEarlierPipelinedCommands() throws IOException {
        Client client = helloAfter(faults -> faults.smtp(Trigger.rcptTo("bob@*")).disconnect());
        client.send("MAIL FROM:<alice@example.test>\r\nRCPT TO:<carol@example.test>\r\nRCPT TO:<bob@example.test>\r\n");
        assertThat(client.readStringToEnd()).isEqualTo("250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n");
    }

    @Test
    void resetAtACommandGivesConnectionReset() throws IOException {
        FaultHandle handle = server.faults().smtp(Trigger.rcptTo("*")).reset();
        Client client = connect().hello();
        mailThenSendRcpt(client);
        client.assertReset();
        assertThat(endedTranscript(server, client)).containsSubsequence(
                hitLine(handle, 1),
                "*: connection reset (RST) by a fault rule");
    }

    @Test
    void afterReplyResetSendsTheReplyFirst() throws IOException {
        Client client = helloAfter(faults -> faults.smtp(Trigger.afterReply("NOOP")).reset());
        client.send("NOOP\r\n");
        assertThat(client.reply()).isEqualTo(OK);
        client.assertReset();
    }

    // --- disconnect after N bytes -----------------------------------------------------------------------------

    @Test
    void disconnectAfterBytesCutsTheGreeting() throws IOException {
        Client client = connectAfter(faults -> faults.smtp(Trigger.connect()).disconnectAfterBytes(7));
        assertThat(client.readStringToEnd()).isEqualTo(GREETING.substring(0, 7));
    }

    @Test
    void disconnectAfterBytesCutsTheEhloReply() throws IOException {
        Client client = connectAfter(faults -> faults.smtp(Trigger.command("EHLO")).disconnectAfterBytes(40));
        assertThat(client.greeting()).isEqualTo(GREETING);
        client.send("EHLO client.test\r\n");
        byte[] received = client.readToEnd();
        assertThat(received).hasSize(40);
        assertThat(new String(received, StandardCharsets.US_ASCII))
                .isEqualTo(ExpectedSmtp.defaultEhlo(server.config().maxMessageSize()).substring(0, 40));
    }

    @Test
    void disconnectAfterZeroBytesClosesBeforeTheReply() throws IOException {
        Client client = helloAfter(faults -> faults.smtp(Trigger.command("NOOP")).disconnectAfterBytes(0));
        client.send("NOOP\r\n");
        client.assertEof();
    }

    @Test
    void disconnectAfterBytesCountsAcrossReplies() throws IOException {
        // MAIL_OK is 14 bytes; 20 bytes lets it through and cuts the next reply after 6.
        Client client = helloAfter(faults -> faults.smtp(Trigger.mailFrom("*")).disconnectAfterBytes(20));
        mailThenSendRcpt(client);
        assertThat(client.readStringToEnd()).isEqualTo("250 2.");
    }

    @Test
    void disconnectAfterExactlyTheReplyLengthEndsTheConnectionAfterIt() throws IOException {
        // The allowance is exactly the MAIL reply: the client gets all of it, then the end of the stream.
        Client client = helloAfter(faults -> faults.smtp(Trigger.mailFrom("*")).disconnectAfterBytes(14));
        client.send("MAIL FROM:<alice@example.test>\r\n");
        assertThat(client.reply()).isEqualTo(MAIL_OK);
        client.setTimeoutMillis(2_000); // the server has nothing more to say; it must close, not wait
        client.assertEof();
    }

    // --- delay -----------------------------------------------------------------------------------------------

    @Test
    void delayPostponesTheReplyAndParksOnlyThatConnection() throws IOException {
        FaultHandle handle = server.faults().smtp(Trigger.command("NOOP", "slow")).delay(Duration.ofMillis(1_000));
        Client slow = connect().hello();
        long start = System.nanoTime();
        slow.send("NOOP slow\r\n");

        // Meanwhile another connection is answered at once, even the same command with another argument.
        Client fast = connect();
        long fastStart = System.nanoTime();
        assertThat(fast.greeting()).isEqualTo(GREETING);
        assertThat(fast.command("NOOP")).isEqualTo(OK);
        assertThat(millisSince(fastStart)).isLessThan(700);
        assertThat(slow.available()).as("slow reply not there yet").isZero();

        assertThat(slow.reply()).isEqualTo(OK);
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(980).isLessThan(6_000);
        slow.command("QUIT");
        assertThat(endedTranscript(server, slow))
                .contains(hitLine(handle, 1) + " (waiting 1000 ms)");
    }

    @Test
    void delayAtConnectPostponesTheGreeting() throws IOException {
        server.faults().smtp(Trigger.connect()).delay(Duration.ofMillis(300));
        long start = System.nanoTime();
        Client client = connect();
        assertThat(client.greeting()).isEqualTo(GREETING);
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(280).isLessThan(5_000);
    }

    @Test
    void delaysCombineWithAReply() throws IOException {
        server.faults().smtp(Trigger.rcptTo("*")).delay(Duration.ofMillis(300));
        Client client = helloAfter(faults -> faults.smtp(Trigger.rcptTo("*")).reply(451, "4.3.0", "Try again later"));
        client.command("MAIL FROM:<alice@example.test>");
        long start = System.nanoTime();
        assertThat(client.command("RCPT TO:<bob@example.test>")).isEqualTo("451 4.3.0 Try again later\r\n");
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(280).isLessThan(5_000);
    }

    @Test
    void uniformDelayStaysWithinItsBounds() throws IOException {
        Client client = helloAfter(faults -> faults.smtp(Trigger.command("NOOP"))
                .delayUniform(Duration.ofMillis(200), Duration.ofMillis(300)));
        for (int i = 0; i < 2; i++) {
            long start = System.nanoTime();
            assertThat(client.command("NOOP")).isEqualTo(OK);
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(190).isLessThan(5_000);
        }
    }

    @Test
    void logNormalDelayWithSigmaZeroIsTheMedian() throws IOException {
        Client client = helloAfter(faults -> faults.smtp(Trigger.command("NOOP"))
                .delayLogNormal(Duration.ofMillis(250), 0));
        long start = System.nanoTime();
        assertThat(client.command("NOOP")).isEqualTo(OK);
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(240).isLessThan(5_000);
    }

    @Test
    void delayedPipelinedCommandsFlushEarlierRepliesFirst() throws IOException {
        Client client = helloAfter(faults -> faults.smtp(Trigger.rcptTo("slow@*")).delay(Duration.ofMillis(800)));
        client.send("MAIL FROM:<alice@example.test>\r\nRCPT TO:<slow@example.test>\r\n");
        long start = System.nanoTime();
        assertThat(client.reply()).isEqualTo(MAIL_OK);
        assertThat(millisSince(start)).as("the MAIL reply is not held back by the delay").isLessThan(600);
        assertThat(client.reply()).isEqualTo(RCPT_OK);
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(780);
    }

    // --- throttle and slice -------------------------------------------------------------------------------------

    @Test
    void throttleSlowsTheServersBytes() throws IOException {
        // 28-byte greeting at 100 bytes/s: the last bytes cannot arrive before ~230 ms.
        server.faults().smtp(Trigger.connect()).throttle(100);
        long start = System.nanoTime();
        Client client = connect();
        assertThat(client.greeting()).isEqualTo(GREETING);
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(200).isLessThan(5_000);
        assertThat(client.command("NOOP")).isEqualTo(OK);
    }

    @Test
    void sliceWritesInPiecesWithPauses() throws IOException {
        server.faults().smtp(Trigger.connect()).slice(5, Duration.ofMillis(100));
        long start = System.nanoTime();
        Client client = connect();
        List<byte[]> chunks = client.readChunks(GREETING.length());
        long elapsed = millisSince(start);
        StringBuilder all = new StringBuilder();
        for (byte[] chunk : chunks) {
            assertThat(chunk.length).as("piece size").isLessThanOrEqualTo(5);
            all.append(new String(chunk, StandardCharsets.US_ASCII));
        }
        assertThat(all.toString()).isEqualTo(GREETING);
        assertThat(chunks.size()).isGreaterThanOrEqualTo(6);
        assertThat(elapsed).as("5 pauses of 100 ms").isGreaterThanOrEqualTo(450).isLessThan(5_000);
        assertThat(client.command("NOOP")).isEqualTo(OK);
    }

    @Test
    void throttleAlsoSlowsWhatTheServerReads() throws IOException {
        // 2,000 bytes/s each way from DATA on: a 1,500-octet message takes the server at least ~0.6 s to read.
        Client client = helloAfter(faults -> faults.smtp(Trigger.command("DATA")).throttle(2_000));
        client.command("MAIL FROM:<alice@example.test>");
        client.command("RCPT TO:<bob@example.test>");
        assertThat(client.command("DATA")).isEqualTo("354 End data with <CR><LF>.<CR><LF>\r\n");
        String body = ("x".repeat(70) + "\r\n").repeat(20);
        long start = System.nanoTime();
        assertThat(client.command("Subject: big\r\n\r\n" + body + ".")).startsWith("250 2.0.0 Ok: queued as ");
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(600).isLessThan(8_000);
        assertThat(server.messages()).hasSize(1);
    }

    @Test
    void stoppingTheServerEndsStalledAndDelayedConnectionsPromptly() throws IOException {
        server.faults().smtp(Trigger.command("NOOP")).stall();
        server.faults().smtp(Trigger.command("RSET")).delay(Duration.ofSeconds(30));
        Client stalled = connect().hello();
        Client delayed = connect().hello();
        stalled.send("NOOP\r\n");
        delayed.send("RSET\r\n");
        stalled.assertSilentFor(300);
        long start = System.nanoTime();
        server.close();
        assertThat(millisSince(start)).as("stop() does not wait for the stall or the delay").isLessThan(5_000);
        for (Client client : List.of(stalled, delayed)) {
            client.setTimeoutMillis(5_000);
            try {
                String rest = client.readStringToEnd();
                assertThat(rest).doesNotStartWith("250");
            } catch (java.net.SocketException reset) {
                // an abort is fine too: the server is gone
            }
        }
        assertThat(millisSince(start)).isLessThan(8_000);
    }

    @Test
    void textFormOfConnectionEffects() throws IOException {
        Client client = helloAfter(faults -> faults.addText("smtp NOOP -> disconnect-after 5; smtp RSET -> reset"));
        client.send("NOOP\r\n");
        assertThat(client.readStringToEnd()).isEqualTo("250 2");
        Client other = connect().hello();
        other.send("RSET\r\n");
        other.assertReset();
    }
}
