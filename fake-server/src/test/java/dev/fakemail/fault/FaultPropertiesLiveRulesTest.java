package dev.fakemail.fault;

import static dev.fakemail.fault.FaultTestClients.BOB;
import static dev.fakemail.testing.Stores.deliver;
import static dev.fakemail.testing.Transcripts.allTranscripts;
import static dev.fakemail.testing.Transcripts.awaitSessionsEnded;
import static dev.fakemail.testing.Transcripts.events;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.fault.FaultTestClients.Raw;
import dev.fakemail.fault.SmtpFaultSupport.Client;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.testing.ClosesServers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Properties: rules added and removed while sessions run take effect at the session's next command; 50
 * concurrent sessions with rules churning underneath lose nothing and break nothing; {@code reset()} removes
 * every added rule and brings back the builder's rules with fresh budgets.
 */
@Timeout(60)
@ExtendWith(ClosesServers.class)
class FaultPropertiesLiveRulesTest {
    private static final String M = "Subject: live\r\n\r\nbody\r\n";

    private FakeMailServer server;

    @Test
    void rulesAddedAndRemovedDuringAnOpenSessionApplyAtItsNextCommand() throws Exception {
        server = FakeMailServer.builder().build().start();
        deliver(server, BOB, M);
        String stat = "+OK 1 " + M.length();
        try (Raw pop = Raw.connect(server); Client smtp = Client.connect(server)) {
            pop.line();
            pop.login(BOB, "pw");
            smtp.reply();
            smtp.command("EHLO live.test");
            assertThat(pop.command("STAT")).isEqualTo(stat);
            assertThat(smtp.command("NOOP")).isEqualTo("250 2.0.0 Ok\r\n");

            FaultHandle popRule = server.faults().pop3(Trigger.command("STAT")).reply(451, "added live");
            List<FaultHandle> smtpRules = server.faults().addText("smtp NOOP -> reply 452 4.3.1 \"added live\"");
            assertThat(pop.command("STAT")).isEqualTo("-ERR [SYS/TEMP] added live");
            assertThat(smtp.command("NOOP")).isEqualTo("452 4.3.1 added live\r\n");
            assertThat(pop.command("STAT")).isEqualTo("-ERR [SYS/TEMP] added live");

            assertThat(popRule.remove()).isTrue();
            assertThat(server.faults().remove(smtpRules.get(0).id())).isTrue();
            assertThat(pop.command("STAT")).isEqualTo(stat);
            assertThat(smtp.command("NOOP")).isEqualTo("250 2.0.0 Ok\r\n");

            server.faults().pop3(Trigger.command("STAT")).reply(451, "before clear");
            assertThat(pop.command("STAT")).isEqualTo("-ERR [SYS/TEMP] before clear");
            server.faults().clear();
            assertThat(pop.command("STAT")).isEqualTo(stat);
        }
    }

    @Test
    void resetRemovesAddedRulesAndRestoresTheBuilderRules() throws Exception {
        FaultRule configured = FaultRule.parse("pop3 STAT -> reply 451 \"configured\" times 1");
        server = FakeMailServer.builder().fault(configured).faults("pop3 LIST -> reply 452 \"configured text\"")
                .build().start();
        deliver(server, BOB, M);
        List<FaultHandle> initial = server.faults().rules();
        assertThat(initial).extracting(FaultHandle::rule)
                .containsExactly(configured, FaultRule.parse("pop3 LIST -> reply 452 \"configured text\""));

        try (Raw pop = Raw.connect(server)) {
            pop.line();
            pop.login(BOB, "pw");
            FaultHandle added = server.faults().pop3(Trigger.command("NOOP")).reply(451, "added");
            assertThat(pop.command("STAT")).isEqualTo("-ERR [SYS/TEMP] configured");
            assertThat(pop.command("STAT")).as("the budget of 1 is spent").isEqualTo("+OK 1 " + M.length());
            pop.expectReplies(
                    "NOOP", "-ERR [SYS/TEMP] added",
                    "LIST", "-ERR [SYS/TEMP] configured text");

            server.reset(); // while the session is open
            assertThat(added.isActive()).isFalse();
            assertThat(initial).allMatch(handle -> !handle.isActive());
            assertThat(server.faults().rules()).extracting(FaultHandle::rule)
                    .containsExactly(configured, FaultRule.parse("pop3 LIST -> reply 452 \"configured text\""));
            assertThat(server.faults().rules()).allMatch(handle -> handle.occurrences() == 0 && handle.hits() == 0);

            assertThat(pop.command("NOOP")).as("the added rule is gone").isEqualTo("+OK");
            assertThat(pop.command("STAT")).as("the builder's rule is back with a fresh budget")
                    .isEqualTo("-ERR [SYS/TEMP] configured");
            pop.expectReplies(
                    "STAT", "+OK 1 " + M.length(),
                    "LIST", "-ERR [SYS/TEMP] configured text");
        }
    }

    @Test
    void resetForgetsRateLimitState() throws Exception {
        server = FakeMailServer.builder().faults("smtp NOOP -> rate-limit 1/1h").build().start();
        try (Client smtp = Client.connect(server)) {
            smtp.reply();
            smtp.expectReplies(
                    "NOOP", "250 2.0.0 Ok",
                    "NOOP", "451 4.7.1 Rate limit exceeded, try again later");
            server.reset();
            smtp.expectReplies(
                    "NOOP", "250 2.0.0 Ok",
                    "NOOP", "451 4.7.1 Rate limit exceeded, try again later");
        }
    }

