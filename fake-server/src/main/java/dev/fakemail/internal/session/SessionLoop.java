package dev.fakemail.internal.session;

import dev.fakemail.internal.net.FrameReader;
import dev.fakemail.internal.net.FrameReader.DotResult;
import dev.fakemail.internal.net.GrowableBytes;
import dev.fakemail.journal.Transcript;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import dev.fakemail.internal.net.Transport;
import java.net.SocketTimeoutException;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The one loop every protocol runs on: read a frame, let the protocol session answer, write the answer,
 * record both in the transcript. Replies are buffered and flushed when the loop is about to wait for the
 * client, so pipelined commands are answered in one write and nothing waits on a delayed ACK.
 */
public final class SessionLoop implements Runnable {
    private static final int OUTPUT_BUFFER = 16 * 1024;

    private final ProtocolSession session;
    private final ConnectionInfo connection;
    private final Transcript transcript;
    private final Supplier<SSLContext> tls;
    private final Runnable onExit;
    private final GrowableBytes data = new GrowableBytes();
    private Transport transport;
    private OutputStream out;
    private FrameReader reader;

    /** The transport must be ready: for implicit TLS, with its handshake done. */
    public SessionLoop(Transport transport, ProtocolSession session, ConnectionInfo connection,
            Transcript transcript, Supplier<SSLContext> tls, Runnable onExit) {
        this.transport = transport;
        this.session = session;
        this.connection = connection;
        this.transcript = transcript;
        this.tls = tls;
        this.onExit = onExit;
    }

    @Override
    public void run() {
        try {
            if (transport.tlsProtocol() != null) {
                connection.tlsStarted(transport.tlsProtocol());
                transcript.event("TLS " + transport.tlsDescription());
            }
            attachStreams();
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
        if (transcript.isFull()) {
            transcript.skipped(1);
        } else {
            transcript.client(session.transcriptOf(line));
        }
        return session.onLine(line);
    }

    private Reply readDotData(Reply request) throws IOException {
        data.reset();
        DotResult result = reader.readDotTerminated(data, request.keepAtMost(), session.maxLineLength());
        if (result == DotResult.END_OF_STREAM) {
            transcript.event("client closed the connection in the middle of the data; nothing stored");
        } else {
            transcript.client("<message data: " + data.length() + " octets kept, " + result + ">");
        }
        return session.onDotData(result, data);
    }

    private Reply readBytes(Reply request) throws IOException {
        data.reset();
        boolean complete = reader.readExactly(request.frameLength(), data, request.keepAtMost());
        if (complete) {
            transcript.client("<" + request.frameLength() + " octets>");
        } else {
            transcript.event("client closed the connection in the middle of a " + request.frameLength()
                    + " octet chunk; nothing stored");
        }
        return session.onBytes(complete, data);
    }

    private Reply startTls() throws IOException {
        int dropped = reader.discardBuffered();
        if (dropped > 0) {
            transcript.event("discarded " + dropped + " octets sent before the TLS handshake");
        }
        transport = transport.startTls(tls.get());
        connection.tlsStarted(transport.tlsProtocol());
        transcript.event("TLS " + transport.tlsDescription());
        attachStreams();
        return session.onTlsStarted();
    }

    private void attachStreams() throws IOException {
        out = new BufferedOutputStream(transport.output(), OUTPUT_BUFFER);
        reader = new FrameReader(transport.input(), this::flushBeforeBlocking);
    }

    private void send(Reply reply) throws IOException {
        byte[] wire = reply.wire();
        if (wire.length == 0) {
            return;
        }
        if (transcript.isFull()) {
            transcript.skipped(reply.lineCount()); // a 10,000-line LIST costs no strings once the cap is hit
        } else {
            reply.forEachLine(transcript::server);
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
        transport.close();
    }
}
