package dev.fakemail.fault;

import static dev.fakemail.fault.SmtpFaultSupport.GREETING;
import static dev.fakemail.fault.SmtpFaultSupport.MAIL_OK;
import static dev.fakemail.fault.SmtpFaultSupport.OK;
import static dev.fakemail.fault.SmtpFaultSupport.RCPT_OK;
import static dev.fakemail.fault.SmtpFaultSupport.builder;
import static dev.fakemail.fault.SmtpFaultSupport.hitLine;
import static dev.fakemail.testing.Transcripts.endedTranscript;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fakemail.FakeMailServer;
import dev.fakemail.FakeMailServerBuilder;
import dev.fakemail.fault.SmtpFaultSupport.Client;
import dev.fakemail.testing.Transcripts;
import dev.fakemail.testsupport.ManualClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Greylisting and rate limits, driven by an injected clock the test moves by hand: nothing sleeps.
 */
@Timeout(30)
class SmtpFaultPolicyTest extends RawSmtpFaultTest {
    private static final String RATE_LIMITED = "451 4.7.1 Rate limit exceeded, try again later\r\n";
    private static final String TOO_MANY_CONNECTIONS = "421 4.7.0 Too many connections, try again later\r\n";

    private final ManualClock clock = new ManualClock();
    @Override
    protected FakeMailServer start(FakeMailServerBuilder builder) {
        return super.start(builder.clock(clock));
    }

    private static String greylisted(long seconds) {
        return "451 4.7.1 Greylisted, please try again in " + seconds + " seconds\r\n";
    }

    /** RCPT in a fresh connection and transaction from {@code from}; returns the RCPT reply. */
    private String attempt(String from, String to) throws IOException {
        Client client = connect().hello();
        assertThat(client.command("MAIL FROM:<" + from + ">")).isEqualTo(MAIL_OK);
        String reply = client.command("RCPT TO:<" + to + ">");
        client.command("QUIT");
        return reply;
    }

    /** A server with the text rule "greylist 5m": a first attempt is greylisted, one five minutes later passes. */
    private void greylistedForFiveMinutesByTextRule() throws IOException {
        start(builder().faults("smtp rcpt * -> greylist 5m"));
        assertThat(attempt("alice@example.test", "bob@example.test")).isEqualTo(greylisted(300));
        clock.advance(Duration.ofMinutes(5));
        assertThat(attempt("alice@example.test", "bob@example.test")).isEqualTo(RCPT_OK);
    }

    // --- greylisting -----------------------------------------------------------------------------------------

    @Test
    void greylistRefusesANewTripletUntilRetriedAfterTheWindow() throws IOException {
        FaultHandle handle = start().faults().smtp(Trigger.rcptTo("*")).greylist(Duration.ofMinutes(5));

        assertThat(attempt("alice@example.test", "bob@example.test")).isEqualTo(greylisted(300));
        clock.advance(Duration.ofSeconds(100));
        assertThat(attempt("alice@example.test", "bob@example.test")).as("retry too early").isEqualTo(greylisted(200));
        clock.advance(Duration.ofSeconds(199));
        assertThat(attempt("alice@example.test", "bob@example.test")).isEqualTo(greylisted(1));
        clock.advance(Duration.ofSeconds(2));
        assertThat(attempt("alice@example.test", "bob@example.test")).as("after the window").isEqualTo(RCPT_OK);
        clock.advance(Duration.ofHours(1));
        assertThat(attempt("alice@example.test", "bob@example.test")).as("passes from then on").isEqualTo(RCPT_OK);

        assertThat(handle.occurrences()).isEqualTo(5);
        assertThat(handle.hits()).as("only the refusals count as hits").isEqualTo(3);
    }

    @Test
    void greylistRetryExactlyAtTheWindowPasses() throws IOException {
        start().faults().smtp(Trigger.rcptTo("*")).greylist(Duration.ofSeconds(60));
        assertThat(attempt("a@example.test", "b@example.test")).isEqualTo(greylisted(60));
        clock.advance(Duration.ofMillis(59_500));
        assertThat(attempt("a@example.test", "b@example.test")).as("rounded up").isEqualTo(greylisted(1));
        clock.advance(Duration.ofMillis(500));
        assertThat(attempt("a@example.test", "b@example.test")).isEqualTo(RCPT_OK);
    }

