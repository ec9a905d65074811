package dev.fakemail.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The routing of sessions between the two kinds of thread, with two ordinary pools standing in for them (the
 * virtual one exists only on JDK 21+): which pool ran a session is seen from the thread's name.
 */
class SessionExecutorTest {
    private final ExecutorService first = Executors.newCachedThreadPool(named("first"));
    private final ExecutorService rest = Executors.newCachedThreadPool(named("rest"));
    private final SessionExecutor sessions = new SessionExecutor(first, rest, 2);

    @AfterEach
    void stop() throws InterruptedException {
        sessions.shutdownNow();
        assertThat(sessions.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theFirstSessionsUpToTheLimitRunOnTheFirstPoolAndTheOthersOnTheRest() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> pools = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(4);
        for (int i = 0; i < 4; i++) {
            sessions.execute(() -> {
                pools.add(poolOfThisThread());
                started.countDown();
                await(release);
            });
        }
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(pools).containsExactlyInAnyOrder("first", "first", "rest", "rest");
        release.countDown();
    }

    @Test
    void aSessionThatEndsFreesItsPlaceOnTheFirstPool() throws Exception {
        CountDownLatch ended = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            sessions.execute(ended::countDown);
        }
        assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
        // the places are given back in the session's finally block, just after it ran: wait for that
        List<String> pools = new CopyOnWriteArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            CountDownLatch ran = new CountDownLatch(1);
            sessions.execute(() -> {
                pools.add(poolOfThisThread());
                ran.countDown();
            });
            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
            if (pools.get(pools.size() - 1).equals("first") || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(10);
        }
        assertThat(pools.get(pools.size() - 1)).isEqualTo("first");
    }

    private static String poolOfThisThread() {
        return Thread.currentThread().getName().replaceAll("-\\d+$", "");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
