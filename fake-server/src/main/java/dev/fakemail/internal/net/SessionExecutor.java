package dev.fakemail.internal.net;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where sessions run on JDK 21+: the first few open connections each on a pooled platform thread, the rest on
 * virtual threads. A virtual thread that blocks in a socket read parks and is woken by the JDK's poller thread,
 * which then hands it to a carrier thread: two thread hand-offs per read where a platform thread needs one wake-up
 * from the kernel. One client talking to the server in lock-step (a test sending mail command by command, the common
 * case) waits on every such read, and on a 2-core machine that cost about a third of its rate (BENCHMARKS.md, JDK
 * 25). Many connections gain nothing from platform threads, and stalled sessions (fault rules) should cost only a
 * parked virtual thread: so beyond {@link #platformLimit} sessions, virtual threads take over.
 */
final class SessionExecutor extends AbstractExecutorService {
    private final ExecutorService platform;
    private final ExecutorService virtual;
    private final int platformLimit;
    private final AtomicInteger onPlatform = new AtomicInteger();

    SessionExecutor(ExecutorService platform, ExecutorService virtual, int platformLimit) {
        this.platform = platform;
        this.virtual = virtual;
        this.platformLimit = platformLimit;
    }

    @Override
    public void execute(Runnable session) {
        if (onPlatform.incrementAndGet() > platformLimit) {
            onPlatform.decrementAndGet();
            virtual.execute(session);
            return;
        }
        try {
            platform.execute(new Counted(session));
        } catch (RuntimeException refused) {
            onPlatform.decrementAndGet();
            throw refused;
        }
    }

    /** A session on a platform thread, which frees its place when it ends. */
    private final class Counted implements Runnable { // a class, not a lambda: see ConnectionThreads
        private final Runnable session;

        Counted(Runnable session) {
            this.session = session;
        }

        @Override
        public void run() {
            try {
                session.run();
            } finally {
                onPlatform.decrementAndGet();
            }
        }
    }

    @Override
    public void shutdown() {
        platform.shutdown();
        virtual.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        List<Runnable> pending = new java.util.ArrayList<>(platform.shutdownNow());
        pending.addAll(virtual.shutdownNow());
        return pending;
    }

    @Override
    public boolean isShutdown() {
        return platform.isShutdown() && virtual.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return platform.isTerminated() && virtual.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        return platform.awaitTermination(timeout, unit)
                && virtual.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
}
