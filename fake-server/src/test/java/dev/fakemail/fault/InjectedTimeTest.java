package dev.fakemail.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.fault.SmtpFaultSupport.Client;
import dev.fakemail.journal.Transcript;
import dev.fakemail.testing.Transcripts;
import dev.fakemail.testsupport.ManualClock;
import dev.fakemail.journal.TranscriptLine;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The clock and the sleeper given to the builder reach every time-dependent part: a sleeper that only moves
 * the clock lets a five-minute greylisting window pass in a moment, and transcripts and retention read the
 * same clock.
 */
class InjectedTimeTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2030-06-01T12:00:00Z"));
    private final List<Long> slept = new CopyOnWriteArrayList<>();
    private final Sleeper sleeper = millis -> {
        slept.add(millis);
        clock.advance(Duration.ofMillis(millis));
    };

    @Test
    void aGreylistWindowPassesWhileTheSleeperOnlyMovesTheClock() throws IOException {
        long started = System.nanoTime();
        try (FakeMailServer server = SmtpFaultSupport.builder().clock(clock).sleeper(sleeper)
                .faults("smtp rcpt * -> greylist 5m; smtp after rcpt -> delay 5m times 1").build().start();
                Client client = Client.connect(server)) {
            client.hello();
            assertThat(client.command("MAIL FROM:<shop@example.test>")).isEqualTo("250 2.1.0 Ok\r\n");
            assertThat(client.command("RCPT TO:<bob@example.test>"))
                    .isEqualTo("451 4.7.1 Greylisted, please try again in 300 seconds\r\n");
            // The delay after that reply is "slept" by moving the clock five minutes: the retry passes.
            assertThat(client.command("RCPT TO:<bob@example.test>")).isEqualTo("250 2.1.5 Ok\r\n");
            assertThat(slept).containsExactly(Duration.ofMinutes(5).toMillis());

            Transcript transcript = Transcripts.transcriptOf(server, client);
            assertThat(transcript.started()).isEqualTo(Instant.parse("2030-06-01T12:00:00Z"));
            List<TranscriptLine> lines = transcript.lines();
            assertThat(lines.get(lines.size() - 1).time()).isEqualTo(Instant.parse("2030-06-01T12:05:00Z"));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void retentionByAgeReadsTheInjectedClock() throws IOException {
        try (FakeMailServer server = SmtpFaultSupport.builder().clock(clock).maxAge(Duration.ofHours(1)).build()
                .start(); Client client = Client.connect(server)) {
            client.hello();
            assertThat(client.sendMessage("shop@example.test", "bob@example.test", "Kept for an hour"))
                    .startsWith("250 2.0.0 Ok");
            assertThat(server.messages()).hasSize(1);
            assertThat(server.messages().get(0).receivedAt()).isEqualTo(Instant.parse("2030-06-01T12:00:00Z"));

            clock.advance(Duration.ofMinutes(59));
            assertThat(server.messages()).hasSize(1);
            clock.advance(Duration.ofMinutes(2));
            assertThat(server.messages()).isEmpty();
        }
    }
}
