package dev.fakemail.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Linux's {@code /proc/PID/stat}, the counters the standalone benchmark reads of its server processes. */
final class ProcStat {
    private ProcStat() {
    }

    /**
     * The fields after the command name, which is in parentheses and may hold spaces: element 0 is field 3 (state),
     * element N is field N + 3 (proc(5)). Null where there is no {@code /proc} (not Linux) or the process has gone.
     */
    static String[] fieldsFromState(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
