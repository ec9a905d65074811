package dev.fakemail.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Minor page faults of a process, from Linux's {@code /proc/PID/stat}. A Java server that touches heap pages for
 * the first time pays a fault (and the kernel's zeroing of the page) for each: system time that a run right after
 * start-up includes and a server that has run a while does not. Counting them per message says which a run was.
 */
final class ProcessFaults {
    private ProcessFaults() {
    }

    /** The process's minor faults so far, or -1 where there is no {@code /proc} (not Linux) or it has gone. */
    static long minor(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which is in parentheses and may hold spaces: state is field 3,
            // minflt field 10, so the eighth word after ") ".
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[7]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
