package dev.fakemail.internal.net;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Write timeouts, which Java sockets do not have: a write to a client that stopped reading blocks forever once
 * the socket buffers are full, pinning the session's thread and what it holds (a POP3 maildrop lock). Each guarded
 * stream notes when its running write began; the {@link TimeoutWatcher} looks at the streams that wrote lately
 * twice a second and closes the socket of any whose write has been blocked longer than its timeout, which makes the
 * write fail and the session end.
 *
 * <p>A write costs two volatile stores and a volatile read, not two updates of a map shared by every session (which
 * contended between sessions on each reply): a stream joins the watched set on its first write, and the watcher
 * takes it out again once it finds it idle.
 */
final class WriteTimeouts {
    /** The streams that wrote since the watcher last found them idle. */
    private static final Set<Guarded> WATCHED = ConcurrentHashMap.newKeySet();
    private static final long IDLE = Long.MIN_VALUE;

    private WriteTimeouts() {
    }

    /** The socket's output, each write guarded by the timeout (0: none). */
    static OutputStream guard(Socket socket, OutputStream out, long timeoutMillis) {
        if (timeoutMillis <= 0) {
            return out;
        }
        TimeoutWatcher.start();
        return new Guarded(socket, out, timeoutMillis * 1_000_000);
    }

    /** For the watcher, twice a second: ends the writes blocked longer than their timeout, forgets idle streams. */
    static void expire(long now) {
        for (Guarded stream : WATCHED) {
            long started = stream.writeStarted;
            if (started == IDLE) {
                stream.watched = false;
                WATCHED.remove(stream);
                if (stream.writeStarted != IDLE) { // a write began meanwhile and may have seen it still watched
                    stream.watched = true;
                    WATCHED.add(stream);
                }
            } else if (now - started > stream.timeoutNanos) {
                WATCHED.remove(stream);
                stream.timedOut();
            }
        }
    }

    /** An output stream whose writes the watcher can see. */
    private static final class Guarded extends BlockOutputStream {
        private final Socket socket;
        private final OutputStream out;
        private final long timeoutNanos;
        private volatile boolean timedOut;
        /** When (nanoTime) the running write began, or {@link #IDLE}. */
        private volatile long writeStarted = IDLE;
        /** Whether the stream is in {@link #WATCHED}. */
        private volatile boolean watched;

        Guarded(Socket socket, OutputStream out, long timeoutNanos) {
            this.socket = socket;
            this.out = out;
            this.timeoutNanos = timeoutNanos;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            begin();
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                throw timedOut ? new IOException("write timed out: the client read nothing for too long", e) : e;
            } finally {
                writeStarted = IDLE;
            }
        }

        @Override
        public void flush() throws IOException {
            begin();
            try {
                out.flush();
            } finally {
                writeStarted = IDLE;
            }
        }

        private void begin() {
            long now = System.nanoTime();
            writeStarted = now == IDLE ? now + 1 : now;
            if (!watched) {
                watched = true;
                WATCHED.add(this);
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }

        void timedOut() {
            timedOut = true;
            try {
                socket.close();
            } catch (IOException ignored) {
                // the blocked write fails either way
            }
        }
    }
}
