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
    /**
     * The last lines once the head is full: a ring of {@link #TAIL_LINES} slots, oldest first from
     * {@link #tailStart}, where the oldest line's slot takes the next one. Kept as columns, not line objects, and
     * allocated only when the head fills: a long session (pipelined SMTP) adds eight lines a message, and each
     * would otherwise cost a line and an Instant of garbage.
     */
    private long[] tailSeconds;
    private int[] tailNanos;
    private char[] tailDirections;
    private String[] tailTexts;
    private int tailStart;
    private int tailSize;
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
        List<TranscriptLine> all = new ArrayList<>(head.size() + tailSize + 1);
        all.addAll(head);
        if (droppedLines > 0) {
            all.add(new TranscriptLine(droppedSince, '*', "… " + droppedLines + " lines not kept …"));
        }
        for (int i = 0; i < tailSize; i++) {
            int slot = (tailStart + i) % TAIL_LINES;
            all.add(new TranscriptLine(Instant.ofEpochSecond(tailSeconds[slot], tailNanos[slot]),
                    tailDirections[slot], tailTexts[slot]));
        }
        return all;
    }

    @Override
    public synchronized long droppedLines() {
        return droppedLines;
    }

    private synchronized void add(char direction, String text) {
        if (head.size() < HEAD_LINES) {
            head.add(new TranscriptLine(clock.instant(), direction, text));
            return;
        }
        if (tailTexts == null) {
            tailSeconds = new long[TAIL_LINES];
            tailNanos = new int[TAIL_LINES];
            tailDirections = new char[TAIL_LINES];
            tailTexts = new String[TAIL_LINES];
        }
        Instant now = clock.instant(); // only its fields are kept: no Instant need be allocated
        long seconds = now.getEpochSecond();
        int nanos = now.getNano();
        int slot;
        if (tailSize == TAIL_LINES) {
            slot = tailStart; // the oldest line falls out
            tailStart = tailStart + 1 == TAIL_LINES ? 0 : tailStart + 1;
            droppedLines++;
            if (droppedSince == null) {
                droppedSince = Instant.ofEpochSecond(seconds, nanos);
            }
        } else {
            slot = (tailStart + tailSize) % TAIL_LINES;
            tailSize++;
        }
        tailSeconds[slot] = seconds;
        tailNanos[slot] = nanos;
        tailDirections[slot] = direction;
        tailTexts[slot] = text;
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
