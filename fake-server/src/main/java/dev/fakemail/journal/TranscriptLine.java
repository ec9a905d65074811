package dev.fakemail.journal;

import java.time.Instant;

/**
 * One line of a session transcript.
 *
 * @param direction {@code C} (client), {@code S} (server) or {@code *} (an event: TLS started, timeout,
 *     disconnect)
 */
public record TranscriptLine(Instant time, char direction, String text) {
    @Override
    public String toString() {
        return direction + ": " + text;
    }
}
