package dev.fakemail.internal.session;

import dev.fakemail.internal.net.ConnectionThreads;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The connection's door for pushed output. Any thread may {@link #wake} it after filling an {@link Outbox}:
 * that never blocks. While the session is idle ({@link Reply#thenIdle}) a wake schedules one drain on a
 * pusher thread, which takes the output lock, asks the session for {@link ProtocolSession#pushed} output,
 * writes and flushes it; wakes that arrive meanwhile fold into that drain or the next. While the session is
 * not idle a wake does nothing: the session drains its outbox itself when its protocol allows.
 */
public final class SessionOutput {
    /** Drains run here: virtual threads on JDK 21+, else pooled daemon threads; a blocked write costs a thread. */
    private static final class Pushers {
        static final Executor EXECUTOR = ConnectionThreads.newExecutor("fakemail-push");
    }

    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private volatile boolean idle;
    private volatile boolean closed;
    private volatile Runnable drain;

    SessionOutput() {
    }

    /** Something was queued for the session: write it now if the session is idle. Never blocks. */
    public void wake() {
        if (idle && !closed && drain != null && drainScheduled.compareAndSet(false, true)) {
            Pushers.EXECUTOR.execute(this::runDrain);
        }
    }

    /** False once the session has ended: outboxes then drop what they are given. */
    public boolean isOpen() {
        return !closed;
    }

    /** True while the session waits idle and pushed output goes out at once. */
    public boolean isIdle() {
        return idle;
    }

    /** The loop's drain: lock, render, write, flush. */
    void attach(Runnable loopDrain) {
        this.drain = loopDrain;
    }

    /** Set by the loop under the output lock; after entering idle the loop drains once itself. */
    void idle(boolean nowIdle) {
        this.idle = nowIdle;
    }

    void close() {
        closed = true;
        idle = false;
    }

    private void runDrain() {
        drainScheduled.set(false); // a wake from now on schedules another drain, so nothing is left behind
        if (idle && !closed) {
            drain.run();
        }
    }
}
