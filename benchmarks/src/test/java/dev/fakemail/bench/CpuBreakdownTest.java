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
    void givesEachSampleToTheInnermostFrameOfTheServersCodeAndSplitsOffTheKernel() {
        CpuBreakdown sessions = CpuBreakdown.parse(STACKS, "fakemail-session", "dev/fakemail/");

        assertThat(sessions.samples()).isEqualTo(950); // the compiler thread, the junk lines left out
        // 1 ms samples over 100,000 messages: 10 µs each
        assertThat(sessions.describe(1_000, 100_000)).isEqualTo("9.5 (kernel 6.0): internal/net 6.0 (k 6.0)"
                + " · internal/store 2.0 · internal/journal 1.0 · (outside) 0.5");
    }

    @Test
    void anEmptyPrefixTakesEveryThread() {
        CpuBreakdown all = CpuBreakdown.parse(STACKS, "", "dev/fakemail/");

        assertThat(all.samples()).isEqualTo(1_850);
        assertThat(all.describe(1_000, 1_000_000)).startsWith("1.9 (kernel 0.6): (outside) 1.0 · internal/net 0.6");
    }

    @Test
    void partsTooSmallToShowAreLeftOutAndNoMessagesMeansNothingToSay() {
        CpuBreakdown sessions = CpuBreakdown.parse(STACKS, "fakemail-session", "dev/fakemail/");

        assertThat(sessions.describe(1_000, 10_000_000)).isEqualTo("0.1 (kernel 0.1): internal/net 0.1 (k 0.1)");
        assertThat(sessions.describe(1_000, 0)).isEqualTo("no samples");
        assertThat(CpuBreakdown.parse(List.of(), "x", "dev/fakemail/").describe(1_000, 10)).isEqualTo("no samples");
        assertThat(CpuBreakdown.micros(3, 1_000, 0)).isNaN();
    }
}
