package dev.fakemail.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.journal.TranscriptLine;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptWriterTest {
    private final TranscriptWriter transcript = new TranscriptWriter(7, "IMAP",
            new InetSocketAddress("127.0.0.1", 4000), Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void aShortSessionKeepsEveryLineInOrder() {
        transcript.client("a1 LOGIN bob ***");
        transcript.server("a1 OK LOGIN completed");
        transcript.event("client closed the connection");

        assertThat(transcript.lines()).extracting(TranscriptLine::toString).containsExactly(
                "C: a1 LOGIN bob ***", "S: a1 OK LOGIN completed", "*: client closed the connection");
        assertThat(transcript.droppedLines()).isZero();
    }

    @Test
    void aLongSessionKeepsItsStartAndItsEndAndMarksTheGap() {
        for (int i = 1; i <= 10_000; i++) {
            transcript.client("a" + i + " NOOP");
        }
        transcript.event("client closed the connection");

        List<TranscriptLine> lines = transcript.lines();
        int kept = TranscriptWriter.HEAD_LINES + TranscriptWriter.TAIL_LINES;
        assertThat(transcript.droppedLines()).isEqualTo(10_001 - kept);
        assertThat(lines).hasSize(kept + 1);
        assertThat(lines.get(0).text()).isEqualTo("a1 NOOP");
        assertThat(lines.get(TranscriptWriter.HEAD_LINES - 1).text()).isEqualTo("a250 NOOP");
        assertThat(lines.get(TranscriptWriter.HEAD_LINES)).hasToString("*: … 9501 lines not kept …");
        assertThat(lines.get(TranscriptWriter.HEAD_LINES + 1).text()).isEqualTo("a9752 NOOP");
        assertThat(lines.get(lines.size() - 1)).hasToString("*: client closed the connection");
        assertThat(transcript.toString()).contains("  C: a250 NOOP\n  *: … 9501 lines not kept …\n  C: a9752 NOOP\n")
                .endsWith("  *: client closed the connection\n");
    }

    @Test
    void aLongReplyPastTheHeadIsCountedWithAMarkerWhereItWas() {
        for (int i = 1; i <= TranscriptWriter.HEAD_LINES; i++) {
            transcript.client("a" + i + " NOOP");
        }
        assertThat(transcript.isPastHead()).isTrue();
        transcript.client("b1 LIST \"\" *");
        transcript.skipped(10_000, "a long reply");
        transcript.server("b1 OK LIST completed");

        List<TranscriptLine> lines = transcript.lines();
        assertThat(transcript.droppedLines()).isEqualTo(10_000);
        assertThat(lines.subList(lines.size() - 3, lines.size())).extracting(TranscriptLine::toString).containsExactly(
                "C: b1 LIST \"\" *", "*: <10000 lines of a long reply not kept>", "S: b1 OK LIST completed");
    }

    @Test
    void tailLinesKeepTheirOwnTimeToTheNanosecondAndTheGapMarkerTheTimeOfTheFirstLineThatPushedOneOut() {
        Instant start = Instant.parse("2026-12-06T04:00:00.000000001Z");
        StepClock clock = new StepClock(start);
        TranscriptWriter ticking = new TranscriptWriter(8, "SMTP", new InetSocketAddress("127.0.0.1", 4000), clock);
        int total = TranscriptWriter.HEAD_LINES + TranscriptWriter.TAIL_LINES + 3; // three fall out of the tail
        for (int i = 0; i < total; i++) {
            ticking.client("line " + i);
        }

        List<TranscriptLine> lines = ticking.lines();
        // the clock is read once when the writer starts, then once a line: line i is read at start + (i + 1) steps
        assertThat(lines.get(0).time()).isEqualTo(clock.at(1));
        TranscriptLine marker = lines.get(TranscriptWriter.HEAD_LINES);
        assertThat(marker.text()).isEqualTo("… 3 lines not kept …");
        int firstPusher = TranscriptWriter.HEAD_LINES + TranscriptWriter.TAIL_LINES;
        assertThat(marker.time()).isEqualTo(clock.at(firstPusher + 1));
        List<TranscriptLine> tail = lines.subList(TranscriptWriter.HEAD_LINES + 1, lines.size());
        assertThat(tail).hasSize(TranscriptWriter.TAIL_LINES);
        for (int k = 0; k < tail.size(); k++) {
            int i = TranscriptWriter.HEAD_LINES + 3 + k;
            assertThat(tail.get(k).text()).isEqualTo("line " + i);
            assertThat(tail.get(k).direction()).isEqualTo('C');
            assertThat(tail.get(k).time()).isEqualTo(clock.at(i + 1));
        }
    }

    /** A clock that moves on by 1.000000007 s each time it is read, so every line has a time of its own. */
    private static final class StepClock extends Clock {
        private static final java.time.Duration STEP = java.time.Duration.ofSeconds(1, 7);
        private final Instant start;
        private int reads;

        StepClock(Instant start) {
            this.start = start;
        }

        Instant at(int read) {
            return start.plus(STEP.multipliedBy(read));
        }

        @Override
        public Instant instant() {
            return at(reads++);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
