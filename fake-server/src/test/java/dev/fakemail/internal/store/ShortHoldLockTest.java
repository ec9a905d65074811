package dev.fakemail.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ShortHoldLockTest {
    private final ShortHoldLock lock = new ShortHoldLock();
    private long counter;

    /** Many threads, short critical sections: every one of them spins or parks, and none gets in beside another. */
    @Test
    void excludesUnderContention() throws Exception {
        int threads = 8;
        int rounds = 50_000;
        List<Thread> workers = new ArrayList<>();
        AtomicBoolean overlapped = new AtomicBoolean();
        AtomicBoolean inside = new AtomicBoolean();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                for (int i = 0; i < rounds; i++) {
                    lock.lock();
                    try {
                        if (!inside.compareAndSet(false, true)) {
                            overlapped.set(true);
                        }
                        counter++;
                        inside.set(false);
                    } finally {
                        lock.unlock();
                    }
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        assertThat(overlapped).isFalse();
        assertThat(counter).isEqualTo((long) threads * rounds);
        assertThat(lock.isLocked()).isFalse();
    }

    @Test
    void isReentrant() {
        lock.lock();
        lock.lock(); // would spin and then park on itself if it were not
        assertThat(lock.getHoldCount()).isEqualTo(2);
        lock.unlock();
        lock.unlock();
        assertThat(lock.isLocked()).isFalse();
    }

    /** A holder that keeps the lock longer than the spinning lasts: the waiter parks (queues) and gets it later. */
    @Test
    void waiterParksWhenTheHolderTakesLong() throws Exception {
        lock.lock();
        CountDownLatch acquired = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            lock.lock();
            try {
                acquired.countDown();
            } finally {
                lock.unlock();
            }
        });
        waiter.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!lock.hasQueuedThread(waiter) && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(lock.hasQueuedThread(waiter)).as("the waiter stopped spinning and queued").isTrue();
        assertThat(acquired.getCount()).isEqualTo(1);
        lock.unlock();
        assertThat(acquired.await(10, TimeUnit.SECONDS)).isTrue();
        waiter.join();
    }

    /** The store waits for deliveries on a condition of this lock: await gives it up and takes it back. */
    @Test
    void conditionsWork() throws Exception {
        Condition changed = lock.newCondition();
        AtomicBoolean delivered = new AtomicBoolean();
        CountDownLatch woke = new CountDownLatch(1);
        Thread awaiting = new Thread(() -> {
            lock.lock();
            try {
                while (!delivered.get()) {
                    changed.await();
                }
                woke.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        });
        awaiting.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (awaiting.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        lock.lock();
        try {
            delivered.set(true);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        assertThat(woke.await(10, TimeUnit.SECONDS)).isTrue();
        awaiting.join();
    }
}
