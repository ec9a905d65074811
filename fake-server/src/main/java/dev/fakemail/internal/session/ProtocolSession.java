package dev.fakemail.internal.session;

import dev.fakemail.internal.net.FrameReader.DotResult;
import dev.fakemail.internal.net.GrowableBytes;

/**
 * One protocol's side of a session, driven by the {@link SessionLoop}. Each method returns the reply and
 * so says what the loop reads next. Implementations keep protocol state only; the loop owns the socket.
 */
public interface ProtocolSession {
    Reply greeting();

    /** A command line (without its line end). */
    Reply onLine(byte[] line);

    /** A line longer than {@link #maxLineLength()} arrived and was skipped. */
    Reply onLineTooLong();

    /** The dot-terminated data asked for by the previous reply. */
    Reply onDotData(DotResult result, GrowableBytes data);

    /** The byte frame asked for by the previous reply; {@code complete} is false if the client went away. */
    Reply onBytes(boolean complete, GrowableBytes data);

    /** The TLS handshake after STARTTLS succeeded; the protocol forgets what it knew before (RFC 3207 §4.2). */
    Reply onTlsStarted();

    /** The client said nothing for the idle timeout. */
    Reply onIdleTimeout();

    /** The session is over, however it ended; anything unfinished is dropped here. */
    void onEnd();

    /** Longest accepted line, in octets including CR LF. */
    int maxLineLength();

    /**
     * What fault rules see of a command line: its verb (upper case) and the argument they match (for SMTP
     * MAIL/RCPT the address); null when the line is not a command (a SASL response).
     */
    default String[] faultView(byte[] line) {
        return null;
    }

    /** True while a multi-step exchange (SASL) waits for the client's next line: its command is not over yet. */
    default boolean awaitsContinuation() {
        return false;
    }

    /**
     * Output to push now, unasked (IMAP IDLE: EXISTS, EXPUNGE, FETCH), or null. Called on a pusher thread when
     * the session asked for it through {@link ConnectionInfo#requestPush}, while the loop may be blocked reading;
     * the loop's writes and this call never overlap.
     */
    default Reply pendingPush() {
        return null;
    }

    /**
     * A reply was written (not yet flushed), under the output lock: pushed output requested from now on comes
     * after it (IMAP arms IDLE pushes once "+ idling" is out).
     */
    default void onReplySent() {
    }

    /** A scripted reply worded for this protocol. */
    Reply faultReply(int code, String status, String text, boolean disconnect);

    /**
     * A fault rule refused or cut off the message that just arrived whole ({@code data}: its last part). The
     * message is not stored; when the connection ends without a reply ({@code fault.next()} is CLOSE, RESET or
     * STALL) the session records it as unacknowledged (the "was it sent?" case).
     */
    default void onDataRefusedByFault(GrowableBytes data, Reply fault) {
    }

    /** How a client line appears in the transcript; secrets are masked here. */
    default String transcriptOf(byte[] line) {
        return new String(line, java.nio.charset.StandardCharsets.UTF_8);
    }
}
