package dev.fakemail.internal.store;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The store's lock, for critical sections of about a microsecond (a delivery at the count limit: the log, the
 * INBOX, the oldest message out). A thread that parks on a taken lock pays a futex sleep and a wake-up by the
 * holder, many microseconds of kernel time, and eight pipelining senders on two cores made 0.07 such futex calls
 * (a park or its unpark) per message. So a thread that finds it taken first looks again for a few microseconds (the
 * holder runs on another core and is about done) and parks only after that. With one processor the holder
 * cannot run while we spin: then it parks at once.
 */
final class ShortHoldLock extends ReentrantLock {
    private static final long serialVersionUID = 1L;
    /** About 5 microseconds of looking (measured on the 2-core benchmark machine): several deliveries. */
    private static final int SPINS = Runtime.getRuntime().availableProcessors() > 1 ? 200 : 0;

    @Override
    public void lock() {
        if (tryLock()) { // also when this thread holds it already
            return;
        }
        for (int spin = 0; spin < SPINS; spin++) {
            Thread.onSpinWait();
            if (!isLocked() && tryLock()) {
                return;
            }
        }
        super.lock();
    }
}
