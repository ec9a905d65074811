package dev.fakemail.internal.net;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Write timeouts, which Java sockets do not have: a write to a client that stopped reading blocks forever once
 * the socket buffers are full, pinning the session's thread and what it holds (a POP3 maildrop lock). Each guarded
 * write is noted while it runs; one daemon thread for the JVM looks at the running writes twice a second and closes
 * the socket of any that has been blocked longer than its timeout, which makes the write fail and the session end.
 */
final class WriteTimeouts {
    private static final long CHECK_MILLIS = 500;
    /** The writes in progress: the stream, and when (nanoTime) its write began. */
    private static final Map<Guarded, Long> RUNNING = new ConcurrentHashMap<>();
    private static volatile boolean watching;

    private WriteTimeouts() {
    }

    /** The socket's output, each write guarded by the timeout (0: none). */
    static OutputStream guard(Socket socket, OutputStream out, long timeoutMillis) {
        if (timeoutMillis <= 0) {
            return out;
        }
        startWatching();
        return new Guarded(socket, out, timeoutMillis * 1_000_000);
    }

    private static void startWatching() {
        if (watching) {
            return;
        }
        synchronized (WriteTimeouts.class) {
            if (!watching) {
                Thread watcher = new Thread(new Runnable() {
                    @Override
                    public void run() {
                        watch();
                    }
                }, "fakemail-write-timeouts");
                watcher.setDaemon(true);
                watcher.start();
                watching = true;
            }
        }
    }

    private static void watch() {
        while (true) {
            try {
                Thread.sleep(CHECK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Map.Entry<Guarded, Long> write : RUNNING.entrySet()) {
                Guarded stream = write.getKey();
                if (now - write.getValue() > stream.timeoutNanos) {
                    RUNNING.remove(stream);
                    stream.timedOut();
                }
            }
        }
    }

    /** An output stream whose writes the watcher can see. */
    private static final class Guarded extends OutputStream {
        private final Socket socket;
        private final OutputStream out;
        private final long timeoutNanos;
        private volatile boolean timedOut;

        Guarded(Socket socket, OutputStream out, long timeoutNanos) {
            this.socket = socket;
            this.out = out;
            this.timeoutNanos = timeoutNanos;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            RUNNING.put(this, System.nanoTime());
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                throw timedOut ? new IOException("write timed out: the client read nothing for too long", e) : e;
            } finally {
                RUNNING.remove(this);
            }
        }

        @Override
        public void flush() throws IOException {
            RUNNING.put(this, System.nanoTime());
            try {
                out.flush();
            } finally {
                RUNNING.remove(this);
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
