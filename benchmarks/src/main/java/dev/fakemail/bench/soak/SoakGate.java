package dev.fakemail.bench.soak;

import java.util.concurrent.locks.LockSupport;

/** When the clients stop, and back-pressure for the senders while the mailboxes are full. */
final class SoakGate {
    private final long deadlineNanos;
    private final int maxHeld;
    private volatile boolean stopped;
    private volatile long held;

    SoakGate(long deadlineNanos, int maxHeld) {
        this.deadlineNanos = deadlineNanos;
        this.maxHeld = maxHeld;
    }

    boolean running() {
        return !stopped && System.nanoTime() - deadlineNanos < 0;
    }

    void stop() {
        stopped = true;
    }

    /** The messages the INBOXes hold now, as last counted by the checker. */
    void held(long messages) {
        held = messages;
    }

    void produced() {
        held++; // approximate between two counts; only the pause depends on it
    }

    void awaitRoom() {
        while (held > maxHeld && running()) {
            LockSupport.parkNanos(20_000_000L);
        }
    }
}
