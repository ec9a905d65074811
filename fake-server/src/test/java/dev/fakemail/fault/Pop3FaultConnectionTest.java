package dev.fakemail.fault;

import static dev.fakemail.fault.FaultTestClients.BOB;
import static dev.fakemail.fault.FaultTestClients.loginWhenUnlocked;
import static dev.fakemail.testing.Stores.deliver;
import static dev.fakemail.testing.Stores.inbox;
import static dev.fakemail.testing.Transcripts.events;
import static dev.fakemail.testing.Transcripts.newestTranscript;
import static dev.fakemail.testsupport.MessageBuilder.ofSize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.FakeMailServer;
import dev.fakemail.fault.FaultTestClients.Raw;
import dev.fakemail.testing.ServerPerTest;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Effects that end or hold a POP3 connection, seen by a raw client: a RETR cut after N bytes, FIN, RST, stalls
 * against a client read timeout, a disconnect after the RETR reply, delays; and that however the connection
 * ends, nothing is deleted without QUIT and the maildrop is unlocked for the next session. Also budgets,
 * scopes, handles, hit lines in transcripts and subscriptions.
 */
@Timeout(30)
class Pop3FaultConnectionTest extends ServerPerTest {
    private static final String M1 = ofSize(5_000, "big one");
    private static final String M2 = "Subject: two\r\n\r\nsecond body\r\n";
    private static final Pattern WAITING = Pattern.compile("\\(waiting (\\d+) ms\\)$");

    @BeforeEach
    void startServer() {
        startWithMail(FakeMailServer.builder().faultSeed(42), BOB, M1, M2);
    }

    private Raw connect() throws Exception {
        return Raw.greeted(server);
    }

    private Raw loggedIn() throws Exception {
        Raw pop = connect();
        pop.login(BOB, "pw");
        return pop;
    }

    private static byte[] retrResponse(String message) {
        return ("+OK " + message.length() + " octets\r\n" + message + ".\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private void assertMaildropIntactForTheNextSession() throws Exception {
        try (Raw pop = loginWhenUnlocked(server, BOB)) {
            assertThat(pop.command("STAT")).isEqualTo("+OK 2 " + (M1.length() + M2.length()));
            assertThat(pop.multiLineText("RETR 1")).isEqualTo(new String(retrResponse(M1), StandardCharsets.US_ASCII));
            assertThat(pop.command("QUIT")).isEqualTo("+OK fakemail POP3 server signing off (2 messages left)");
        }
        assertThat(inbox(server, BOB)).hasSize(2);
    }

    @Test
    void disconnectAfterBytesCutsTheRetrAtExactlyNBytesAndDeletesNothing() throws Exception {
        FaultHandle cut = server.faults().pop3(Trigger.command("RETR", "1")).once().disconnectAfterBytes(1_000);
        try (Raw pop = loggedIn()) {
            assertThat(pop.command("DELE 2")).isEqualTo("+OK message 2 deleted");
            pop.send("RETR 1\r\n");
            byte[] received = pop.readToEnd();
            assertThat(received).hasSize(1_000);
            assertThat(received).isEqualTo(Arrays.copyOf(retrResponse(M1), 1_000));
        }
        assertThat(cut.hits()).isEqualTo(1);
        assertMaildropIntactForTheNextSession();
    }

    @Test
    void disconnectAfterBytesCutsALargeRetrWrittenPastTheOutputBuffer() throws Exception {
        String large = ofSize(40_000, "large");
        deliver(server, BOB, large);
        server.faults().pop3(Trigger.command("RETR", "3")).once().disconnectAfterBytes(20_000);
        try (Raw pop = loggedIn()) {
            pop.send("RETR 3\r\n");
            byte[] received = pop.readToEnd();
            assertThat(received).hasSize(20_000);
            assertThat(received).isEqualTo(Arrays.copyOf(retrResponse(large), 20_000));
        }
        assertThat(inbox(server, BOB)).hasSize(3);
    }

    @Test
    void disconnectAfterZeroBytesSendsNothingOfTheReply() throws Exception {
        server.faults().addText("pop3 RETR -> disconnect-after 0 times 1");
        try (Raw pop = loggedIn()) {
            pop.send("RETR 2\r\n");
            assertThat(pop.readToEnd()).isEmpty();
        }
        assertMaildropIntactForTheNextSession();
    }

    @Test
    void resetMidSessionGivesConnectionResetAndLeavesTheMaildropUnlocked() throws Exception {
        try (Raw pop = loggedIn()) {
            assertThat(pop.command("DELE 1")).isEqualTo("+OK message 1 deleted");
            FaultHandle reset = server.faults().pop3(Trigger.command("RETR")).once().reset();
            pop.send("RETR 2\r\n");
            assertThatThrownBy(pop::readToEnd).isInstanceOf(SocketException.class).hasMessageContaining("reset");
            assertThat(reset.hits()).isEqualTo(1);
        }
        assertMaildropIntactForTheNextSession();
        assertThat(events(server, "POP3")).contains("connection reset (RST) by a fault rule");
    }

    @Test
    void disconnectClosesWithoutAReply() throws Exception {
        server.faults().pop3(Trigger.command("LIST")).once().disconnect();
        try (Raw pop = loggedIn()) {
            assertThat(pop.command("DELE 1")).isEqualTo("+OK message 1 deleted");
            pop.send("LIST\r\n");
            assertThat(pop.readToEnd()).as("FIN, no bytes").isEmpty();
        }
        assertMaildropIntactForTheNextSession();
    }

    @Test
    void stallHoldsTheConnectionUntilTheClientGivesUp() throws Exception {
        FaultHandle stall = server.faults().pop3(Trigger.command("RETR")).once().stall();
        try (Raw pop = loggedIn()) {
            assertThat(pop.command("DELE 2")).isEqualTo("+OK message 2 deleted");
            pop.setTimeoutMillis(500);
            long start = System.nanoTime();
            pop.send("RETR 1\r\n");
            assertThatThrownBy(pop::line).isInstanceOf(SocketTimeoutException.class);
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(450);
            pop.send("NOOP\r\nQUIT\r\n");
            pop.setTimeoutMillis(300);
            assertThatThrownBy(pop::line).as("a stalled server ignores the client").isInstanceOf(SocketTimeoutException.class);
        }
        assertThat(stall.hits()).isEqualTo(1);
        assertMaildropIntactForTheNextSession();
        assertThat(events(server, "POP3"))
                .contains("stalled: holding the connection without a word until the client leaves");
    }

    @Test
    void timedStallClosesSilentlyAfterItsDuration() throws Exception {
        server.faults().pop3(Trigger.command("STAT")).once().stall(Duration.ofMillis(400));
        try (Raw pop = loggedIn()) {
            long start = System.nanoTime();
            pop.send("STAT\r\n");
            assertThat(pop.readToEnd()).isEmpty();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).isBetween(380L, 5_000L);
        }
        assertMaildropIntactForTheNextSession();
    }

