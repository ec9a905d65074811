package dev.fakemail.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** async-profiler loaded into another JVM with jcmd, started and stopped around a run, its stacks read back. */
class AsyncProfilerTest {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @Test
    @Timeout(60)
    void profilesTheSessionThreadsOfAnotherJvm(@TempDir Path dir) throws Exception {
        assumeTrue(AsyncProfiler.isAvailable(), "async-profiler is built for Linux x64 only");
        List<String> command = new ArrayList<>(List.of(JAVA.toString()));
        command.addAll(AsyncProfiler.SERVER_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BusySessionMain.class.getName()));
        Process server = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            BufferedReader output = new BufferedReader(
                    new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            assertThat(output.readLine()).isEqualTo("ready");
            AsyncProfiler profiler = AsyncProfiler.forServers(JAVA, dir);
            Path stacks = dir.resolve("busy.collapsed");

            profiler.start(server.pid());
            Thread.sleep(1_500);
            profiler.stop(server.pid(), stacks);

            CpuBreakdown breakdown = CpuBreakdown.read(stacks, "fakemail-session", "dev/fakemail/");
            // 1.5 s of a busy thread, sampled at the kernel's tick (1-10 ms): 150 to 1,500 samples
            assertThat(breakdown.sessionSamples()).isGreaterThan(100);
            assertThat(breakdown.sessionSamples()).isGreaterThan(breakdown.samples() / 2);
            assertThat(breakdown.describe(10.0, 0.0)).startsWith("10.0 (kernel 0.0): bench ");
            assertThat(Files.readString(stacks)).contains("dev/fakemail/bench/BusySessionMain.spin");
        } finally {
            server.getOutputStream().close();
            server.destroy();
            server.waitFor();
        }
    }
}
