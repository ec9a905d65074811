package dev.fakemail.internal.fault;

import dev.fakemail.fault.Sleeper;
import java.io.InterruptedIOException;

/**
 * Keeps a byte stream at a bandwidth: after each piece it waits until the bytes moved so far are due at the
 * rate, measured from the first byte, so the average rate is exact rather than drifting with each sleep.
 */
final class Pacer {
    /** Lateness beyond one piece's time (a twentieth of a second) counts as idle. */
    private static final long IDLE_NANOS = 50_000_000L;

    private final Shaping shaping;
    private final Sleeper sleeper;
    private long rate;
    private long startNanos;
    private long bytes;

    Pacer(Shaping shaping, Sleeper sleeper) {
        this.shaping = shaping;
        this.sleeper = sleeper;
    }

    /** How many bytes to move in the next piece (a twentieth of a second's worth when throttled). */
    int pieceSize(int wanted) {
        long current = shaping.bytesPerSecond();
        if (current <= 0) {
            return wanted;
        }
        return (int) Math.max(1, Math.min(wanted, current / 20));
    }

    void moved(int count) throws InterruptedIOException {
        long current = shaping.bytesPerSecond();
        if (current <= 0) {
            return;
        }
        long now = System.nanoTime();
        if (current != rate || now > startNanos + bytes * 1_000_000_000L / current + IDLE_NANOS) {
            // A new rate, or the stream was idle well past its schedule: count from now, so idle time is no
            // credit for a burst later (a piece that is merely a little late is made up, keeping the average).
            rate = current;
            startNanos = now;
            bytes = 0;
        }
        bytes += count;
        long dueNanos = startNanos + bytes * 1_000_000_000L / rate;
        long waitMillis = (dueNanos - System.nanoTime()) / 1_000_000;
        pause(sleeper, waitMillis);
    }

    static void pause(Sleeper sleeper, long millis) throws InterruptedIOException {
        if (millis <= 0) {
            return;
        }
        try {
            sleeper.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("server stopping");
        }
    }
}
