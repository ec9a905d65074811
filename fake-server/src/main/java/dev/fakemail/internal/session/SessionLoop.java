package dev.fakemail.internal.session;

import dev.fakemail.internal.fault.FaultInterruption;
import dev.fakemail.internal.fault.FaultReplies;
import dev.fakemail.internal.fault.SessionFaults;
import dev.fakemail.internal.fault.ShapedInputStream;
import dev.fakemail.internal.fault.ShapedOutputStream;
import dev.fakemail.internal.net.FrameReader;
import dev.fakemail.internal.net.FrameReader.DotResult;
import dev.fakemail.internal.net.GrowableBytes;
import dev.fakemail.internal.net.Transport;
import dev.fakemail.journal.Transcript;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The one loop every protocol runs on: read a frame, let the protocol session answer, write the answer,
 * record both in the transcript. Replies are buffered and flushed when the loop is about to wait for the
 * client, so pipelined commands are answered in one write and nothing waits on a delayed ACK. Fault rules
 * are consulted at each trigger point; with none configured that costs one volatile read per frame.
 */
public final class SessionLoop implements Runnable {
    private static final int OUTPUT_BUFFER = 16 * 1024;

    private final ProtocolSession session;
    private final ConnectionInfo connection;
    private final Transcript transcript;
    private final Supplier<SSLContext> tls;
    private final Runnable onExit;
    private final SessionFaults faults;
    private final FaultReplies faultReplies;
    private final boolean implicitTls;
    private final GrowableBytes data = new GrowableBytes();
    /** Held for every write and flush: pushed output (another thread) and the loop's replies never interleave. */
    private final java.util.concurrent.locks.ReentrantLock outputLock = new java.util.concurrent.locks.ReentrantLock();
    private Transport transport;
    private OutputStream out;
    private FrameReader reader;

    public SessionLoop(Transport transport, ProtocolSession session, ConnectionInfo connection,
            Transcript transcript, Supplier<SSLContext> tls, Runnable onExit) {
        this(transport, session, connection, transcript, tls, onExit, false);
    }

    /** With {@code implicitTls} the handshake runs here first, after the connect and TLS triggers. */
    public SessionLoop(Transport transport, ProtocolSession session, ConnectionInfo connection,
            Transcript transcript, Supplier<SSLContext> tls, Runnable onExit, boolean implicitTls) {
        this.implicitTls = implicitTls;
        this.transport = transport;
        this.session = session;
        this.connection = connection;
        this.transcript = transcript;
        this.tls = tls;
        this.onExit = onExit;
        this.faults = connection.faults();
        this.faultReplies = session::faultReply;
    }

    @Override
    public void run() {
        try {
            faults.beforeWaiting(this::flushBeforeBlocking);
            faults.onShapingStarted(this::shapeStreams);
            faults.open();
            Reply first = faults.isActive() ? faults.onConnect(faultReplies) : null;
            boolean silentEnd = first != null && first.wire().length == 0;
            if (!silentEnd && implicitTls) {
                Reply tlsFault = faults.isActive() ? faults.onTlsHandshake(faultReplies) : null;
                if (tlsFault != null) {
                    first = tlsFault; // close, reset or stall before the handshake: the client's handshake fails
                } else if (!implicitHandshake()) {
                    return;
                }
            }
            attachStreams();
            connection.onPushRequest(() -> Pushers.EXECUTOR.execute(this::push));
            converse(first != null ? first : session.greeting());
        } catch (SocketTimeoutException timeout) {
            transcript.event("idle timeout");
            sendQuietly(session.onIdleTimeout());
        } catch (IOException | UncheckedIOException gone) {
            transcript.event("connection lost: " + gone.getMessage());
        } finally {
            connection.onPushRequest(() -> { });
            session.onEnd();
            closeQuietly();
            transcript.event("closed");
            transcript.end();
            onExit.run();
        }
    }

    private boolean implicitHandshake() {
        try {
            handshake();
            return true;
        } catch (IOException e) {
            transcript.event("TLS handshake failed: " + e.getMessage());
            return false;
        }
    }

    /** The server side of a TLS handshake (implicit TLS or after STARTTLS/STLS); the session is now encrypted. */
    private void handshake() throws IOException {
        transport = transport.startTls(tls.get());
        connection.tlsStarted(transport.tlsProtocol());
        transcript.event("TLS " + transport.tlsDescription());
    }