    @Test
    void stallAtConnectSendsNoGreeting() throws Exception {
        server.faults().pop3(Trigger.connect()).once().stall();
        try (Raw pop = Raw.connect(server)) {
            pop.setTimeoutMillis(400);
            assertThatThrownBy(pop::line).isInstanceOf(SocketTimeoutException.class);
        }
        try (Raw pop = connect()) {
            assertThat(pop.command("QUIT")).isEqualTo("+OK fakemail POP3 server signing off");
        }
    }

    @Test
    void resetAtConnectGivesConnectionReset() throws Exception {
        server.faults().pop3(Trigger.connect()).once().reset();
        // The RST may arrive before the client has even set its socket options: it counts wherever it shows.
        assertThatThrownBy(() -> {
            try (Raw pop = Raw.connect(server)) {
                pop.readToEnd();
            }
        }).isInstanceOf(SocketException.class).hasMessageContaining("reset");
    }

    @Test
    void authenticationTriggerCanStallOrResetTheLogin() throws Exception {
        server.faults().pop3(Trigger.authentication("USER", "*")).once().stall(Duration.ofMillis(300));
        try (Raw pop = connect()) {
            assertThat(pop.command("USER " + BOB)).isEqualTo("+OK send PASS");
            long start = System.nanoTime();
            pop.send("PASS pw\r\n");
            assertThat(pop.readToEnd()).as("no reply, then a silent close").isEmpty();
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(280);
        }
        server.faults().pop3(Trigger.authentication("USER", "*")).once().reset();
        try (Raw pop = connect()) {
            assertThat(pop.command("USER " + BOB)).isEqualTo("+OK send PASS");
            pop.send("PASS pw\r\n");
            assertThatThrownBy(pop::readToEnd).isInstanceOf(SocketException.class);
        }
        assertMaildropIntactForTheNextSession();
    }

    @Test
    void recipesForPop3FlakyNetworkAndSlowServer() throws Exception {
        server.faults().add(FaultRecipes.slowServer(Protocol.POP3, Duration.ofMillis(20)));
        try (Raw pop = loggedIn()) {
            assertThat(pop.command("NOOP")).isEqualTo("+OK");
        }
        assertThat(events(server, "POP3")).filteredOn(line -> line.startsWith("fault #"))
                .hasSize(3).allMatch(line -> WAITING.matcher(line).find());
        server.faults().clear();

        FaultRecipes.flakyNetwork(Protocol.POP3, 1.0).forEach(server.faults()::add);
        try (Raw pop = connect()) {
            pop.send("USER " + BOB + "\r\n");
            assertThatThrownBy(pop::readToEnd).as("every command is reset").isInstanceOf(SocketException.class);
        }
    }

