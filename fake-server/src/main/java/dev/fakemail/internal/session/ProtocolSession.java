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

    /** How a client line appears in the transcript; secrets are masked here. */
    default String transcriptOf(byte[] line) {
        return new String(line, java.nio.charset.StandardCharsets.UTF_8);
    }
}
