package dev.fakemail.journal;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What was said in one session, line by line, as C:/S: lines with times. Secrets (AUTH responses) are
 * masked and message data is summarized, so transcripts can be shown anywhere. A very long session keeps its
 * first lines and counts the rest, so a transcript never grows without bound.
 */
public final class Transcript {
    static final int MAX_LINES = 500;

    private final long sessionId;
    private final String protocol;
    private final InetSocketAddress client;
    private final Clock clock;
    private final Instant started;
    private final List<TranscriptLine> lines = new ArrayList<>();
    private long droppedLines;
    private Instant ended;

    public Transcript(long sessionId, String protocol, InetSocketAddress client, Clock clock) {
        this.sessionId = sessionId;
        this.protocol = protocol;
        this.client = client;
        this.clock = clock;
        this.started = clock.instant();
    }

    public long sessionId() {
        return sessionId;
    }

    /** "SMTP", "SMTPS", later "POP3", "IMAP" ... */
    public String protocol() {
        return protocol;
    }

    public InetSocketAddress client() {
        return client;
    }

    public Instant started() {
        return started;
    }

    public synchronized boolean isEnded() {
        return ended != null;
    }

    public void client(String text) {
        add('C', text);
    }

    public void server(String text) {
        add('S', text);
    }

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

    public synchronized void end() {
        if (ended == null) {
            ended = clock.instant();
        }
    }

    public synchronized List<TranscriptLine> lines() {
        return List.copyOf(lines);
    }

    /** Lines that were not kept because the session went past the limit. */
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
