package dev.fakemail.internal.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import javax.net.ssl.SSLContext;

/**
 * The byte pipe a session runs over: a socket in production, memory in socket-free tests. Fault effects on
 * bytes (delay, bandwidth, slicing) will wrap these streams, so protocol code never knows about them.
 */
public interface Transport extends AutoCloseable {
    InputStream input() throws IOException;

    OutputStream output() throws IOException;

    /** Read timeout in milliseconds (0: wait forever), for idle timeouts and timed stalls. */
    default void setReadTimeout(int millis) throws IOException {
    }

    /** The read timeout in force, in milliseconds (0: none), so a longer one for a while can be undone. */
    default int readTimeout() throws IOException {
        return 0;
    }

    /** Aborts the connection with a TCP reset (RST) instead of an orderly close. */
    default void reset() {
        close();
    }

    /** Runs the server side of a TLS handshake over this transport and returns the encrypted transport. */
    Transport startTls(SSLContext context) throws IOException;

    /** The negotiated TLS protocol and cipher ("TLSv1.3 TLS_AES_256_GCM_SHA384"), or null in plaintext. */
    String tlsDescription();

    /** The negotiated TLS protocol ("TLSv1.3"), or null in plaintext. */
    String tlsProtocol();

    @Override
    void close();
}
