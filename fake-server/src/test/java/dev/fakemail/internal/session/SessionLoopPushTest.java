package dev.fakemail.internal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Pushed output over a loopback socket: written at once by another thread while the session is idle, held
 * back (and drained by the session before its next reply) while it is not, never interleaved, never lost, and
 * no thread left behind when the client goes away with pushes queued.
 */
class SessionLoopPushTest {
    private static final int TIMEOUT = 10_000;

    @Test
    void whileIdleAPushLeavesAtOnce() throws Exception {
        try (LoopbackSession s = LoopbackSession.start(TIMEOUT)) {
            assertThat(s.readLine()).isEqualTo("* OK tiny");
            s.send("a IDLE\r\n");
            assertThat(s.readLine()).isEqualTo("+ idling");
            long[] micros = new long[50];
            for (int i = 1; i <= micros.length; i++) {
                long start = System.nanoTime();
                s.session.outbox.offer(1);
                assertThat(s.readLine()).isEqualTo("* " + i + " EXISTS");
                micros[i - 1] = (System.nanoTime() - start) / 1000;
            }
            long[] sorted = micros.clone();
            Arrays.sort(sorted);
            System.out.printf("push latency over loopback: median %d us, max %d us%n",
                    sorted[sorted.length / 2], sorted[sorted.length - 1]);
            // Generous bounds for a loaded 2-core machine; a polling loop would show its period here.
            assertThat(sorted[sorted.length / 2]).isLessThan(50_000);
            assertThat(sorted[sorted.length - 1]).isLessThan(2_000_000);

            s.send("not done\r\n");
            assertThat(s.readLine()).isEqualTo("* BAD expected DONE");
            s.session.outbox.offer(1);
            assertThat(s.readLine()).isEqualTo("* 51 EXISTS"); // still idle after a line that is not DONE
            s.send("DONE\r\n");
            assertThat(s.readLine()).isEqualTo("a OK IDLE done");
        }
    }

    @Test
    void whileNotIdlePushesWaitForTheSessionsNextReply() throws Exception {
        try (LoopbackSession s = LoopbackSession.start(TIMEOUT)) {
            assertThat(s.readLine()).isEqualTo("* OK tiny");
            for (int i = 0; i < 3; i++) {
                s.session.outbox.offer(1);
            }
            assertNothingArrivesFor(s, 300);
            s.send("b NOOP\r\n");
            assertThat(List.of(s.readLine(), s.readLine(), s.readLine(), s.readLine()))
                    .containsExactly("* 1 EXISTS", "* 2 EXISTS", "* 3 EXISTS", "b OK NOOP");

            s.send("c IDLE\r\n");
            assertThat(s.readLine()).isEqualTo("+ idling");
            s.send("DONE\r\n");
            assertThat(s.readLine()).isEqualTo("c OK IDLE done");
            s.session.outbox.offer(1); // idle is over: held back again
            assertNothingArrivesFor(s, 300);
            s.send("d NOOP\r\n");
            assertThat(List.of(s.readLine(), s.readLine())).containsExactly("* 4 EXISTS", "d OK NOOP");
        }
    }

    @Test
    void whatWasQueuedBeforeIdleGoesOutWhenIdleBegins() throws Exception {
        try (LoopbackSession s = LoopbackSession.start(TIMEOUT)) {
            assertThat(s.readLine()).isEqualTo("* OK tiny");
            s.session.outbox.offer(2);
            s.session.outbox.offer(1);
            s.send("a IDLE\r\n");
            assertThat(List.of(s.readLine(), s.readLine(), s.readLine()))
                    .containsExactly("+ idling", "* 2 EXISTS", "* 3 EXISTS");
            s.send("DONE\r\n");
            assertThat(s.readLine()).isEqualTo("a OK IDLE done");
        }
    }

    @Test
    void manyConcurrentPushersNeitherInterleaveNorLoseOutput() throws Exception {
        int threads = 8;
        int each = 2_000;
        try (LoopbackSession s = LoopbackSession.start(TIMEOUT)) {
            assertThat(s.readLine()).isEqualTo("* OK tiny");
            s.send("a IDLE\r\n");
            assertThat(s.readLine()).isEqualTo("+ idling");
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> pushers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread pusher = new Thread(() -> {
                    awaitQuietly(go);
                    for (int i = 0; i < each; i++) {
                        s.session.outbox.offer(1);
                    }
                });
                pusher.start();
                pushers.add(pusher);
            }
            go.countDown();
            // The session numbers at drain time, so whole, in-order lines 1..N prove nothing interleaved or lost.
            for (int i = 1; i <= threads * each; i++) {
                assertThat(s.readLine()).isEqualTo("* " + i + " EXISTS");
            }
            for (Thread pusher : pushers) {
                pusher.join(TIMEOUT);
            }
            s.send("DONE\r\n");
            assertThat(s.readLine()).isEqualTo("a OK IDLE done");
            assertThat(s.session.outbox.isEmpty()).isTrue();
        }
    }

    @Test
    void aClientGoneWhilePushesAreQueuedLeavesNoThreadAndKeepsNothing() throws Exception {
        LoopbackSession s = LoopbackSession.start(TIMEOUT);
        assertThat(s.readLine()).isEqualTo("* OK tiny");
        s.send("a IDLE\r\n");
        assertThat(s.readLine()).isEqualTo("+ idling");
        // The client stops reading: the pushes fill the socket buffers until a write blocks.
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger refused = new AtomicInteger();
        Thread pusher = new Thread(() -> {
            for (int i = 0; i < 400_000 && !stop.get(); i++) {
                if (!s.session.outbox.offer(1)) {
                    refused.incrementAndGet();
                }
            }
        });
        pusher.start();
        Thread.sleep(300);
        s.client.setSoLinger(true, 0);
        s.client.close(); // RST: the blocked write fails

        assertThat(s.awaitExit(TIMEOUT)).as("session loop ended").isTrue();
        assertThat(s.session.ended).isTrue();
        assertThat(s.connection.output().isOpen()).isFalse();
        stop.set(true);
        pusher.join(TIMEOUT);
        assertThat(pusher.isAlive()).isFalse();
        assertThat(s.session.outbox.offer(1)).as("offer after the end").isFalse();
        assertThat(s.session.outbox.isEmpty()).isTrue();
        assertThat(s.transcript.isEnded()).isTrue();
    }

    @Test
    void idleCanHaveItsOwnReadTimeoutAndTheConnectionsComesBack() throws Exception {
        try (LoopbackSession s = LoopbackSession.start(5_000)) {
            assertThat(s.readLine()).isEqualTo("* OK tiny");
            s.send("a IDLE-SHORT\r\n");
            assertThat(s.readLine()).isEqualTo("+ idling");
            s.send("DONE\r\n");
            assertThat(s.readLine()).isEqualTo("a OK IDLE done");
            Thread.sleep(700); // longer than the idle state's 300 ms: the connection's 5 s apply again
            s.send("b NOOP\r\n");
            assertThat(s.readLine()).isEqualTo("b OK NOOP");

            long start = System.nanoTime();
            s.send("c IDLE-SHORT\r\n");
            assertThat(s.readLine()).isEqualTo("+ idling");
            assertThat(s.readLine()).isEqualTo("* BYE idle too long");
            assertThat(s.readLine()).isNull();
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(250L, 4_000L);
        }
    }

    private static void assertNothingArrivesFor(LoopbackSession s, int millis) throws Exception {
        s.client.setSoTimeout(millis);
        assertThatThrownBy(s::readLine).isInstanceOf(SocketTimeoutException.class);
        s.client.setSoTimeout(TIMEOUT);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
