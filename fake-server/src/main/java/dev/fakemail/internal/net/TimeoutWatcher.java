package dev.fakemail.internal.net;

import java.util.concurrent.locks.LockSupport;

/**
 * The one daemon thread of the JVM that ends reads and writes past their timeouts ({@link ReadTimeouts},
 * {@link WriteTimeouts}). It sleeps until the earliest deadline of the reads in progress, and at most half a
 * second, the period at which it looks at the writes in progress; a read that begins with an earlier deadline
 * wakes it sooner. Started on the first guarded connection; it stays for the life of the JVM.
 */
final class TimeoutWatcher {
    /** How often blocked writes are looked at, and the longest the watcher sleeps. */
    private static final long WRITE_CHECK_NANOS = 500_000_000L;
    private static volatile Thread thread;
    /** When (nanoTime) the watcher wakes next. */
    private static volatile long nextWake = Long.MAX_VALUE;

    private TimeoutWatcher() {
    }

    static void start() {
        if (thread != null) {
            return;
        }
        synchronized (TimeoutWatcher.class) {
            if (thread == null) {
                Thread watcher = new Thread(new Runnable() {
                    @Override
                    public void run() {
                        watch();
                    }
                }, "fakemail-timeouts");
                watcher.setDaemon(true);
                thread = watcher;
                watcher.start();
            }
        }
    }

    /** Something must be looked at by {@code deadline} (nanoTime): wake the watcher if it would sleep past it. */
    static void wakeBy(long deadline) {
        if (deadline - nextWake < 0) {
            nextWake = deadline;
            LockSupport.unpark(thread);
        }
    }

    private static void watch() {
        long nextWriteCheck = System.nanoTime() + WRITE_CHECK_NANOS;
        while (true) {
            long now = System.nanoTime();
            if (now - nextWriteCheck >= 0) {
                WriteTimeouts.expire(now);
                nextWriteCheck = now + WRITE_CHECK_NANOS;
            }
            long earliest = ReadTimeouts.expire(now, nextWriteCheck);
            nextWake = earliest;
            LockSupport.parkNanos(earliest - System.nanoTime());
            if (Thread.interrupted()) {
                return;
            }
        }
    }
}
