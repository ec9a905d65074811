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
}