    @Test
    void eachTripletIsGreylistedSeparately() throws IOException {
        start().faults().add(FaultRecipes.greylisting(Duration.ofMinutes(5)));
        Client client = connect().hello();
        assertThat(client.command("MAIL FROM:<alice@example.test>")).isEqualTo(MAIL_OK);
        assertThat(client.command("RCPT TO:<bob@example.test>")).isEqualTo(greylisted(300));
        clock.advance(Duration.ofMinutes(3));
        assertThat(client.command("RCPT TO:<carol@example.test>")).as("another recipient").isEqualTo(greylisted(300));
        assertThat(client.command("RCPT TO:<bob@example.test>")).isEqualTo(greylisted(120));
        assertThat(client.command("RSET")).isEqualTo(OK);
        assertThat(client.command("MAIL FROM:<zed@example.test>")).isEqualTo(MAIL_OK);
        assertThat(client.command("RCPT TO:<bob@example.test>")).as("another sender").isEqualTo(greylisted(300));

        clock.advance(Duration.ofMinutes(2));
        assertThat(client.command("RSET")).isEqualTo(OK);
        assertThat(client.command("MAIL FROM:<alice@example.test>")).isEqualTo(MAIL_OK);
        assertThat(client.command("RCPT TO:<bob@example.test>")).as("first triplet's window is over").isEqualTo(RCPT_OK);
        assertThat(client.command("RCPT TO:<carol@example.test>")).as("seen at 3 min, now 5 min")
                .isEqualTo(greylisted(180));
        assertThat(client.command("RCPT TO:<BOB@EXAMPLE.TEST>")).as("addresses compare case-insensitively")
                .isEqualTo(RCPT_OK);
    }

    @Test
    void anotherClientAddressIsAnotherTriplet() throws IOException {
        start();
        InetAddress otherLoopback = InetAddress.getByName("127.0.0.2");
        assumeTrue(canBind(otherLoopback), "127.0.0.2 is usable as a local address here");
        server.faults().add(FaultRecipes.greylisting(Duration.ofMinutes(5)));
        assertThat(attempt("alice@example.test", "bob@example.test")).isEqualTo(greylisted(300));
        clock.advance(Duration.ofMinutes(5));
        assertThat(attempt("alice@example.test", "bob@example.test")).isEqualTo(RCPT_OK);

        Client other = track(Client.connect(server, otherLoopback)).hello();
        assertThat(other.command("MAIL FROM:<alice@example.test>")).isEqualTo(MAIL_OK);
        assertThat(other.command("RCPT TO:<bob@example.test>")).isEqualTo(greylisted(300));
    }

