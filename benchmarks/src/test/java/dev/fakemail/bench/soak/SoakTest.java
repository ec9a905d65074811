package dev.fakemail.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.bench.soak.Ledger.Count;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A short soak on every build, so the soak (bench/run.sh --soak, minutes long) keeps working and a lost,
 * half-stored or stuck message shows up early. The figures asserted are correctness, not speed: every path the
 * faults and the clients take must have been taken at least once, and nothing may be wrong.
 */
class SoakTest {
    @Test
    void tenSecondsOfAllThreeProtocolsWithRandomFaultsLoseNothingAndReleaseEverything() throws Exception {
        SoakReport report = new SoakRun(SoakSettings.defaults().withDuration(Duration.ofSeconds(10))).run();

        assertThat(report.violations()).as(report.markdown()).isEmpty();
        assertThat(report.passed()).isTrue();
        assertThat(report.count(Count.SMTP_ACKNOWLEDGED)).as("messages sent").isGreaterThan(100);
        assertThat(report.count(Count.STORED_VERIFIED)).as("stored copies checked octet for octet")
                .isGreaterThanOrEqualTo(report.count(Count.SMTP_ACKNOWLEDGED));
        assertThat(report.count(Count.SMTP_ABORTED)).as("clients vanishing mid-message").isPositive();
        assertThat(report.count(Count.SMTP_NO_REPLY)).as("data-end faults leaving the client without reply")
                .isPositive();
        assertThat(report.count(Count.POP3_RETR_VERIFIED)).as("POP3 copies checked").isPositive();
        assertThat(report.count(Count.IMAP_APPEND_ACKNOWLEDGED)).as("IMAP appends").isPositive();
        assertThat(report.count(Count.IMAP_FETCH_VERIFIED)).as("IMAP copies checked").isPositive();
        assertThat(report.count(Count.CONNECTIONS_ENDED_EARLY)).as("connections cut by faults").isPositive();
    }
}
