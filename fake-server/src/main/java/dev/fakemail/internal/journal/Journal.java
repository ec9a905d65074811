package dev.fakemail.internal.journal;

import dev.fakemail.journal.Transcript;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The transcripts of recent sessions, newest last; the oldest are dropped past a bound. The server opens one
 * per session and hands its readers the read-only {@link Transcript} view.
 */
public final class Journal {
    private final int capacity;
    private final Clock clock;
    private final AtomicLong nextSessionId = new AtomicLong(1);
    private final Deque<TranscriptWriter> transcripts = new ArrayDeque<>();

    public Journal(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    /** Starts the transcript of a new session. */
    public TranscriptWriter open(String protocol, InetSocketAddress client) {
        TranscriptWriter transcript = new TranscriptWriter(nextSessionId.getAndIncrement(), protocol, client, clock);
        synchronized (transcripts) {
            transcripts.addLast(transcript);
            while (transcripts.size() > capacity) {
                transcripts.removeFirst();
            }
        }
        return transcript;
    }

    /** Takes the transcript of a session that moved here from another journal (an isolated inbox's). */
    public void adopt(TranscriptWriter transcript) {
        synchronized (transcripts) {
            transcripts.addLast(transcript);
            while (transcripts.size() > capacity) {
                transcripts.removeFirst();
            }
        }
    }

    /** Gives up the transcript of a session that moved to another inbox. */
    public void release(TranscriptWriter transcript) {
        synchronized (transcripts) {
            transcripts.removeIf(kept -> kept == transcript);
        }
    }

    public List<Transcript> transcripts() {
        synchronized (transcripts) {
            return List.copyOf(transcripts);
        }
    }

    public void clear() {
        synchronized (transcripts) {
            transcripts.clear();
        }
    }
}
