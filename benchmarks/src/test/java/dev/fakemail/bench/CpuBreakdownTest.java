package dev.fakemail.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading async-profiler's collapsed stacks into CPU per message by package, kernel apart. */
class CpuBreakdownTest {
    private static final List<String> STACKS = List.of(
            "[fakemail-session-1 tid=11];java/lang/Thread.run;dev/fakemail/internal/session/SessionLoop.run;"
                    + "dev/fakemail/internal/net/FrameReader.fill;java/net/Socket$SocketInputStream.read;"
                    + "__GI_read;entry_SYSCALL_64_[k];tcp_recvmsg_[k] 600",
            "[fakemail-session-2 tid=12];java/lang/Thread.run;dev/fakemail/internal/session/SessionLoop.run;"
                    + "dev/fakemail/internal/smtp/DataHandler.accept;"
                    + "dev/fakemail/internal/store/InMemoryMailStore.deliver;java/util/Arrays.fill 200",
            "[fakemail-session-1 tid=11];java/lang/Thread.run;dev/fakemail/internal/session/SessionLoop.run;"
                    + "dev/fakemail/internal/journal/TranscriptWriter.add;java/time/Clock.currentInstant 100",
            "[fakemail-session-1 tid=11];java/lang/Thread.run;JVM_Sleep 50",
            "[C2 CompilerThread0 tid=5];Compile::Compile 900",
            "not a stack line",
            "[fakemail-session-3 tid=13];dev/fakemail/internal/session/SessionLoop.run;broken count x");

    @Test
    void givesEachSessionSampleToTheInnermostFrameOfTheServersCodeAndScalesTheSharesToTheProcesssCpu() {
        CpuBreakdown breakdown = CpuBreakdown.parse(STACKS, "fakemail-session", "dev/fakemail/");

        assertThat(breakdown.samples()).isEqualTo(1_850); // the junk lines left out
        assertThat(breakdown.sessionSamples()).isEqualTo(950);
        // 37 µs of the process's CPU per message over 1,850 samples: 0.02 µs a sample
        assertThat(breakdown.describe(37.0, 20.0)).isEqualTo("37.0 (kernel 20.0): other threads 18.0"
                + " · internal/net 12.0 · internal/store 4.0 · internal/journal 2.0 · (outside) 1.0");
    }

    @Test
    void anEmptyPrefixTakesEveryThreadAsASessionThread() {
        CpuBreakdown all = CpuBreakdown.parse(STACKS, "", "dev/fakemail/");

        assertThat(all.sessionSamples()).isEqualTo(1_850);
        assertThat(all.describe(18.5, 1.0)).isEqualTo("18.5 (kernel 1.0): (outside) 9.5 · internal/net 6.0"
                + " · internal/store 2.0 · internal/journal 1.0");
    }

    @Test
    void partsTooSmallToShowAreLeftOutAndWithoutSamplesOrCpuThereIsNothingToSay() {
        CpuBreakdown breakdown = CpuBreakdown.parse(STACKS, "fakemail-session", "dev/fakemail/");

        assertThat(breakdown.describe(0.2, 0.0)).isEqualTo("0.2 (kernel 0.0): other threads 0.1 · internal/net 0.1");
        assertThat(breakdown.describe(Double.NaN, Double.NaN)).isEqualTo("no samples");
        assertThat(CpuBreakdown.parse(List.of(), "x", "dev/fakemail/").describe(5.0, 1.0)).isEqualTo("no samples");
    }
}