    @Test
    void disconnectAfterTheRetrReplyDeliversTheWholeReplyThenEnds() throws Exception {
        FaultHandle after = server.faults().pop3(Trigger.afterReply("RETR")).disconnect();
        try (Raw pop = loggedIn()) {
            assertThat(pop.command("DELE 2")).isEqualTo("+OK message 2 deleted");
            assertThat(after.occurrences()).as("only after RETR").isZero();
            pop.send("RETR 1\r\n");
            assertThat(pop.readToEnd()).isEqualTo(retrResponse(M1));
        }
        assertThat(after.hits()).isEqualTo(1);
        after.remove();
        assertMaildropIntactForTheNextSession();
    }

    @Test
    void disconnectAfterAuthWaitsForTheFinalReplyOfTheSaslExchange() throws Exception {
        FaultHandle after = server.faults().pop3(Trigger.afterReply("AUTH")).disconnect();
        String credentials = java.util.Base64.getEncoder()
                .encodeToString(("\0" + BOB + "\0pw").getBytes(StandardCharsets.US_ASCII));
        try (Raw pop = connect()) {
            assertThat(pop.command("AUTH PLAIN")).as("the challenge is not the end of AUTH").isEqualTo("+ ");
            assertThat(after.hits()).isZero();
            assertThat(pop.command(credentials)).isEqualTo("+OK maildrop locked and ready, 2 messages");
            assertThat(pop.line()).as("then the rule ends the connection").isNull();
        }
        assertThat(after.hits()).isEqualTo(1);
        after.remove();
        assertMaildropIntactForTheNextSession();
    }

    @Test
    void delayWaitsBeforeTheReplyAndTheTranscriptTellsHowLong() throws Exception {
        FaultHandle delay = server.faults().pop3(Trigger.command("STAT")).delay(Duration.ofMillis(300));
        FaultHandle uniform = server.faults().pop3(Trigger.command("NOOP")).delayUniform(Duration.ofMillis(100),
                Duration.ofMillis(200));
        try (Raw pop = loggedIn()) {
            long start = System.nanoTime();
            assertThat(pop.command("STAT")).isEqualTo("+OK 2 " + (M1.length() + M2.length()));
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(290L, 3_000L);
            start = System.nanoTime();
            assertThat(pop.command("NOOP")).isEqualTo("+OK");
            long noop = (System.nanoTime() - start) / 1_000_000;
            List<String> lines = events(server, "POP3");
            assertThat(lines).contains("fault #" + delay.id() + " hit 1: pop3 STAT -> delay 300ms (waiting 300 ms)");
            String uniformLine = lines.stream().filter(line -> line.startsWith("fault #" + uniform.id() + " hit 1: "))
                    .findFirst().orElseThrow();
            assertThat(uniformLine).startsWith("fault #" + uniform.id() + " hit 1: pop3 NOOP -> delay 100ms..200ms");
            Matcher waited = WAITING.matcher(uniformLine);
            assertThat(waited.find()).isTrue();
            long planned = Long.parseLong(waited.group(1));
            assertThat(planned).isBetween(100L, 200L);
            assertThat(noop).isBetween(planned - 10, planned + 2_000);
        }
    }

    @Test
    void delayAtConnectHoldsTheGreeting() throws Exception {
        server.faults().addText("pop3 connect -> delay 300ms");
        long start = System.nanoTime();
        try (Raw pop = connect()) {
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(290);
            assertThat(pop.command("QUIT")).isEqualTo("+OK fakemail POP3 server signing off");
        }
    }

