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
 * here, while users only ever see the read-only {@code Transcript}. Past {@link #MAX_LINES} lines only a count
 * is kept.
 */
public final class TranscriptWriter implements Transcript {
    static final int MAX_LINES = 500;

    private final long sessionId;
    private final String protocol;
    private final InetSocketAddress client;
    private final Clock clock;
    private final Instant started;
    private final List<TranscriptLine> lines = new ArrayList<>();
    private long droppedLines;
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

    /** Whether further lines would only be counted (the session passed the line limit). */
    public synchronized boolean isFull() {
        return lines.size() >= MAX_LINES;
    }

    /** Counts lines that were not even formatted because the transcript is full. */
    public synchronized void skipped(long count) {
        droppedLines += count;
    }

    /** Notes the end of the session; later calls keep the first time. */
    public synchronized void end() {
        if (ended == null) {
            ended = clock.instant();
        }
    }

    @Override
    public synchronized List<TranscriptLine> lines() {
        return List.copyOf(lines);
    }

    @Override
    public synchronized long droppedLines() {
        return droppedLines;
    }

    private synchronized void add(char direction, String text) {
        if (lines.size() >= MAX_LINES) {
            droppedLines++;
            return;
        }
        lines.add(new TranscriptLine(clock.instant(), direction, text));
    }

    /** The transcript as readable text, one line each. */
    @Override
    public synchronized String toString() {
        StringBuilder text = new StringBuilder();
        text.append(protocol).append(" session ").append(sessionId).append(" from ").append(client)
                .append(" at ").append(started).append('\n');
        for (TranscriptLine line : lines) {
            text.append("  ").append(line).append('\n');
        }
        if (droppedLines > 0) {
            text.append("  … ").append(droppedLines).append(" more lines not kept\n");
        }
        return text.toString();
    }
}
