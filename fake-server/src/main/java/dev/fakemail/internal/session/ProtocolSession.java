package dev.fakemail.internal.session;

import dev.fakemail.internal.net.FrameReader.DotResult;
import dev.fakemail.internal.net.GrowableBytes;

/**
 * One protocol's side of a session, driven by the {@link SessionLoop}. Each method returns the reply and
 * so says what the loop reads next. Implementations keep protocol state only; the loop owns the socket.
 *
 * <p>Threads: every method runs on the session's own thread, except {@link #pushed()}, which runs on
 * whichever thread writes pushed output while the session is idle. {@link #pushed()} and
 * {@link #onIdleLine}, {@link #onIdleTimeout} and {@link #onEnd} all run under the connection's output lock,
 * so a session that touches its state there needs no locking of its own.
 */
public interface ProtocolSession {
    Reply greeting();

    /**
     * Parses a client line (without its line end) once, into the value the fault rules, the transcript and
     * {@link #onCommand} all see. Called right before {@code onCommand}, with no other call between, so it
     * may depend on the session's state (a SASL response is no command). Must not change that state.
     */
    SessionCommand parse(byte[] line);

    /** Runs the command {@link #parse} returned (unless a fault rule answered it instead). */
    Reply onCommand(SessionCommand command);

    /** A line longer than {@link #maxLineLength()} arrived and was skipped. */
    Reply onLineTooLong();

    /** The dot-terminated data asked for by the previous reply. */
    Reply onDotData(DotResult result, GrowableBytes data);

    /** The byte frame or literal asked for by the previous reply; {@code complete} is false if the client went away. */
    Reply onBytes(boolean complete, GrowableBytes data);

    /**
     * A line the client sent while the session was idle ({@link Reply#thenIdle}): IMAP's "DONE". A reply
     * that is not itself {@code thenIdle()} ends the idle state; pushed output is held back again from then on.
     */
    default Reply onIdleLine(byte[] line) {
        throw new IllegalStateException("this protocol never idles");
    }

    /**
     * While idle: the pushed output to write now, rendered from what the session's {@link Outbox} holds
     * ({@link Reply#none()} for nothing). Runs on the pushing thread, under the output lock.
     */
    default Reply pushed() {
        return Reply.none();
    }

    /**
     * Whether {@link #pushed} output may go out while the loop waits for the next command (IMAP NOTIFY), not
     * only in the idle state.
     */
    default boolean pushesBetweenCommands() {
        return false;
    }

    /** The TLS handshake after STARTTLS succeeded; the protocol forgets what it knew before (RFC 3207 §4.2). */
    Reply onTlsStarted();

    /** The client said nothing for the idle timeout. */
    Reply onIdleTimeout();

    /** The session is over, however it ended; anything unfinished is dropped here. */
    void onEnd();

    /** Longest accepted line, in octets including CR LF. */
    int maxLineLength();

    /** True while a multi-step exchange (SASL, a command with literals) waits for the client's next line. */
    default boolean awaitsContinuation() {
        return false;
    }

    /** The longest line of dot-terminated message data (SMTP DATA); by default the command line limit. */
    default int maxDataLineLength() {
        return maxLineLength();
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

    /**
     * A literal fault rule answered instead of the literal the session asked for ({@link Reply#thenReadLiteral}),
     * before it was read ({@code literal} null) or after it arrived: the session drops the command it was
     * reading and returns what to send (the fault's reply, perhaps followed by reading what the client sends
     * anyway, e.g. a LITERAL+ literal).
     */
    default Reply onLiteralRefusedByFault(Reply fault, long length, GrowableBytes literal) {
        return fault;
    }

    /** The IMAP fault effects on the store (expunge-elsewhere, new-uidvalidity); null where they do not apply. */
    default dev.fakemail.internal.fault.MailboxEffects mailboxEffects() {
        return null;
    }
}
