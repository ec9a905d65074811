package dev.fakemail.fault;

import static dev.fakemail.fault.FaultTestClients.ALICE;
import static dev.fakemail.fault.FaultTestClients.BOB;
import static dev.fakemail.testing.Stores.deliver;
import static dev.fakemail.testing.Transcripts.newestTranscript;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.fault.FaultTestClients.Raw;
import dev.fakemail.fault.SmtpFaultSupport.Client;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Property: delays and stalls park only the affected connection. While one POP3 connection waits out a 5 s
 * delay, another is stalled for 5 s and an SMTP connection waits 5 s at RCPT, other connections (old and new,
 * both protocols) keep their speed.
 */
@Timeout(30)
class FaultPropertiesIsolationTest {
    private static final String M = "Subject: iso\r\n\r\nbody\r\n";

    private FakeMailServer server;

    /** One thread per waiting client: the common pool may have a single worker on two cores. */
    private final java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        clients.shutdownNow();
        if (server != null) {
            server.close();
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Waits until the rule has fired: a hit is recorded before its delay or stall begins. */
    private static void awaitHit(FaultHandle rule) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (rule.hits() == 0) {
            assertThat(System.nanoTime()).as("rule %s never fired", rule.rule()).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void delayedAndStalledConnectionsDoNotSlowOtherSessions() throws Exception {
        server = FakeMailServer.builder().build().start();
        deliver(server, BOB, M);
        deliver(server, ALICE, M);
        deliver(server, "carol@example.test", M);

        Raw delayed = Raw.connect(server);
        delayed.line();
        delayed.login(BOB, "pw");
        long delayedId = newestTranscript(server, "POP3").sessionId();
        Raw stalled = Raw.connect(server);
        stalled.line();
        stalled.login(ALICE, "pw");
        long stalledId = newestTranscript(server, "POP3").sessionId();
        Client smtpDelayed = Client.connect(server);
        smtpDelayed.reply();
        smtpDelayed.command("EHLO slow.test");
        smtpDelayed.command("MAIL FROM:<a@example.test>");
        long smtpDelayedId = newestTranscript(server, "SMTP").sessionId();
        Raw fast = Raw.connect(server);
        fast.line();
        fast.login("carol@example.test", "pw");
        Client smtpFast = Client.connect(server);
        smtpFast.reply();
        smtpFast.command("EHLO fast.test");

        // A fourth victim: its greeting waits 5 s (on its own thread, not the accept loop).
        FaultHandle connectDelay = server.faults().pop3(Trigger.connect()).forNextConnection()
                .delay(Duration.ofSeconds(5));
        Raw greetingDelayed = Raw.connect(server);
        CompletableFuture<String> greeting = CompletableFuture.supplyAsync(() -> call(greetingDelayed::line), clients);
        awaitHit(connectDelay);

        // Server-wide triggers a fast connection also uses, scoped to the victims' sessions.
        FaultHandle delay = server.faults().pop3(Trigger.command("STAT")).forSession(delayedId)
                .delay(Duration.ofSeconds(5));
        FaultHandle stall = server.faults().pop3(Trigger.command("STAT")).forSession(stalledId)
                .stall(Duration.ofSeconds(5));
        FaultHandle smtpDelay = server.faults().smtp(Trigger.rcptTo("*")).forSession(smtpDelayedId)
                .delay(Duration.ofSeconds(5));

        long start = System.nanoTime();
        CompletableFuture<String> delayedReply = CompletableFuture.supplyAsync(() -> call(() -> delayed.command("STAT")), clients);
        CompletableFuture<String> stalledReply = CompletableFuture.supplyAsync(() -> call(() -> stalled.command("STAT")), clients);
        CompletableFuture<String> smtpReply = CompletableFuture.supplyAsync(
                () -> call(() -> smtpDelayed.command("RCPT TO:<b@example.test>")), clients);
        awaitHit(delay);
        awaitHit(stall);
        awaitHit(smtpDelay);

        long fastStart = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            fast.expectReplies(
                    "STAT", "+OK 1 " + M.length(),
                    "NOOP", "+OK");
        }
        long popRoundTrips = millisSince(fastStart);
        long smtpStart = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            assertThat(smtpFast.command("NOOP")).isEqualTo("250 2.0.0 Ok\r\n");
        }
        long smtpRoundTrips = millisSince(smtpStart);
        long newStart = System.nanoTime();
        try (Raw fresh = Raw.connect(server)) {
            assertThat(fresh.line()).startsWith("+OK");
            assertThat(fresh.command("QUIT")).startsWith("+OK");
        }
        long newConnection = millisSince(newStart);

        assertThat(delayedReply).as("the delayed one is still waiting").isNotDone();
        assertThat(stalledReply).isNotDone();
        assertThat(smtpReply).isNotDone();
        assertThat(greeting).isNotDone();
        System.out.printf("isolation: 20 POP3 round trips %d ms, 20 SMTP round trips %d ms, new POP3 session %d ms"
                + " (while 4 connections were parked)%n", popRoundTrips, smtpRoundTrips, newConnection);
        assertThat(popRoundTrips).as("20 POP3 round trips beside parked connections").isLessThan(1_000);
        assertThat(smtpRoundTrips).as("20 SMTP round trips beside parked connections").isLessThan(1_000);
        assertThat(newConnection).isLessThan(1_000);

        assertThat(delayedReply.get(10, TimeUnit.SECONDS)).isEqualTo("+OK 1 " + M.length());
        long delayedMillis = millisSince(start);
        assertThat(stalledReply.get(10, TimeUnit.SECONDS)).as("a timed stall closes without a word").isNull();
        long stalledMillis = millisSince(start);
        assertThat(smtpReply.get(10, TimeUnit.SECONDS)).isEqualTo("250 2.1.5 Ok\r\n");
        assertThat(greeting.get(10, TimeUnit.SECONDS)).startsWith("+OK fakemail POP3 server ready");
        System.out.printf("isolation: delayed STAT answered after %d ms, stalled connection closed after %d ms%n",
                delayedMillis, stalledMillis);
        assertThat(delayedMillis).isBetween(4_900L, 12_000L);
        assertThat(stalledMillis).isBetween(4_900L, 12_000L);
        delayed.close();
        stalled.close();
        smtpDelayed.close();
        fast.close();
        smtpFast.close();
        greetingDelayed.close();
    }

    interface IoCall<T> {
        T call() throws Exception;
    }

    private static <T> T call(IoCall<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