    private boolean canBind(InetAddress address) {
        try (Socket socket = new Socket()) {
            socket.bind(new java.net.InetSocketAddress(address, 0));
            socket.connect(new java.net.InetSocketAddress(server.smtp().host(), server.smtp().port()), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void greylistedRecipientIsNotAddedAndTheMessageGoesThroughAfterwards() throws IOException {
        start().faults().add(FaultRecipes.greylisting(Duration.ofMinutes(1)));
        Client client = connect().hello();
        client.command("MAIL FROM:<alice@example.test>");
        assertThat(client.command("RCPT TO:<bob@example.test>")).isEqualTo(greylisted(60));
        assertThat(client.command("DATA")).isEqualTo("554 5.5.1 Error: no valid recipients\r\n");
        client.command("RSET");
        clock.advance(Duration.ofMinutes(1));
        assertThat(client.sendMessage("alice@example.test", "bob@example.test", "after greylisting"))
                .startsWith("250 2.0.0 Ok: queued as ");
        assertThat(server.messages()).hasSize(1);
    }

    @Test
    void greylistTranscriptNamesTheTriplet() throws IOException {
        FaultHandle handle = start().faults().add(FaultRecipes.greylisting(Duration.ofMinutes(5)));
        Client client = connect().hello();
        client.command("MAIL FROM:<alice@example.test>");
        client.command("RCPT TO:<bob@example.test>");
        client.command("QUIT");
        String clientAddress = Transcripts.transcriptOf(server, client).client().getAddress().getHostAddress();
        assertThat(endedTranscript(server, client)).contains(hitLine(handle, 1)
                + " (" + clientAddress + "|alice@example.test|bob@example.test)");
    }

    @Test
    void greylistInTextForm() throws IOException {
        greylistedForFiveMinutesByTextRule();
    }

    @Test
    void resetForgetsGreylistState() throws IOException {
        greylistedForFiveMinutesByTextRule();
        server.reset();
        assertThat(attempt("alice@example.test", "bob@example.test")).as("a fresh greylist after reset")
                .isEqualTo(greylisted(300));
    }

    // --- rate limits on commands ------------------------------------------------------------------------------

    @Test
    void rateLimitOnMailRefusesBeyondTheLimitUntilTheWindowPasses() throws IOException {
        FaultHandle handle = start().faults().smtp(Trigger.mailFrom("*")).rateLimit(2, Duration.ofMinutes(1));
        Client client = connect().hello();

        assertThat(client.command("MAIL FROM:<a@example.test>")).isEqualTo(MAIL_OK); // t=0
        assertThat(client.command("RSET")).isEqualTo(OK);
        clock.advance(Duration.ofSeconds(30));
        assertThat(client.command("MAIL FROM:<a@example.test>")).isEqualTo(MAIL_OK); // t=30
        assertThat(client.command("RSET")).isEqualTo(OK);
        clock.advance(Duration.ofSeconds(15));
        assertThat(client.command("MAIL FROM:<a@example.test>")).isEqualTo(RATE_LIMITED); // t=45
        assertThat(connect().hello().command("MAIL FROM:<b@example.test>")).as("the limit is for the server")
                .isEqualTo(RATE_LIMITED);
        clock.advance(Duration.ofSeconds(16));
        assertThat(client.command("MAIL FROM:<a@example.test>")).as("t=61: the first one left the window")
                .isEqualTo(MAIL_OK);
        assertThat(client.command("RSET")).isEqualTo(OK);
        clock.advance(Duration.ofSeconds(1));
        assertThat(client.command("MAIL FROM:<a@example.test>")).as("t=62: sliding window still full")
                .isEqualTo(RATE_LIMITED);
        clock.advance(Duration.ofSeconds(29));
        assertThat(client.command("MAIL FROM:<a@example.test>")).as("t=91").isEqualTo(MAIL_OK);

        assertThat(handle.occurrences()).isEqualTo(7);
        assertThat(handle.hits()).as("only refusals are hits").isEqualTo(3);
    }

    @Test
    void rateLimitOnRcpt() throws IOException {
        start(builder().faults("smtp rcpt * -> rate-limit 3/1m"));
        Client client = connect().hello();
        client.command("MAIL FROM:<a@example.test>");
        assertThat(client.command("RCPT TO:<r1@example.test>")).isEqualTo(RCPT_OK);
        assertThat(client.command("RCPT TO:<r2@example.test>")).isEqualTo(RCPT_OK);
        assertThat(client.command("RCPT TO:<r3@example.test>")).isEqualTo(RCPT_OK);
        assertThat(client.command("RCPT TO:<r4@example.test>")).isEqualTo(RATE_LIMITED);
        clock.advance(Duration.ofMinutes(1));
        assertThat(client.command("RCPT TO:<r5@example.test>")).isEqualTo(RCPT_OK);
    }

    @Test
    void rateLimitZeroRefusesEverything() throws IOException {
        start().faults().smtp(Trigger.mailFrom("*")).rateLimit(0, Duration.ofMinutes(1));
        Client client = connect().hello();
        assertThat(client.command("MAIL FROM:<a@example.test>")).isEqualTo(RATE_LIMITED);
        clock.advance(Duration.ofDays(1));
        assertThat(client.command("MAIL FROM:<a@example.test>")).isEqualTo(RATE_LIMITED);
    }

    // --- rate limits on connections ------------------------------------------------------------------------------

    @Test
    void connectionRateLimitGreetsWith421BeyondTheLimit() throws IOException {
        FaultHandle handle = start().faults().smtp(Trigger.connect()).rateLimit(2, Duration.ofSeconds(10));
        assertThat(connect().greeting()).isEqualTo(GREETING);
        assertThat(connect().greeting()).isEqualTo(GREETING);
        Client refused = connect();
        assertThat(refused.readStringToEnd()).isEqualTo(TOO_MANY_CONNECTIONS);
        clock.advance(Duration.ofSeconds(10));
        Client again = connect();
        assertThat(again.greeting()).as("after the window passes").isEqualTo(GREETING);
        assertThat(again.command("NOOP")).isEqualTo(OK);
        assertThat(handle.hits()).isEqualTo(1);
        assertThat(handle.occurrences()).isEqualTo(4);
        assertThat(endedTranscript(server, refused)).containsSubsequence(
                hitLine(handle, 1),
                "S: " + TOO_MANY_CONNECTIONS.strip(),
                "*: closed");
    }

    @Test
    void tooManyConnectionsRecipe() throws IOException {
        start().faults().add(FaultRecipes.tooManyConnections(3));
        for (int i = 0; i < 3; i++) {
            assertThat(connect().greeting()).isEqualTo(GREETING);
        }
        assertThat(connect().readStringToEnd()).isEqualTo(TOO_MANY_CONNECTIONS);
        assertThat(connect().readStringToEnd()).isEqualTo(TOO_MANY_CONNECTIONS);
        clock.advance(Duration.ofSeconds(59));
        assertThat(connect().readStringToEnd()).as("still within the minute").isEqualTo(TOO_MANY_CONNECTIONS);
        clock.advance(Duration.ofSeconds(1));
        assertThat(connect().greeting()).isEqualTo(GREETING);
    }

    @Test
    void resetForgetsRateLimitState() throws IOException {
        start(builder().fault(FaultRecipes.tooManyConnections(1)));
        assertThat(connect().greeting()).isEqualTo(GREETING);
        assertThat(connect().readStringToEnd()).isEqualTo(TOO_MANY_CONNECTIONS);
        server.reset();
        assertThat(connect().greeting()).isEqualTo(GREETING);
    }
}