    /** What one client transaction ended with. */
    private enum Outcome { ACCEPTED, REFUSED }

    @Test
    void fiftyConcurrentSessionsWhileRulesChurnLoseNothing() throws Exception {
        server = FakeMailServer.builder().faultSeed(11).build().start();
        // Rules that answer or slow down, never ones that cut connections: every client must finish cleanly.
        List<String> churn = List.of(
                "smtp RCPT -> reply 451 4.3.0 \"churn rcpt\" probability 0.3",
                "smtp MAIL -> delay 0ms..5ms",
                "smtp data-end -> reply 452 4.3.1 \"churn data\" probability 0.2",
                "smtp connect -> delay 2ms",
                "smtp capabilities -> hide PIPELINING",
                "smtp EHLO -> throttle 1000000",
                "smtp * -> slice 4096 1ms",
                "pop3 STAT -> reply 451 \"not this one\"");
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger changes = new AtomicInteger();
        List<Throwable> churnErrors = Collections.synchronizedList(new ArrayList<>());
        ConcurrentLinkedQueue<Object> hitsSeen = new ConcurrentLinkedQueue<>();
        Thread churner = new Thread(() -> {
            Random random = new Random(5);
            try {
                while (running.get()) {
                    int action = random.nextInt(10);
                    List<FaultHandle> rules = server.faults().rules();
                    if (action < 5) {
                        server.faults().addText(churn.get(random.nextInt(churn.size())));
                    } else if (action < 9 && !rules.isEmpty()) {
                        rules.get(random.nextInt(rules.size())).remove();
                    } else if (action == 9) {
                        try (AutoCloseable subscription = server.faults().subscribe(hitsSeen::add)) {
                            Thread.sleep(1);
                        }
                    }
                    changes.incrementAndGet();
                    Thread.sleep(0, 200_000);
                }
            } catch (Throwable e) {
                churnErrors.add(e);
            }
        }, "rule-churn");
        churner.start();

        int sessions = 50;
        int perSession = 3;
        ExecutorService clients = Executors.newFixedThreadPool(sessions);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Map<String, Outcome>>> results = new ArrayList<>();
        try {
            for (int s = 0; s < sessions; s++) {
                int session = s;
                results.add(clients.submit(() -> {
                    go.await();
                    Map<String, Outcome> outcomes = new HashMap<>();
                    try (Client smtp = Client.connect(server)) {
                        assertThat(smtp.reply()).startsWith("220 ");
                        assertThat(smtp.command("EHLO c" + session + ".test")).startsWith("250");
                        for (int m = 0; m < perSession; m++) {
                            String subject = "s" + session + "-m" + m;
                            assertThat(smtp.command("MAIL FROM:<s" + session + "@example.test>"))
                                    .isEqualTo("250 2.1.0 Ok\r\n");
                            String rcpt = smtp.command("RCPT TO:<r" + session + "@example.test>");
                            if (!rcpt.startsWith("250")) {
                                assertThat(rcpt).isEqualTo("451 4.3.0 churn rcpt\r\n");
                                assertThat(smtp.command("RSET")).startsWith("250");
                                outcomes.put(subject, Outcome.REFUSED);
                                continue;
                            }
                            assertThat(smtp.command("DATA")).startsWith("354");
                            String reply = smtp.command("Subject: " + subject + "\r\n\r\nbody\r\n.");
                            if (reply.startsWith("250")) {
                                outcomes.put(subject, Outcome.ACCEPTED);
                            } else {
                                assertThat(reply).isEqualTo("452 4.3.1 churn data\r\n");
                                outcomes.put(subject, Outcome.REFUSED);
                            }
                        }
                        assertThat(smtp.command("QUIT")).startsWith("221");
                    }
                    return outcomes;
                }));
            }
            go.countDown();
            Map<String, Outcome> all = new HashMap<>();
            for (Future<Map<String, Outcome>> result : results) {
                all.putAll(result.get(30, TimeUnit.SECONDS)); // rethrows any client failure
            }
            running.set(false);
            churner.join(5_000);
            assertThat(churnErrors).isEmpty();
            assertThat(changes.get()).as("rules changed while the sessions ran").isGreaterThan(20);
            assertThat(all).hasSize(sessions * perSession);

            Map<String, Integer> stored = new HashMap<>();
            for (ReceivedMessage message : server.messages()) {
                stored.merge(message.subject(), 1, Integer::sum);
            }
            all.forEach((subject, outcome) -> {
                if (outcome == Outcome.ACCEPTED) {
                    assertThat(stored.get(subject)).as("acknowledged %s stored once", subject).isEqualTo(1);
                } else {
                    assertThat(stored).as("refused %s not stored", subject).doesNotContainKey(subject);
                }
            });
            assertThat(stored.values().stream().mapToInt(Integer::intValue).sum())
                    .isEqualTo((int) all.values().stream().filter(o -> o == Outcome.ACCEPTED).count());
            awaitSessionsEnded(server);
            assertThat(events(server, "SMTP")).as(allTranscripts(server))
                    .noneMatch(line -> line.startsWith("connection lost"));
        } finally {
            running.set(false);
            clients.shutdownNow();
        }
    }
}
