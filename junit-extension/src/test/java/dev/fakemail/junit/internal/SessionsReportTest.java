package dev.fakemail.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.internal.journal.TranscriptWriter;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Scripted faults in failure messages. The core writes a session's fault rules and every hit into its
 * transcript as event lines ("fault rules: ...", "fault #id hit n: ..."); the failure names the hits of a
 * session that delivered nothing and shows its transcript verbatim.
 */
class SessionsReportTest {
    private static final Instant NOW = Instant.parse("2030-01-02T03:04:05Z");

    @Test
    void faultHitsAreNamedInTheSessionLineAndShownInTheTranscript() {
        TranscriptWriter session = new TranscriptWriter(7, "SMTP", new InetSocketAddress("127.0.0.1", 50007),
                Clock.fixed(NOW, ZoneOffset.UTC));
        session.event("fault rules: 2, seed 42");
        session.server("220 localhost ESMTP fakemail");
        session.client("MAIL FROM:<shop@example.test>");
        session.server("250 2.1.0 Ok");
        session.client("RCPT TO:<bob@example.test>");
        session.event("fault #1 hit 1: rcpt to bob@example.test -> reply 451 4.3.0 Try again later");
        session.server("451 4.3.0 Try again later");
        session.client("RCPT TO:<carol@example.test>");
        session.event("fault #2 hit 1: rcpt -> reply 452 4.5.3 Too many recipients");
        session.server("452 4.5.3 Too many recipients");
        session.client("QUIT");
        session.server("221 2.0.0 localhost Bye");

        String report = SessionsReport.of(new ServerSnapshot(List.of(), List.of(session), List.of()), Set.of());

        String header = "SMTP session 7 from /127.0.0.1:50007 at 2030-01-02T03:04:05Z: delivered nothing;"
                + " fault #1 hit 1: rcpt to bob@example.test -> reply 451 4.3.0 Try again later (and 1 more fault"
                + " hits); last error reply 452 4.5.3 Too many recipients";
        assertThat(report).isEqualTo("\n\nSMTP sessions:\n  " + header + "\n\n" + header
                + "\n  *: fault rules: 2, seed 42"
                + "\n  S: 220 localhost ESMTP fakemail"
                + "\n  C: MAIL FROM:<shop@example.test>"
                + "\n  S: 250 2.1.0 Ok"
                + "\n  C: RCPT TO:<bob@example.test>"
                + "\n  *: fault #1 hit 1: rcpt to bob@example.test -> reply 451 4.3.0 Try again later"
                + "\n  S: 451 4.3.0 Try again later"
                + "\n  C: RCPT TO:<carol@example.test>"
                + "\n  *: fault #2 hit 1: rcpt -> reply 452 4.5.3 Too many recipients"
                + "\n  S: 452 4.5.3 Too many recipients"
                + "\n  C: QUIT"
                + "\n  S: 221 2.0.0 localhost Bye");
    }

    @Test
    void sessionStartsAreShownToTheSecondAsInTheDocs() {
        TranscriptWriter session = new TranscriptWriter(3, "SMTP", new InetSocketAddress("127.0.0.1", 50003),
                Clock.fixed(Instant.parse("2030-01-02T03:04:05.123456789Z"), ZoneOffset.UTC));
        session.client("QUIT");

        String report = SessionsReport.of(new ServerSnapshot(List.of(), List.of(session), List.of()), Set.of());

        assertThat(report).contains("SMTP session 3 from /127.0.0.1:50003 at 2030-01-02T03:04:05Z: delivered nothing");
    }

    @Test
    void withoutEndpointsTheHintSpeaksOfThisServer() {
        assertThat(SessionsReport.of(new ServerSnapshot(List.of(), List.of(), List.of()), Set.of()))
                .isEqualTo("\n\nNo SMTP session was opened on this server. Is the code under test sending to this"
                        + " host and port?");
    }
}
