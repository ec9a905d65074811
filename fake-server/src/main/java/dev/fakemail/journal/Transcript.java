package dev.fakemail.journal;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What was said in one session, line by line, as C:/S: lines with times; read-only (the server writes it).
 * Secrets (AUTH responses) are masked and message data is summarized, so transcripts can be shown anywhere. A
 * very long session keeps its first 250 and its last 250 lines and counts the ones between (an event line
 * "… N lines not kept …" marks the gap in {@link #lines()}), so a transcript never grows without bound. A
 * running session's transcript grows while it is read; each call returns what was said so far.
 * {@code toString()} gives the whole transcript as readable text, one line each.
 */
public interface Transcript {
    /** The session's number, unique within the server: what a {@code session} fault scope names. */
    long sessionId();

    /** The listener the session came through, upper case: "SMTP", "SMTPS", "POP3", "IMAPS", ... */
    String protocol();

    /** Where the client connected from. */
    InetSocketAddress client();

    /** When the client connected. */
    Instant started();

    /** Whether the session is over (closed by either side, timed out or ended by a fault rule). */
    boolean isEnded();

    /** When the session ended; empty while it runs. */
    Optional<Instant> ended();

    /** The lines kept so far, oldest first. */
    List<TranscriptLine> lines();

    /** Lines that were not kept: the middle of a long session (and replies too long to keep in its end). */
    long droppedLines();
}
