package dev.fakemail.internal.session;

import dev.fakemail.internal.fault.FaultInterruption;
import dev.fakemail.internal.fault.FaultReplies;
import dev.fakemail.internal.fault.SessionFaults;
import dev.fakemail.internal.fault.ShapedInputStream;
import dev.fakemail.internal.fault.ShapedOutputStream;
import dev.fakemail.internal.journal.TranscriptWriter;
import dev.fakemail.internal.net.FrameReader.DotResult;
import dev.fakemail.internal.net.FrameReader;
import dev.fakemail.internal.net.GrowableBytes;
import dev.fakemail.internal.net.Transport;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The one loop every protocol runs on: read a frame, let the protocol session answer, write the answer,
 * record both in the transcript. Replies are buffered and flushed when the loop is about to wait for the
 * client, so pipelined commands are answered in one write and nothing waits on a delayed ACK. Fault rules
 * are consulted at each trigger point; with none configured that costs one volatile read per frame.
 *
 * <p>All output goes through one lock ({@link LoopOutput}). While the session is idle ({@link Reply#thenIdle})
 * another thread may write through it too: a wake on the connection's {@link SessionOutput} runs
 * {@link #drainPushed} on a pusher thread, so pushed output leaves within the time it takes to schedule it.
 */
public final class SessionLoop implements Runnable {
    private static final int OUTPUT_BUFFER = 16 * 1024;
    /** How long the end of a session waits for a pusher's write before it closes the socket under it. */
    private static final long END_LOCK_WAIT_MILLIS = 200;

    private final ProtocolSession session;
    private final ConnectionInfo connection;
    private final TranscriptWriter transcript;
    private final Supplier<SSLContext> tls;
    private final Runnable onExit;
    private final SessionFaults faults;
    private final FaultReplies faultReplies;
    private final boolean implicitTls;
    private final GrowableBytes data = new GrowableBytes();
    private final LoopOutput output;
    private final SessionOutput pushes;
    /** Replaced by the TLS handshake; read by a pusher thread that closes a broken connection. */
    private volatile Transport transport;
    private FrameReader reader;
    /** COMPRESS=DEFLATE once started (RFC 4978): above the byte shaping, so faults act on compressed octets. */
    private dev.fakemail.internal.net.Deflate deflate;
    /** The last message data line of the transcript, with the size and outcome it says: see {@link #dataNote}. */
    private String lastDataNote;
    private int lastDataNoteLength = -1;
    private DotResult lastDataNoteResult;

    public SessionLoop(Transport transport, ProtocolSession session, ConnectionInfo connection,
            TranscriptWriter transcript, Supplier<SSLContext> tls, Runnable onExit) {
        this(transport, session, connection, transcript, tls, onExit, false);
    }

    /** With {@code implicitTls} the handshake runs here first, after the connect and TLS triggers. */
    public SessionLoop(Transport transport, ProtocolSession session, ConnectionInfo connection,
            TranscriptWriter transcript, Supplier<SSLContext> tls, Runnable onExit, boolean implicitTls) {
        this.implicitTls = implicitTls;
        this.transport = transport;
        this.session = session;
        this.connection = connection;
        this.transcript = transcript;
        this.tls = tls;
        this.onExit = onExit;
        this.faults = connection.faults();
        this.faultReplies = session::faultReply;
        this.output = new LoopOutput(transcript);
        this.pushes = connection.output();
    }

    @Override
    public void run() {
        try {
            faults.beforeWaiting(output::flushUnchecked);
            faults.onShapingStarted(this::shapeStreams);
            faults.untaggedOutput(this::sendUntagged);
            faults.mailboxEffects(session.mailboxEffects());
            pushes.attach(this::drainPushed);
            faults.open();
            Reply first = faults.isActive() ? faults.onConnect(faultReplies) : null;
            boolean silentEnd = first != null && first.isSilent();
            if (!silentEnd && implicitTls) {
                Reply tlsFault = faults.isActive() ? faults.onTlsHandshake(faultReplies) : null;
                if (tlsFault != null) {
                    first = tlsFault; // close, reset or stall before the handshake: the client's handshake fails
                } else if (!implicitHandshake()) {
                    return;
                }
            }
            attachStreams();
            converse(first != null ? first : session.greeting());
        } catch (SocketTimeoutException timeout) {
            transcript.event("idle timeout");
            timedOut();
        } catch (IOException | UncheckedIOException gone) {
            transcript.event("connection lost: " + gone.getMessage());
        } finally {
            pushes.close();
            end();
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
        Reply reply = beforeLiteral(firstReply);
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
                case START_COMPRESS:
                    flush();
                    reply = startCompress();
                    break;
                case DOT_DATA:
                    reply = readDotData(reply);
                    break;
                case BYTES:
                    reply = reply.readsLiteral() ? readLiteral(reply) : readBytes(reply);
                    break;
                case IDLE:
                    reply = idle(reply);
                    if (reply == null) {
                        transcript.event("client closed the connection");
                        return;
                    }
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
            reply = beforeLiteral(reply);
            send(reply);
        }
    }

    private Reply readCommand() throws IOException {
        byte[] line;
        boolean pushing = !session.awaitsContinuation() && session.pushesBetweenCommands();
        if (pushing && !startPushing()) {
            return null;
        }
        try {
            line = reader.readLine(session.maxLineLength());
        } catch (FrameReader.LineTooLongException tooLong) {
            transcript.client("<line longer than " + session.maxLineLength() + " octets>");
            return session.onLineTooLong();
        } finally {
            if (pushing) {
                leaveIdle(() -> null); // the command is the session's own again: no pushed byte follows now
            }
        }
        if (line == null) {
            return null;
        }
        SessionCommand command = session.parse(line);
        transcript.client(command.transcriptText());
        if (faults.isActive() && command.isCommand()) {
            Reply scripted = faults.onCommand(command, faultReplies);
            if (scripted != null) {
                return scripted;
            }
        }
        return session.onCommand(command);
    }

    private Reply readDotData(Reply request) throws IOException {
        data.reset();
        DotResult result;
        try {
            FrameReader.DataLineObserver observer = faults.isActive() && faults.watchesDataLines()
                    ? (bytes, offset, length) -> faults.onDataLine(bytes, offset, length, faultReplies) : null;
            result = reader.readDotTerminated(data, request.keepAtMost(), session.maxDataLineLength(), observer);
        } catch (FaultInterruption interruption) {
            transcript.event("message data cut off by a fault rule after " + data.length() + " octets; nothing stored");
            return interruption.reply();
        }
        if (result == DotResult.END_OF_STREAM) {
            transcript.event("client closed the connection in the middle of the data; nothing stored");
        } else {
            transcript.client(dataNote(data.length(), result));
        }
        Reply refused = result == DotResult.COMPLETE ? refusedAtEndOfData() : null;
        return refused != null ? refused : session.onDotData(result, data);
    }

    /**
     * The transcript's line for a message's data. A session that sends many messages mostly sends them alike, so
     * the last line is reused while the size and the outcome stay the same.
     */
    private String dataNote(int length, DotResult result) {
        if (length != lastDataNoteLength || result != lastDataNoteResult) {
            lastDataNote = "<message data: " + length + " octets kept, " + result + ">";
            lastDataNoteLength = length;
            lastDataNoteResult = result;
        }
        return lastDataNote;
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
        Reply refused = complete && request.endsMessage() ? refusedAtEndOfData() : null;
        return refused != null ? refused : session.onBytes(complete, data);
    }

    /** The end-of-data fault hook, once a whole message was read: a scripted reply refuses it; else null. */
    private Reply refusedAtEndOfData() throws IOException {
        if (!faults.isActive()) {
            return null;
        }
        Reply scripted = faults.onEndOfData(faultReplies);
        if (scripted != null) {
            refuseData(scripted);
        }
        return scripted;
    }

    /**
     * The literal hook before a literal is asked for (before the "+" continuation; for LITERAL+ before it is
     * read): a scripted reply replaces the request and the session drops the command it was reading.
     */
    private Reply beforeLiteral(Reply reply) throws IOException {
        if (!reply.readsLiteral() || !faults.isActive()) {
            return reply;
        }
        Reply scripted = faults.onLiteral(reply.frameLength(), faultReplies);
        if (scripted == null) {
            return reply;
        }
        transcript.event("literal of " + reply.frameLength() + " octets refused by a fault rule before it was read");
        return session.onLiteralRefusedByFault(scripted, reply.frameLength(), null);
    }

    private Reply readLiteral(Reply request) throws IOException {
        data.reset();
        boolean complete = reader.readExactly(request.frameLength(), data, request.keepAtMost());
        if (!complete) {
            transcript.event("client closed the connection in the middle of a " + request.frameLength()
                    + " octet literal");
            return session.onBytes(false, data);
        }
        transcript.client("<literal: " + request.frameLength() + " octets"
                + (data.length() < request.frameLength() ? ", " + data.length() + " kept" : "") + ">");
        if (faults.isActive()) {
            Reply scripted = faults.onLiteralEnd(request.frameLength(), faultReplies);
            if (scripted != null) {
                transcript.event("literal refused by a fault rule after it arrived");
                return session.onLiteralRefusedByFault(scripted, request.frameLength(), data);
            }
        }
        return session.onBytes(true, data);
    }

    /**
     * The idle state: pushed output goes out as it comes, and client lines go to the session until its reply
     * to one of them ends the state. Returns that reply, or null if the client closed the connection.
     */
    private Reply idle(Reply request) throws IOException {
        int previousTimeout = -1;
        if (request.idleTimeoutMillis() > 0) {
            previousTimeout = transport.readTimeout();
            transport.setReadTimeout((int) Math.min(Integer.MAX_VALUE, request.idleTimeoutMillis()));
        }
        output.lock();
        try {
            pushes.idle(true);
            Reply queued = session.pushed(); // what was queued before the idle state began; later wakes drain
            send(queued);
            flush();
            if (queued.next() == Reply.Next.CLOSE) {
                pushes.idle(false);
                return queued;
            }
        } finally {
            output.unlock();
        }
        if (faults.isActive()) {
            Reply scripted = faults.onIdle(faultReplies);
            flush(); // an untagged line a rule sent goes out now
            if (scripted != null) {
                return leaveIdle(() -> scripted);
            }
        }
        try {
            while (true) {
                byte[] line;
                try {
                    line = reader.readLine(session.maxLineLength());
                } catch (FrameReader.LineTooLongException tooLong) {
                    transcript.client("<line longer than " + session.maxLineLength() + " octets>");
                    return leaveIdle(session::onLineTooLong);
                }
                if (line == null) {
                    return null;
                }
                transcript.client(new String(line, java.nio.charset.StandardCharsets.UTF_8));
                Reply reply = lockedForIdle(line);
                if (reply != null) {
                    return reply;
                }
            }
        } finally {
            if (previousTimeout >= 0) {
                transport.setReadTimeout(previousTimeout);
            }
        }
    }

    /**
     * Waiting for a command while the session pushes between commands: what is queued goes out now, later wakes
     * drain on a pusher thread as in the idle state. False when the pushed output closed the connection.
     */
    private boolean startPushing() throws IOException {
        output.lock();
        try {
            pushes.idle(true);
            Reply queued = session.pushed();
            send(queued);
            flush();
            if (queued.next() == Reply.Next.CLOSE) {
                pushes.idle(false);
                transport.close();
                return false;
            }
            return true;
        } finally {
            output.unlock();
        }
    }

    /** Hands an idle line to the session; null if it stays idle (its reply, if any, is already out). */
    private Reply lockedForIdle(byte[] line) throws IOException {
        output.lock();
        try {
            Reply reply = session.onIdleLine(line);
            if (reply.next() == Reply.Next.IDLE) {
                send(reply);
                flush();
                return null;
            }
            pushes.idle(false); // before the lock goes: no pushed byte can follow the reply that ends IDLE
            return reply;
        } finally {
            output.unlock();
        }
    }

    private Reply leaveIdle(java.util.function.Supplier<Reply> reply) {
        output.lock();
        try {
            pushes.idle(false);
            return reply.get();
        } finally {
            output.unlock();
        }
    }

    /** Runs on a pusher thread after a wake while idle: renders and writes what the session's outbox holds. */
    private void drainPushed() {
        output.lock();
        try {
            if (!pushes.isIdle()) {
                return; // the idle state ended before this drain got the lock: the session drains itself
            }
            Reply pushed = session.pushed();
            send(pushed);
            flush();
            if (pushed.next() == Reply.Next.CLOSE) {
                transcript.event("closed by the server while idle");
                pushes.idle(false);
                transport.close(); // the session's blocked read fails now and ends the session
            }
        } catch (IOException | RuntimeException failed) {
            transcript.event("pushed output failed: " + failed.getMessage());
            pushes.idle(false);
            transport.close(); // the session's own read fails now and ends the session
        } finally {
            output.unlock();
        }
    }

    /** The untagged fault effect: one "* ..." line, sent with the next flush (at once while idling). */
    private void sendUntagged(String line) {
        try {
            send(Reply.text("* " + line + "\r\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void refuseData(Reply scripted) {
        if (scripted.isSilent()) {
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

    /** After the uncompressed OK: both directions are DEFLATE from the next octet on (RFC 4978 §3). */
    private Reply startCompress() throws IOException {
        int dropped = reader.discardBuffered();
        if (dropped > 0) {
            transcript.event("discarded " + dropped + " octets sent before compression started");
        }
        deflate = new dev.fakemail.internal.net.Deflate();
        wire();
        transcript.event("COMPRESS=DEFLATE active");
        return Reply.none();
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
        reader = new FrameReader(transport.input(), output::flushUnchecked);
        wire();
    }

    /** The first byte effect fired: from now on both directions pass through the connection's shaping. */
    private void shapeStreams() {
        if (!output.isAttached()) {
            return; // not attached yet (connect trigger): attachStreams shapes them
        }
        try {
            wire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Connects the session's streams to the transport: protocol, then compression (once started), then the
     * fault shaping (once a byte effect fired), then the transport (TLS or not).
     */
    private void wire() throws IOException {
        output.flush(); // what is pending leaves through the streams it was written for
        java.io.OutputStream out = transport.output();
        java.io.InputStream in = transport.input();
        if (faults.shaping() != null) {
            out = new ShapedOutputStream(out, faults.shaping(), faults.sleeper(), transport::close);
            in = new ShapedInputStream(in, faults.shaping(), faults.sleeper());
        }
        if (deflate != null) {
            out = deflate.compressingTo(out);
            in = deflate.decompressingFrom(in);
        }
        output.replace(new BufferedOutputStream(out, OUTPUT_BUFFER));
        reader.replaceInput(in);
    }

    private void send(Reply reply) throws IOException {
        output.send(reply);
    }

    private void flush() throws IOException {
        output.flush();
    }

    /** The idle timeout: the session's last word, unless a pusher's write is stuck on a client that reads nothing. */
    private void timedOut() {
        if (!output.tryLock(END_LOCK_WAIT_MILLIS)) {
            return;
        }
        try {
            pushes.idle(false);
            send(session.onIdleTimeout());
            flush();
        } catch (IOException | UncheckedIOException ignored) {
            // the client is gone already; nothing else to tell it
        } finally {
            output.unlock();
        }
    }

    /** The session's end, under the output lock so no pusher renders at the same time. */
    private void end() {
        if (!output.tryLock(END_LOCK_WAIT_MILLIS)) {
            transport.close(); // a pusher is stuck writing to a client that reads nothing: fail its write
            output.lock();
        }
        try {
            session.onEnd();
        } finally {
            output.unlock();
        }
    }

    private void closeQuietly() {
        if (output.tryLock(END_LOCK_WAIT_MILLIS)) {
            try {
                output.flush();
            } catch (IOException | UncheckedIOException ignored) {
                // closing anyway
            } finally {
                output.unlock();
            }
        }
        transport.close();
    }
}
