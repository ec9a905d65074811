package dev.fakemail.internal.net;

import java.nio.charset.StandardCharsets;

/**
 * How many connections one listener keeps open at once, in all and per client address, and the line it
 * writes to a connection beyond either limit before closing it (SMTP {@code 421 4.7.0}, POP3 {@code -ERR
 * [SYS/TEMP]}, IMAP {@code * BYE [UNAVAILABLE]}). Implicit-TLS listeners have no refusal lines: their clients
 * expect a TLS handshake first, so a plain-text line would only garble it; they are closed without a word.
 */
public final class ConnectionLimits {
    private final int maxConnections;
    private final int maxPerClient;
    private final byte[] listenerFull;
    private final byte[] clientFull;

    /**
     * @param listenerFull the whole refusal line, CRLF included, or null to close without one
     * @param clientFull the refusal for a client address at its own limit, or null to close without one
     */
    public ConnectionLimits(int maxConnections, int maxPerClient, String listenerFull, String clientFull) {
        if (maxConnections < 1 || maxPerClient < 1) {
            throw new IllegalArgumentException("connection limits must be positive, got " + maxConnections
                    + " and " + maxPerClient);
        }
        this.maxConnections = maxConnections;
        this.maxPerClient = maxPerClient;
        this.listenerFull = bytes(listenerFull);
        this.clientFull = bytes(clientFull);
    }

    /** No limit worth the name, no refusal lines: for tests of the accept loop itself. */
    static ConnectionLimits unlimited() {
        return new ConnectionLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, null, null);
    }

    int maxConnections() {
        return maxConnections;
    }

    int maxPerClient() {
        return maxPerClient;
    }

    /** What to write to a connection of a full listener (empty: write nothing, just close). */
    byte[] listenerFull() {
        return listenerFull;
    }

    /** What to write to a client already holding {@link #maxPerClient()} connections (empty: just close). */
    byte[] clientFull() {
        return clientFull;
    }

    private static byte[] bytes(String line) {
        return line == null ? new byte[0] : line.getBytes(StandardCharsets.US_ASCII);
    }
}
