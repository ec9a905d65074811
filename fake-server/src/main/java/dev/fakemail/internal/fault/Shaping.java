package dev.fakemail.internal.fault;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The byte-level faults of one connection: bandwidth, slicing of writes, a cut-off after N bytes. Set by
 * rules as they fire, read by {@link ShapedOutputStream} and {@link ShapedInputStream} on every transfer.
 */
public final class Shaping {
    static final long UNLIMITED = -1;

    /** Writes go out in pieces of at most {@code bytes} (0: whole), {@code pauseMillis} apart. */
    record Slicing(int bytes, long pauseMillis) {
        static final Slicing NONE = new Slicing(0, 0);
    }

    private volatile long bytesPerSecond;
    /** One value, so a writer never sees a new slice size with the old pause. */
    private volatile Slicing slicing = Slicing.NONE;
    private final AtomicLong bytesLeft = new AtomicLong(UNLIMITED);

    void throttle(long rate) {
        bytesPerSecond = rate;
    }

    void slice(int bytes, long pauseMillis) {
        slicing = new Slicing(bytes, pauseMillis);
    }

    void cutAfter(long bytes) {
        bytesLeft.set(bytes);
    }

    long bytesPerSecond() {
        return bytesPerSecond;
    }

    Slicing slicing() {
        return slicing;
    }

    /** True once a cut-off allowance is used up. */
    boolean exhausted() {
        return bytesLeft.get() == 0;
    }

    /** Bytes the connection may still send before it is cut; {@link #UNLIMITED} without a cut-off. */
    long bytesLeft() {
        return bytesLeft.get();
    }

    /** Takes up to {@code wanted} bytes from the cut-off allowance; UNLIMITED passes everything. */
    long allow(long wanted) {
        while (true) {
            long left = bytesLeft.get();
            if (left == UNLIMITED) {
                return wanted;
            }
            long granted = Math.min(left, wanted);
            if (bytesLeft.compareAndSet(left, left - granted)) {
                return granted;
            }
        }
    }
}
