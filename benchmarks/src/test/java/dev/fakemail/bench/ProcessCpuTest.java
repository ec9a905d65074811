package dev.fakemail.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A process's user and system time from /proc, as the profiled runs scale their samples by it. */
class ProcessCpuTest {
    @Test
    void readsThisProcessesCpuTimeWhichGrowsWithWork() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux only");
        long pid = ProcessHandle.current().pid();

        long[] before = ProcessCpu.userAndSystemMicros(pid);
        long checksum = 0;
        long until = System.nanoTime() + 300_000_000L;
        while (System.nanoTime() < until) { // 0.3 s of user time, far more than the 10 ms tick
            checksum += Long.toString(checksum).hashCode();
        }
        long[] after = ProcessCpu.userAndSystemMicros(pid);

        assertThat(before).hasSize(2);
        assertThat(after[0] - before[0]).isGreaterThanOrEqualTo(100_000);
        assertThat(after[1]).isGreaterThanOrEqualTo(before[1]);
        assertThat(checksum).isNotZero();
    }

    @Test
    void aProcessThatIsGoneHasNoTimes() throws Exception {
        Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-version").redirectErrorStream(true).start();
        gone.getInputStream().readAllBytes();
        gone.waitFor();

        assertThat(ProcessCpu.userAndSystemMicros(gone.pid())).isNull();
    }
}
