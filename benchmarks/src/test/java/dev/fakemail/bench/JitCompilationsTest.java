package dev.fakemail.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a JVM's JIT compilations for the standalone benchmark's warm-up, and the warm-up's summary. */
class JitCompilationsTest {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @Test
    void readsTheCompiledColumnOfJstatsOutput() {
        String output = "Compiled Failed Invalid   Time   FailedType FailedMethod\n"
                + "    1337      0       2     4.21          0             \n";

        assertThat(JitCompilations.parse(output)).isEqualTo(1337);
        assertThat(JitCompilations.parse("12345 not found\n")).isEqualTo(-1);
        assertThat(JitCompilations.parse("")).isEqualTo(-1);
    }

    @Test
    void countsTheCompilationsOfARunningJvmAndTheyOnlyGrow() {
        JitCompilations jit = JitCompilations.besideJava(JAVA);
        assertThat(jit).as("jstat beside " + JAVA).isNotNull();
        long pid = ProcessHandle.current().pid();

        long first = jit.compiledMethods(pid);
        long checksum = 0;
        for (int i = 0; i < 2_000_000; i++) { // hot enough to be compiled by now, if it was not already
            checksum += Long.toString(i).hashCode();
        }
        long second = jit.compiledMethods(pid);

        assertThat(first).isPositive(); // starting the test runner compiled hundreds of methods
        assertThat(second).isGreaterThanOrEqualTo(first);
        assertThat(checksum).isNotZero();
    }

    @Test
    void aProcessThatIsGoneHasNoCount() throws Exception {
        Process gone = new ProcessBuilder(JAVA.toString(), "-version").redirectErrorStream(true).start();
        gone.getInputStream().readAllBytes();
        gone.waitFor();

        assertThat(JitCompilations.besideJava(JAVA).compiledMethods(gone.pid())).isEqualTo(-1);
    }

    @Test
    void theSummaryGivesEachServersTimePerModeAndProcessAndSaysWhatDidNotSettle() {
        StandaloneOptions options = new StandaloneOptions();
        List<StandaloneLoad.WarmUp> warmUps = List.of(
                new StandaloneLoad.WarmUp("fakemail", LoadMode.SESSION, Duration.ofSeconds(10), 2, 3, true),
                new StandaloneLoad.WarmUp("fakemail", LoadMode.PIPELINED, Duration.ofSeconds(35), 7, 8, true),
                new StandaloneLoad.WarmUp("sink", LoadMode.SESSION, Duration.ofSeconds(10), 2, 0, true),
                new StandaloneLoad.WarmUp("fakemail", LoadMode.SESSION, Duration.ofSeconds(15), 3, 9, true),
                new StandaloneLoad.WarmUp("fakemail", LoadMode.PIPELINED, Duration.ofSeconds(60), 12, 31, false));

        String summary = StandaloneLoad.warmUpSummary(warmUps, options);

        assertThat(summary).contains("at most 60 s per mode")
                .contains("- fakemail: " + LoadMode.SESSION.id + " 10 · 15 s, " + LoadMode.PIPELINED.id
                        + " 35 · 60 s (not settled in 1)")
                .contains("- sink: " + LoadMode.SESSION.id + " 10 s");
        assertThat(StandaloneLoad.warmUpSummary(List.of(), options)).isEmpty();
    }
}
