package dev.fakemail.internal.journal;

import dev.fakemail.journal.Transcript;
import dev.fakemail.journal.TranscriptLine;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The server's side of a {@link Transcript}: the session loop, the protocols and the fault rules add lines
 * here, while users only ever see the read-only {@code Transcript}. A long session keeps its first
 * {@link #HEAD_LINES} lines and its last {@link #TAIL_LINES}: how it started and how it ended are what a
 * failing test needs; the middle is counted, and {@link #lines()} marks the gap with one event line.
 */
public final class TranscriptWriter implements Transcript {
    static final int HEAD_LINES = 250;
    static final int TAIL_LINES = 250;

    private final long sessionId;
    private final String protocol;
    private final InetSocketAddress client;
    private final Clock clock;
    private final Instant started;
    private final List<TranscriptLine> head = new ArrayList<>();
    /** The last lines once the head is full, oldest first; the oldest falls out when a new one comes. */
    private final java.util.ArrayDeque<TranscriptLine> tail = new java.util.ArrayDeque<>();
    private long droppedLines;
    /** When the first line fell out of the tail: the time of the gap marker. */
    private Instant droppedSince;
    private Instant ended;

    public TranscriptWriter(long sessionId, String protocol, InetSocketAddress client, Clock clock) {
        this.sessionId = sessionId;
        this.protocol = protocol;
        this.client = client;
        this.clock = clock;
        this.started = clock.instant();
    }

    @Override
    public long sessionId() {
        return sessionId;
    }

    @Override
    public String protocol() {
        return protocol;
    }

    @Override
    public InetSocketAddress client() {
        return client;
    }

    @Override
    public Instant started() {
        return started;
    }

    @Override
    public synchronized boolean isEnded() {
        return ended != null;
    }

    @Override
    public synchronized Optional<Instant> ended() {
        return Optional.ofNullable(ended);
    }

    /** A line the client sent (as the protocol shows it: secrets masked). */
    public void client(String text) {
        add('C', text);
    }

    /** A line the server sent. */
    public void server(String text) {
        add('S', text);
    }

    /** Something that happened without a line: TLS started, a fault fired, the client left. */
    public void event(String text) {
        add('*', text);
    }

    /**
     * Whether the head is full: from here on lines go to the tail, where a reply longer than the tail would only
     * push out itself, so callers may count such a reply with {@link #skipped} instead of formatting it.
     */
    public synchronized boolean isPastHead() {
        return head.size() >= HEAD_LINES;
    }

    /** Counts lines that were not even formatted (a reply longer than the tail), marking where they were. */
    public synchronized void skipped(long count, String what) {
        add('*', "<" + count + " lines of " + what + " not kept>");
        droppedLines += count;
        if (droppedSince == null) {
            droppedSince = clock.instant();
        }
    }

    /** Notes the end of the session; later calls keep the first time. */
    public synchronized void end() {
        if (ended == null) {
            ended = clock.instant();
        }
    }

    /** The head, then (if lines were dropped) an event line saying how many, then the tail. */
    @Override
    public synchronized List<TranscriptLine> lines() {
        List<TranscriptLine> all = new ArrayList<>(head.size() + tail.size() + 1);
        all.addAll(head);
        if (droppedLines > 0) {
            all.add(new TranscriptLine(droppedSince, '*', "… " + droppedLines + " lines not kept …"));
        }
        all.addAll(tail);
        return all;
    }

    @Override
    public synchronized long droppedLines() {
        return droppedLines;
    }

    private synchronized void add(char direction, String text) {
        TranscriptLine line = new TranscriptLine(clock.instant(), direction, text);
        if (head.size() < HEAD_LINES) {
            head.add(line);
            return;
        }
        if (tail.size() == TAIL_LINES) {
            tail.removeFirst();
            droppedLines++;
            if (droppedSince == null) {
                droppedSince = line.time();
            }
        }
        tail.addLast(line);
    }

    /** The transcript as readable text, one line each. */
    @Override
    public synchronized String toString() {
        StringBuilder text = new StringBuilder();
        text.append(protocol).append(" session ").append(sessionId).append(" from ").append(client)
                .append(" at ").append(started).append('\n');
        for (TranscriptLine line : lines()) {
            text.append("  ").append(line).append('\n');
        }
        return text.toString();
    }
}