    private void converse(Reply firstReply) throws IOException {
        Reply reply = firstReply;
        send(reply);
        while (true) {
            switch (reply.next()) {
                case CLOSE:
                    flush();
                    return;
                case RESET:
                    flush();
                    transcript.event("connection reset (RST) by a fault rule");
                    transport.reset();
                    return;
                case STALL:
                    flush();
                    stall(reply.stallMillis());
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
                    reply = faults.isActive() && !session.awaitsContinuation() ? faults.afterReply(faultReplies) : null;
                    if (reply == null) {
                        reply = readCommand();
                    }
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
        if (faults.isActive()) {
            String[] command = session.faultView(line);
            if (command != null) {
                Reply scripted = faults.onCommand(command[0], command[1], faultReplies);
                if (scripted != null) {
                    return scripted;
                }
            }
        }
        return session.onLine(line);
    }

    private Reply readDotData(Reply request) throws IOException {
        data.reset();
        DotResult result;
        try {
            FrameReader.DataLineObserver observer = faults.isActive() && faults.watchesDataLines()
                    ? (bytes, offset, length) -> faults.onDataLine(bytes, offset, length, faultReplies) : null;
            result = reader.readDotTerminated(data, request.keepAtMost(), session.maxLineLength(), observer);
        } catch (FaultInterruption interruption) {
            transcript.event("message data cut off by a fault rule after " + data.length() + " octets; nothing stored");
            return interruption.reply();
        }
        if (result == DotResult.END_OF_STREAM) {
            transcript.event("client closed the connection in the middle of the data; nothing stored");
        } else {
            transcript.client("<message data: " + data.length() + " octets kept, " + result + ">");
        }
        if (result == DotResult.COMPLETE && faults.isActive()) {
            Reply scripted = faults.onEndOfData(faultReplies);
            if (scripted != null) {
                refuseData(scripted);
                return scripted;
            }
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
        if (complete && request.endsMessage() && faults.isActive()) {
            Reply scripted = faults.onEndOfData(faultReplies);
            if (scripted != null) {
                refuseData(scripted);
                return scripted;
            }
        }
        return session.onBytes(complete, data);
    }

    private void refuseData(Reply scripted) {
        if (scripted.wire().length == 0) {
            transcript.event("the whole message arrived but the client gets no reply: recorded as unacknowledged,"
                    + " not delivered");
        } else {
            transcript.event("message refused by a fault rule; nothing stored");
        }
        session.onDataRefusedByFault(data, scripted);
    }

    private Reply startTls() throws IOException {
        if (faults.isActive()) {
            Reply scripted = faults.onTlsHandshake(faultReplies);
            if (scripted != null) {
                return scripted;
            }
        }
        int dropped = reader.discardBuffered();
        if (dropped > 0) {
            transcript.event("discarded " + dropped + " octets sent before the TLS handshake");
        }
        handshake();
        attachStreams();
        return session.onTlsStarted();
    }

    /** Holds the connection without a word; the client's bytes are read and dropped. */
    private void stall(long millis) throws IOException {
        if (millis < 0) {
            transcript.event("stalled: holding the connection without a word until the client leaves");
            transport.setReadTimeout(0);
            reader.discardUntilEnd();
            transcript.event("client closed the connection");
            return;
        }
        transcript.event("stalled: holding the connection without a word for " + millis + " ms");
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                transcript.event("stall over: closing without a word");
                return;
            }
            transport.setReadTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, left)));
            try {
                reader.discardUntilEnd();
                transcript.event("client closed the connection");
                return;
            } catch (SocketTimeoutException stillWaiting) {
                // check the deadline again
            }
        }
    }

    private void attachStreams() throws IOException {
        reader = new FrameReader(transport.input(), this::flushBeforeBlocking);
        out = new BufferedOutputStream(transport.output(), OUTPUT_BUFFER);
        if (faults.shaping() != null) {
            shapeStreams();
        }
    }

    /** The first byte effect fired: from now on both directions pass through the connection's shaping. */
    private void shapeStreams() {
        if (out == null) {
            return; // not attached yet (connect trigger): attachStreams shapes them
        }
        try {
            out.flush();
            out = new BufferedOutputStream(new ShapedOutputStream(transport.output(), faults.shaping(),
                    faults.sleeper(), transport::close), OUTPUT_BUFFER);
            reader.replaceInput(new ShapedInputStream(transport.input(), faults.shaping(), faults.sleeper()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** On a pusher thread: writes what the session wants pushed, under the output lock. */
    private void push() {
        outputLock.lock();
        try {
            Reply pushed = session.pendingPush();
            if (pushed != null && pushed.wire().length > 0 && out != null) {
                sendUnlocked(pushed);
                out.flush();
            }
        } catch (IOException | UncheckedIOException gone) {
            transport.close(); // the loop's read fails and ends the session
        } finally {
            outputLock.unlock();
        }
    }

    private void send(Reply reply) throws IOException {
        outputLock.lock();
        try {
            sendUnlocked(reply);
            session.onReplySent();
        } finally {
            outputLock.unlock();
        }
    }

    private void sendUnlocked(Reply reply) throws IOException {
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
        outputLock.lock();
        try {
            out.flush();
        } finally {
            outputLock.unlock();
        }
    }

    private void flushBeforeBlocking() {
        if (out == null) {
            return;
        }
        try {
            flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void closeQuietly() {
        try {
            if (out != null) {
                out.flush();
            }
        } catch (IOException | UncheckedIOException ignored) {
            // closing anyway
        }
        transport.close();
    }
}
