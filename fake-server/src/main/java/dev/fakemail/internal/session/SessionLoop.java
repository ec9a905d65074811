package dev.fakemail.internal.session;

import dev.fakemail.internal.net.FrameReader;
import dev.fakemail.internal.net.FrameReader.DotResult;
import dev.fakemail.internal.net.GrowableBytes;
import dev.fakemail.journal.Transcript;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The one loop every protocol runs on: read a frame, let the protocol session answer, write the answer,
 * record both in the transcript. Replies are buffered and flushed when the loop is about to wait for the
 * client, so pipelined commands are answered in one write and nothing waits on a delayed ACK.
 */
public final class SessionLoop implements Runnable {
    private static final int OUTPUT_BUFFER = 16 * 1024;

    private final Socket socket;
    private final ProtocolSession session;
    private final ConnectionInfo connection;
    private final Transcript transcript;
    private final Supplier<SSLContext> tls;
    private final Runnable onExit;
    private final GrowableBytes data = new GrowableBytes();
    private Socket activeSocket;
    private OutputStream out;
    private FrameReader reader;

    public SessionLoop(Socket socket, ProtocolSession session, ConnectionInfo connection, Transcript transcript,
            Supplier<SSLContext> tls, Runnable onExit) {
        this.socket = socket;
        this.session = session;
        this.connection = connection;
        this.transcript = transcript;
        this.tls = tls;
        this.onExit = onExit;
    }

    @Override
    public void run() {
        try {
            activeSocket = socket;
            if (socket instanceof SSLSocket sslSocket) {
                sslSocket.startHandshake();
                connection.tlsStarted(sslSocket.getSession().getProtocol());
                transcript.event("TLS " + sslSocket.getSession().getProtocol() + " "
                        + sslSocket.getSession().getCipherSuite());
            }
            attachStreams(activeSocket);
            converse();
        } catch (SocketTimeoutException timeout) {
            transcript.event("idle timeout");
            sendQuietly(session.onIdleTimeout());
        } catch (IOException | UncheckedIOException gone) {
            transcript.event("connection lost: " + gone.getMessage());
        } finally {
            session.onEnd();
            closeQuietly();
            transcript.event("closed");
            transcript.end();
            onExit.run();
        }
    }

    private void converse() throws IOException {
        Reply reply = session.greeting();
        send(reply);
        while (true) {
            switch (reply.next()) {
                case CLOSE:
                    flush();
                    return;
                case START_TLS:
                    flush();
                    reply = startTls();
                    break;
                case DOT_DATA:
                    reply = readDotData(reply);
                    break;
                case BYTES:
                    reply = readBytes(reply);
                    break;
                default:
                    reply = readCommand();
                    if (reply == null) {
                        transcript.event("client closed the connection");
                        return;
                    }
            }
            send(reply);
        }
    }

    private Reply readCommand() throws IOException {
        byte[] line;
        try {
            line = reader.readLine(session.maxLineLength());
        } catch (FrameReader.LineTooLongException tooLong) {
            transcript.client("<line longer than " + session.maxLineLength() + " octets>");
            return session.onLineTooLong();
        }
        if (line == null) {
            return null;
        }
        transcript.client(session.transcriptOf(line));
        return session.onLine(line);
    }

    private Reply readDotData(Reply request) throws IOException {
        data.reset();
        DotResult result = reader.readDotTerminated(data, request.keepAtMost(), session.maxLineLength());
        transcript.client("<message data: " + data.length() + " octets kept, " + result + ">");
        return session.onDotData(result, data);
    }

    private Reply readBytes(Reply request) throws IOException {
        data.reset();
        boolean complete = reader.readExactly(request.frameLength(), data, request.keepAtMost());
        transcript.client("<" + request.frameLength() + " octets" + (complete ? "" : ", cut short") + ">");
        return session.onBytes(complete, data);
    }

    private Reply startTls() throws IOException {
        int dropped = reader.discardBuffered();
        if (dropped > 0) {
            transcript.event("discarded " + dropped + " octets sent before the TLS handshake");
        }
        SSLSocket sslSocket = (SSLSocket) tls.get().getSocketFactory()
                .createSocket(activeSocket, null, activeSocket.getPort(), true);
        sslSocket.setUseClientMode(false);
        sslSocket.startHandshake();
        activeSocket = sslSocket;
        connection.tlsStarted(sslSocket.getSession().getProtocol());
        transcript.event("TLS " + sslSocket.getSession().getProtocol() + " " + sslSocket.getSession().getCipherSuite());
        attachStreams(sslSocket);
        return session.onTlsStarted();
    }

    private void attachStreams(Socket current) throws IOException {
        out = new BufferedOutputStream(current.getOutputStream(), OUTPUT_BUFFER);
        reader = new FrameReader(current.getInputStream(), this::flushBeforeBlocking);
    }

    private void send(Reply reply) throws IOException {
        byte[] wire = reply.wire();
        if (wire.length == 0) {
            return;
        }
        for (String line : new String(wire, StandardCharsets.UTF_8).split("\r\n")) {
            transcript.server(line);
        }
        out.write(wire);
    }

    private void sendQuietly(Reply reply) {
        try {
            send(reply);
            flush();
        } catch (IOException ignored) {
            // the client is gone already; nothing else to tell it
        }
    }

    private void flush() throws IOException {
        out.flush();
    }

    private void flushBeforeBlocking() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void closeQuietly() {
        try {
            if (out != null) {
                out.flush();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            activeSocket.close();
        } catch (IOException | RuntimeException ignored) {
            // already closed
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
