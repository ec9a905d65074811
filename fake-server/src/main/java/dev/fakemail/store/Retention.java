package dev.fakemail.store;

import java.time.Duration;

/**
 * How much received mail the store keeps: at most {@code maxMessages}, none older than {@code maxAge}; the
 * oldest go first, from the received-message log and from every mailbox they were delivered to, so a
 * long-running server never runs out of memory.
 *
 * @param maxMessages the most messages kept; {@link Integer#MAX_VALUE} for no limit
 * @param maxAge the oldest a message may get; null for no limit
 */
public record Retention(int maxMessages, Duration maxAge) {
    /** Keeps everything until someone deletes it (the default for tests). */
    public static final Retention UNLIMITED = new Retention(Integer.MAX_VALUE, null);

    public Retention {
        if (maxMessages < 1) {
            throw new IllegalArgumentException("maxMessages must be positive, got " + maxMessages);
        }
        if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
            throw new IllegalArgumentException("maxAge must be positive, got " + maxAge);
        }
    }

    /** True if {@code count} messages are more than the limit allows. */
    public boolean tooMany(int count) {
        return count > maxMessages;
    }

    /** True if a message that arrived at {@code receivedAtMillis} is past the age limit at {@code nowMillis}. */
    public boolean tooOld(long receivedAtMillis, long nowMillis) {
        return maxAge != null && receivedAtMillis < nowMillis - maxAge.toMillis();
    }
}
