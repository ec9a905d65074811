package dev.fakemail.internal.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A transport over a TCP socket, possibly already TLS (implicit TLS listeners hand over an SSLSocket). Read
 * timeouts of a plain socket are kept by {@link ReadTimeouts} (its reads stay blocking, one system call each);
 * a TLS socket uses {@code SO_TIMEOUT}, as the TLS engine reads the socket itself.
 */
public final class SocketTransport implements Transport {
    private final Socket socket;
    private final long writeTimeoutMillis;
    /** The guarded input of a plain socket; null for TLS. */
    private ReadTimeouts.Guarded input;

    public SocketTransport(Socket socket) {
        this(socket, 0);
    }

    /** @param writeTimeoutMillis how long one write may block before the connection is closed; 0 for ever */
    public SocketTransport(Socket socket, long writeTimeoutMillis) {
        this.socket = socket;
        this.writeTimeoutMillis = writeTimeoutMillis;
    }

    @Override
    public InputStream input() throws IOException {
        if (socket instanceof SSLSocket) {
            return socket.getInputStream();
        }
        return guardedInput();
    }

    private ReadTimeouts.Guarded guardedInput() throws IOException {
        if (input == null) {
            input = ReadTimeouts.guard(socket, socket.getInputStream());
        }
        return input;
    }

    @Override
    public OutputStream output() throws IOException {
        return WriteTimeouts.guard(socket, socket.getOutputStream(), writeTimeoutMillis);
    }

    @Override
    public Transport startTls(SSLContext context) throws IOException {
        SSLSocket sslSocket = (SSLSocket) context.getSocketFactory()
                .createSocket(socket, null, socket.getPort(), true);
        sslSocket.setUseClientMode(false);
        sslSocket.setSoTimeout(readTimeout()); // the plain input is read no more: the TLS engine reads the socket
        if (input != null) {
            input.forget();
        }
        sslSocket.startHandshake();
        return new SocketTransport(sslSocket, writeTimeoutMillis);
    }

    @Override
    public String tlsDescription() {
        SSLSession session = tlsSession();
        return session == null ? null : session.getProtocol() + " " + session.getCipherSuite();
    }

    @Override
    public String tlsProtocol() {
        SSLSession session = tlsSession();
        return session == null ? null : session.getProtocol();
    }

    private SSLSession tlsSession() {
        return socket instanceof SSLSocket sslSocket ? sslSocket.getSession() : null;
    }

    @Override
    public void setReadTimeout(int millis) throws IOException {
        if (socket instanceof SSLSocket) {
            socket.setSoTimeout(millis);
        } else {
            guardedInput().timeout(millis);
        }
    }

    @Override
    public int readTimeout() throws IOException {
        if (socket instanceof SSLSocket) {
            return socket.getSoTimeout();
        }
        return input == null ? 0 : input.timeoutMillis();
    }

    @Override
    public void reset() {
        try {
            socket.setSoLinger(true, 0); // close() now sends RST and drops unsent data
        } catch (IOException ignored) {
            // closing anyway
        }
        close();
    }

    @Override
    public void close() {
        if (input != null) {
            input.forget();
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
