package dev.fakemail.bench;

import java.time.Duration;

/**
 * One load run: a mode, a message size and a number of concurrent connections, run either for a warm-up
 * plus a measured interval ({@link #timed}) or for an exact number of messages ({@link #counted}).
 *
 * @param messages the exact number of messages to send (counted runs), or 0 for a timed run
 */
record LoadSpec(LoadMode mode, int messageSize, int connections, Duration warmup, Duration measure,
        long messages) {
    LoadSpec {
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be positive, got " + connections);
        }
        if (messages < 0 || (messages == 0 && (measure == null || measure.isZero() || measure.isNegative()))) {
            throw new IllegalArgumentException("a run needs a message count or a positive measured interval");
        }
    }

    static LoadSpec timed(LoadMode mode, int messageSize, int connections, Duration warmup, Duration measure) {
        return new LoadSpec(mode, messageSize, connections, warmup, measure, 0);
    }

    static LoadSpec counted(LoadMode mode, int messageSize, int connections, long messages) {
        return new LoadSpec(mode, messageSize, connections, Duration.ZERO, null, messages);
    }

    boolean isCounted() {
        return messages > 0;
    }

    @Override
    public String toString() {
        return mode.id + " " + Sizes.format(messageSize) + " x" + connections
                + (isCounted() ? " (" + messages + " messages)" : " (" + warmup.toMillis() + " ms warm-up, "
                        + measure.toMillis() + " ms measured)");
    }
}
