package dev.fakemail.bench;

import java.util.List;

/**
 * What one load run achieved.
 *
 * @param acknowledged every 250 reply to an end of data over the whole run, warm-up included
 * @param measured the 250 replies to an end of data within the measured interval
 * @param seconds the measured interval
 * @param serverReceived messages the server stored during the whole run, or -1 when it cannot be asked (an
 *     external server); a lossless run has {@code serverReceived == acknowledged}
 * @param errors what went wrong on any connection (first few), empty for a clean run
 */
record LoadResult(LoadSpec spec, long acknowledged, long measured, double seconds, long serverReceived,
        List<String> errors) {

    double messagesPerSecond() {
        return seconds > 0 ? measured / seconds : 0;
    }

    /** Client payload throughput in MiB/s (message octets, not counting commands or trace fields). */
    double mebibytesPerSecond() {
        return messagesPerSecond() * spec.messageSize() / (1024.0 * 1024.0);
    }

    boolean verifiable() {
        return serverReceived >= 0;
    }

    /** Clean and, when the server could be asked, every acknowledged message stored and nothing else. */
    boolean ok() {
        return errors.isEmpty() && (!verifiable() || serverReceived == acknowledged);
    }

    String check() {
        if (!errors.isEmpty()) {
            return "FAILED: " + errors.size() + " error(s)";
        }
        if (!verifiable()) {
            return "not checked (external)";
        }
        return serverReceived == acknowledged ? "ok, no loss"
                : "MISMATCH: stored " + serverReceived + " vs acked " + acknowledged;
    }
}
