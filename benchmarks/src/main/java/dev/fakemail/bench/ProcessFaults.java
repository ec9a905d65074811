package dev.fakemail.bench;

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
        String[] fields = ProcStat.fieldsFromState(pid);
        try {
            return fields == null ? -1 : Long.parseLong(fields[7]); // minflt, field 10
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
