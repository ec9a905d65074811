package dev.fakemail.internal.session;

import dev.fakemail.internal.journal.TranscriptWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The session's output stream behind one lock: the loop's replies and pushed output (written by another
 * thread while the session is idle) never interleave, and the transcript records each in the order sent.
 */
final class LoopOutput {
    private final ReentrantLock lock = new ReentrantLock();
    private final TranscriptWriter transcript;
    /** Buffered, possibly fault-shaped; null until the streams are attached. Guarded by {@link #lock}. */
    private OutputStream out;

    LoopOutput(TranscriptWriter transcript) {
        this.transcript = transcript;
    }

    void lock() {
        lock.lock();
    }

    /** Waits at most {@code millis} for the lock: the end of a session must not hang behind a stuck write. */
    boolean tryLock(long millis) {
        try {
            return lock.tryLock(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void unlock() {
        lock.unlock();
    }

    /** Flushes what the old stream holds and writes through {@code replacement} from now on. */
    void replace(OutputStream replacement) throws IOException {
        lock.lock();
        try {
            if (out != null) {
                out.flush();
            }
            out = replacement;
        } finally {
            lock.unlock();
        }
    }

    boolean isAttached() {
        lock.lock();
        try {
            return out != null;
        } finally {
            lock.unlock();
        }
    }

    /** Past the transcript's head, replies longer than this are counted rather than recorded line by line. */
    static final int LONG_REPLY_LINES = 100;

    /** Writes the reply (buffered) and records it; a streamed reply's body runs here, under the lock. */
    void send(Reply reply) throws IOException {
        if (reply.isSilent()) {
            return;
        }
        lock.lock();
        try {
            if (!reply.isStreamed() && reply.lineCount() > LONG_REPLY_LINES && transcript.isPastHead()) {
                // a 10,000-line LIST would only push itself through the tail: counted, no strings made
                transcript.skipped(reply.lineCount(), "a long reply");
                out.write(reply.wire());
            } else {
                reply.writeTo(out, transcript::server);
            }
        } finally {
            lock.unlock();
        }
    }

    void flush() throws IOException {
        lock.lock();
        try {
            if (out != null) {
                out.flush();
            }
        } finally {
            lock.unlock();
        }
    }

    /** For the frame reader, which flushes before it blocks and cannot throw checked exceptions there. */
    void flushUnchecked() {
        try {
            flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
