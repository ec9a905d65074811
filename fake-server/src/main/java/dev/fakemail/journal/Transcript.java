package dev.fakemail.journal;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What was said in one session, line by line, as C:/S: lines with times; read-only (the server writes it).
 * Secrets (AUTH responses) are masked and message data is summarized, so transcripts can be shown anywhere. A
 * very long session keeps its first lines and counts the rest, so a transcript never grows without bound. A
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

    /** Lines that were not kept because the session went past the limit. */
    long droppedLines();
}