    @Test
    void budgetsTimesOccurrenceAndProbabilityExtremes() throws Exception {
        String ok = "+OK 2 " + (M1.length() + M2.length());
        try (Raw pop = loggedIn()) {
            FaultHandle twice = server.faults().pop3(Trigger.command("STAT")).times(2).reply(451, "twice");
            pop.expectReplies(
                    "STAT", "-ERR [SYS/TEMP] twice",
                    "STAT", "-ERR [SYS/TEMP] twice",
                    "STAT", ok);
            assertThat(twice.occurrences()).isEqualTo(3);
            assertThat(twice.hits()).isEqualTo(2);
            twice.remove();

            FaultHandle second = server.faults().pop3(Trigger.command("STAT")).onlyOccurrence(2).reply(451, "second");
            pop.expectReplies(
                    "STAT", ok,
                    "STAT", "-ERR [SYS/TEMP] second",
                    "STAT", ok,
                    "STAT", ok);
            assertThat(second.hits()).isEqualTo(1);
            second.remove();

            FaultHandle never = server.faults().pop3(Trigger.command("STAT")).withProbability(0).reply(451, "never");
            FaultHandle always = server.faults().pop3(Trigger.command("NOOP")).withProbability(1).reply(451, "always");
            for (int i = 0; i < 5; i++) {
                pop.expectReplies(
                        "STAT", ok,
                        "NOOP", "-ERR [SYS/TEMP] always");
            }
            assertThat(never.hits()).isZero();
            assertThat(always.hits()).isEqualTo(5);
        }
    }

    @Test
    void sessionScopeAppliesToThatSessionOnly() throws Exception {
        try (Raw first = loggedIn()) {
            long firstId = newestTranscript(server, "POP3").sessionId();
            try (Raw other = connect()) {
                server.faults().pop3(Trigger.command("NOOP")).forSession(firstId).reply(451, "only you");
                assertThat(other.command("USER x@example.test")).isEqualTo("+OK send PASS");
                assertThat(other.command("PASS pw")).startsWith("+OK");
                assertThat(other.command("NOOP")).isEqualTo("+OK");
                assertThat(first.command("NOOP")).isEqualTo("-ERR [SYS/TEMP] only you");
            }
        }
    }

    @Test
    void handlesCountAndRemoveAndTranscriptsAndListenersSeeHits() throws Exception {
        List<FaultHit> hits = new CopyOnWriteArrayList<>();
        AutoCloseable subscription = server.faults().subscribe(hits::add);
        FaultHandle busy = server.faults().pop3(Trigger.command("RETR", "2")).reply(451, "busy");
        assertThat(busy.id()).isPositive();
        assertThat(busy.rule()).isEqualTo(FaultRule.parse("pop3 RETR 2 -> reply 451 \"busy\""));
        assertThat(server.faults().rules()).containsExactly(busy);
        assertThat(server.faults().rule(busy.id())).contains(busy);
        assertThat(server.faults().seed()).isEqualTo(42);

        long sessionId;
        try (Raw pop = loggedIn()) {
            sessionId = newestTranscript(server, "POP3").sessionId();
            pop.expectReplies(
                    "RETR 2", "-ERR [SYS/TEMP] busy",
                    "RETR 2", "-ERR [SYS/TEMP] busy");
            subscription.close();
            assertThat(pop.command("RETR 2")).isEqualTo("-ERR [SYS/TEMP] busy");
        }
        assertThat(busy.occurrences()).isEqualTo(3);
        assertThat(busy.hits()).isEqualTo(3);
        assertThat(hits).hasSize(2);
        assertThat(hits.get(0).ruleId()).isEqualTo(busy.id());
        assertThat(hits.get(0).hit()).isEqualTo(1);
        assertThat(hits.get(1).hit()).isEqualTo(2);
        assertThat(hits.get(0).sessionId()).isEqualTo(sessionId);
        assertThat(hits.get(0).protocol()).isEqualTo(Protocol.POP3);
        assertThat(hits.get(0).description()).isEqualTo("pop3 RETR 2 -> reply 451 \"busy\"");

        List<String> lines = events(server, "POP3");
        assertThat(lines).contains("fault rules: 1, seed 42");
        List<String> hitLines = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("fault #")) {
                hitLines.add(line);
            }
        }
        assertThat(hitLines).containsExactly(
                "fault #" + busy.id() + " hit 1: pop3 RETR 2 -> reply 451 \"busy\"",
                "fault #" + busy.id() + " hit 2: pop3 RETR 2 -> reply 451 \"busy\"",
                "fault #" + busy.id() + " hit 3: pop3 RETR 2 -> reply 451 \"busy\"");

        assertThat(busy.isActive()).isTrue();
        assertThat(busy.remove()).isTrue();
        assertThat(busy.remove()).isFalse();
        assertThat(busy.isActive()).isFalse();
        assertThat(server.faults().rules()).isEmpty();
        assertThat(server.faults().rule(busy.id())).isEmpty();
        assertThat(server.faults().remove(busy.id())).isFalse();
        try (Raw pop = loggedIn()) {
            assertThat(pop.multiLineText("RETR 2")).isEqualTo(new String(retrResponse(M2), StandardCharsets.US_ASCII));
        }
        assertThat(newestTranscript(server, "POP3").lines()).noneMatch(line -> line.text().startsWith("fault"));
    }
}
