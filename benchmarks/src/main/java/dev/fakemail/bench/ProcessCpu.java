package dev.fakemail.bench;

/**
 * A process's user and system CPU time from Linux's {@code /proc/PID/stat}, every thread it ever had included (a
 * thread that ended during a run still counts). The kernel's clock ticks are hundredths of a second on Linux
 * (USER_HZ is 100 on every architecture it runs Java on).
 */
final class ProcessCpu {
    private static final long MICROS_PER_TICK = 10_000;

    private ProcessCpu() {
    }

    /** {user, system} microseconds so far, or null where there is no {@code /proc} or the process has gone. */
    static long[] userAndSystemMicros(long pid) {
        String[] fields = ProcStat.fieldsFromState(pid);
        try {
            if (fields == null) {
                return null;
            }
            long user = Long.parseLong(fields[11]); // utime, field 14
            long system = Long.parseLong(fields[12]); // stime, field 15
            return new long[] {user * MICROS_PER_TICK, system * MICROS_PER_TICK};
        } catch (RuntimeException e) {
            return null;
        }
    }
}
