package dev.fakemail.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The accept loop under the failures a starved JVM produces, injected where they happen: no thread for a
 * connection (OutOfMemoryError "unable to create native thread"), accept failing with "Too many open files".
 */
class ListenerTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** Answers "hello" and closes: proof that a connection was served. */
    private static final Listener.ConnectionHandler HELLO = (socket, onExit) -> {
        try (socket) {
            socket.getOutputStream().write("hello\r\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // the test client went away
        } finally {
            onExit.run();
        }
    };

    private Listener listener;

    @AfterEach
    void close() {
        if (listener != null) {
            listener.close();
        }
    }

    @Test
    void noThreadForAConnectionIsSurvivedAndTheNextClientIsServed() throws Exception {
        AtomicBoolean noThreads = new AtomicBoolean(true);
        Executor starved = task -> {
            if (noThreads.get()) {
                throw new OutOfMemoryError("unable to create native thread: possibly out of memory or process/resource limits reached");
            }
            new Thread(task).start();
        };
        listener = Listener.open("smtp", LOOPBACK, 0, false, HELLO, starved, ConnectionLimits.unlimited());

        assertThat(read(connect())).isEmpty(); // closed at once: nothing could serve it
        awaitFailure();
        assertThat(listener.failure().lastError()).contains("OutOfMemoryError", "unable to create native thread");

        noThreads.set(false);
        assertThat(read(connect())).isEqualTo("hello\r\n");
        awaitNoFailure(); // the accept thread clears it after handing over, maybe after the client read its hello
    }

    @Test
    void tooManyOpenFilesBacksOffInsteadOfSpinningAndRecovers() throws Exception {
        AtomicBoolean descriptorsFull = new AtomicBoolean(true);
        AtomicInteger attempts = new AtomicInteger();
        Listener.Accept emfile = serverSocket -> {
            if (descriptorsFull.get()) {
                attempts.incrementAndGet();
                throw new IOException("Too many open files");
            }
            return serverSocket.accept();
        };
        listener = Listener.open("pop3", LOOPBACK, 0, false, HELLO, task -> new Thread(task).start(), ConnectionLimits.unlimited(), emfile);

        Thread.sleep(1500);
        // 10, 20, 40, ... 640 ms, then 1 s between attempts: about 8 in 1.5 s; a spinning loop makes millions.
        int failedAttempts = attempts.get();
        assertThat(failedAttempts).isBetween(3, 20);
        assertThat(listener.failure().lastError()).isEqualTo("java.io.IOException: Too many open files");
        assertThat(listener.failure().count()).isEqualTo(failedAttempts);

        descriptorsFull.set(false);
        assertThat(read(connect())).isEqualTo("hello\r\n");
        assertThat(listener.failure()).isNull();
    }

    @Test
    void closeEndsTheLoopAtOnceEvenInTheMiddleOfABackOff() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        Listener.Accept emfile = serverSocket -> {
            attempts.incrementAndGet();
            throw new IOException("Too many open files");
        };
        listener = Listener.open("imap", LOOPBACK, 0, false, HELLO, task -> new Thread(task).start(),
                ConnectionLimits.unlimited(), emfile);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (attempts.get() < 8) { // after the 8th failure the loop waits a whole second
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(2);
        }

        long started = System.nanoTime();
        listener.close();
        long closeMillis = (System.nanoTime() - started) / 1_000_000;
        int attemptsAtClose = attempts.get();
        Thread.sleep(1200);

        assertThat(closeMillis).as("close waits for the loop, not for its back-off").isLessThan(900);
        assertThat(attempts.get()).isEqualTo(attemptsAtClose);
        listener = null;
    }

    @Test
    void aSessionThatFailsStillGivesBackItsPlaceUnderTheLimit() throws Exception {
        AtomicInteger sessions = new AtomicInteger();
        Listener.ConnectionHandler failsFirst = (socket, onExit) -> {
            if (sessions.incrementAndGet() == 1) {
                throw new IllegalStateException("session failed before its own clean-up");
            }
            HELLO.handle(socket, onExit);
        };
        listener = Listener.open("imap", LOOPBACK, 0, false, failsFirst, task -> new Thread(task).start(),
                new ConnectionLimits(1, 1, "* BYE [UNAVAILABLE] full\r\n", "* BYE [UNAVAILABLE] you\r\n"));

        assertThat(read(connect())).isEmpty(); // its session failed; the socket is closed, not leaked
        awaitNoConnections(); // the client sees the close a moment before the session's thread ends
        assertThat(read(connect())).isEqualTo("hello\r\n");
        awaitNoConnections();
    }

    @Test
    void aFailureIsReportedUntilThirtySecondsPassWithoutAnother() {
        java.time.Instant last = java.time.Instant.parse("2026-12-04T23:00:00Z");
        Listener.Failure failure = new Listener.Failure(last.minusSeconds(5), "java.io.IOException: Too many open files",
                7, last);

        assertThat(failure.isCurrent(last.plusSeconds(29))).isTrue();
        assertThat(failure.isCurrent(last.plusSeconds(30))).isFalse();
    }

    private void awaitFailure() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (listener.failure() == null) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private void awaitNoFailure() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (listener.failure() != null) {
            assertThat(System.nanoTime()).as("the failure is cleared: " + listener.failure()).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private void awaitNoConnections() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (listener.connections() > 0) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(LOOPBACK, listener.port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Everything until the server closes. */
    private static String read(Socket socket) throws IOException {
        try (socket; InputStream in = socket.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server neither answered nor closed within 10 s", e);
        }
    }
}
