package dev.fakemail.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcessFaultsTest {
    @Test
    void countsTheFaultsOfTouchingFreshPages() {
        assumeTrue(Files.exists(Path.of("/proc/self/stat")), "Linux only");
        long pid = ProcessHandle.current().pid();
        long before = ProcessFaults.minor(pid);
        ByteBuffer fresh = ByteBuffer.allocateDirect(32 * 1024 * 1024); // zeroed, so touched once already
        for (int i = 0; i < fresh.capacity(); i += 4096) {
            fresh.put(i, (byte) 1);
        }
        long after = ProcessFaults.minor(pid);

        assertThat(before).isPositive();
        // 8,192 pages of 4 KiB; huge pages or a pre-faulting kernel would need fewer faults, never none
        assertThat(after - before).isGreaterThan(0);
    }

    @Test
    void aProcessThatIsGoneHasNoCount() {
        assertThat(ProcessFaults.minor(Long.MAX_VALUE)).isEqualTo(-1);
    }
}
