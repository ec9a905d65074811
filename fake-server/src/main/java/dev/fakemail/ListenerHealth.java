package dev.fakemail;

import java.time.Instant;

/**
 * Whether one running listener accepts connections. A listener that cannot (no file descriptors left, no
 * thread for a new connection) keeps trying with a back-off; until a connection is served again (or 30 s pass
 * without another failure) it is not accepting, and this says since when and why.
 *
 * @param endpoint where it listens
 * @param accepting false while its accept loop is failing
 * @param failingSince when the current run of failures began; null while accepting
 * @param lastError the latest failure, e.g. {@code java.io.IOException: Too many open files}; null while accepting
 * @param connections connections open right now
 */
public record ListenerHealth(Endpoint endpoint, boolean accepting, Instant failingSince, String lastError,
        int connections) {
}
