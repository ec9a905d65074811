package dev.fakemail.fault;

import static dev.fakemail.fault.FaultTestClients.BOB;
import static dev.fakemail.fault.SmtpFaultSupport.RCPT_OK;
import static dev.fakemail.testing.Transcripts.events;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.FakeMailServerBuilder;
import dev.fakemail.fault.FaultTestClients.Raw;
import dev.fakemail.fault.SmtpFaultSupport.Client;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Property: with the same seed the random sequence replays. A probability budget on RCPT gives the same
 * accept/refuse sequence over 40 commands in two fresh servers (and a different seed a different one); the
 * sequence does not depend on how the commands are spread over sessions; log-normal delays replay to the
 * millisecond; and a server that was {@code reset()} replays its builder rules like a fresh one.
 */
@Timeout(30)
class FaultPropertiesReplayTest {
    private static final Pattern WAITING = Pattern.compile("\\(waiting (\\d+) ms\\)$");
    private static final int COMMANDS = 40;

    /** 'A' for each accepted RCPT, 'R' for each refused one, over {@code sessions} SMTP sessions. */
    private static String rcptSequence(FakeMailServer server, int sessions) throws Exception {
        StringBuilder sequence = new StringBuilder();
        for (int s = 0; s < sessions; s++) {
            try (Client smtp = Client.connect(server)) {
                assertThat(smtp.reply()).startsWith("220 ");
                smtp.command("EHLO replay.test");
                assertThat(smtp.command("MAIL FROM:<a@example.test>")).startsWith("250");
                for (int i = 0; i < COMMANDS / sessions; i++) {
                    String reply = smtp.command("RCPT TO:<r" + i + "@example.test>");
                    if (reply.equals(RCPT_OK)) {
                        sequence.append('A');
                    } else {
                        assertThat(reply).isEqualTo("451 4.3.0 coin says no\r\n");
                        sequence.append('R');
                    }
                }
                smtp.command("QUIT");
            }
        }
        return sequence.toString();
    }

    private static String coinFlips(long seed, int sessions) throws Exception {
        try (FakeMailServer server = FakeMailServer.builder().faultSeed(seed).build().start()) {
            server.faults().smtp(Trigger.rcptTo("*")).withProbability(0.5).reply(451, "4.3.0", "coin says no");
            return rcptSequence(server, sessions);
        }
    }

    @Test
    void probabilityBudgetReplaysWithTheSameSeed() throws Exception {
        SeededRuns.Runs<String> runs = SeededRuns.replayOnlyWithTheSameSeed(seed -> coinFlips(seed, 1), 7, 8);
        String first = runs.first();
        System.out.println("seed 7: " + first + "\nseed 8: " + runs.other());
        assertThat(first).hasSize(COMMANDS).contains("A").contains("R");
        long refused = first.chars().filter(c -> c == 'R').count();
        assertThat(refused).as("about half of 40").isBetween(8L, 32L);
        assertThat(coinFlips(7, 4)).as("the same 40 triggers spread over 4 sessions").isEqualTo(first);
    }

    @Test
    void builderRulesReplayAfterReset() throws Exception {
        FakeMailServerBuilder builder = FakeMailServer.builder().faultSeed(7)
                .faults("smtp RCPT -> reply 451 4.3.0 \"coin says no\" probability 0.5");
        String fresh;
        try (FakeMailServer server = builder.build().start()) {
            fresh = rcptSequence(server, 1);
        }
        try (FakeMailServer server = builder.build().start()) {
            assertThat(rcptSequence(server, 1)).as("a second fresh server").isEqualTo(fresh);
            server.reset();
            assertThat(rcptSequence(server, 1)).as("after reset(): back to the builder's rules, same seed")
                    .isEqualTo(fresh);
        }
    }

    private static List<Long> logNormalWaits(long seed) throws Exception {
        try (FakeMailServer server = FakeMailServer.builder().faultSeed(seed).build().start()) {
            server.faults().addText("pop3 NOOP -> delay lognormal 10ms 0.6");
            long start;
            long elapsed;
            try (Raw pop = Raw.connect(server)) {
                pop.line();
                pop.login(BOB, "pw");
                start = System.nanoTime();
                for (int i = 0; i < 12; i++) {
                    assertThat(pop.command("NOOP")).isEqualTo("+OK");
                }
                elapsed = (System.nanoTime() - start) / 1_000_000;
            }
            List<Long> waits = new ArrayList<>();
            for (String line : events(server, "POP3")) {
                if (line.startsWith("fault #")) {
                    Matcher matcher = WAITING.matcher(line);
                    assertThat(matcher.find()).as(line).isTrue();
                    waits.add(Long.parseLong(matcher.group(1)));
                }
            }
            assertThat(waits).hasSize(12);
            long sum = waits.stream().mapToLong(Long::longValue).sum();
            assertThat(elapsed).as("the delays were waited").isGreaterThanOrEqualTo(sum - 12);
            return waits;
        }
    }

    @Test
    void logNormalDelaysReplayWithTheSameSeed() throws Exception {
        SeededRuns.Runs<List<Long>> runs =
                SeededRuns.replayOnlyWithTheSameSeed(FaultPropertiesReplayTest::logNormalWaits, 7, 8);
        List<Long> first = runs.first();
        System.out.println("log-normal waits, seed 7: " + first + ", seed 8: " + runs.other());
        assertThat(first.stream().distinct().count()).as("random, not fixed").isGreaterThan(3);
        List<Long> sorted = first.stream().sorted().toList();
        assertThat(sorted.get(sorted.size() / 2)).as("median near 10 ms").isBetween(3L, 30L);
    }
}
