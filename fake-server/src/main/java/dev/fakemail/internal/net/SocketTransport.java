package dev.fakemail.internal.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/** A transport over a TCP socket, possibly already TLS (implicit TLS listeners hand over an SSLSocket). */
public final class SocketTransport implements Transport {
    private final Socket socket;
    private final long writeTimeoutMillis;

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
        return socket.getInputStream();
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
        socket.setSoTimeout(millis);
    }

    @Override
    public int readTimeout() throws IOException {
        return socket.getSoTimeout();
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
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
