package dev.fakemail.internal.session;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a handler returns: the output to send (possibly none) and what the session loop does next: read a
 * line, read data in a given framing, wait idle for pushed output, upgrade to TLS, or close. Handlers never
 * touch the socket. Output is either bytes built up front or a {@link ReplyBody} the loop runs against the
 * connection's (buffered, fault-shaped) stream, so a large answer is never assembled in memory. A reply
 * knows whether it is an error, so error counting never looks at its bytes.
 */
public final class Reply {
    /** What the loop does after sending the reply. */
    public enum Next { LINE, DOT_DATA, BYTES, IDLE, START_TLS, START_COMPRESS, CLOSE, RESET, STALL }

    private static final byte[] NO_BYTES = new byte[0];
    /** Texts up to this length keep their split lines (the everyday replies); longer ones are split each time. */
    private static final int SPLIT_ONCE_LENGTH = 512;
    private static final Reply NONE = new Reply("", NO_BYTES, null, false, Then.READ_LINE);

    /**
     * What the loop does after sending, with what goes with it. {@code frameLength}: for BYTES the frame length;
     * STALL: millis until the close (-1 never); IDLE: read timeout millis (0: keep).
     */
    private record Then(Next next, long frameLength, long keepAtMost, boolean endsMessage, boolean literal) {
        static final Then READ_LINE = new Then(Next.LINE, 0, 0, false, false);
    }

    private final String text;
    private final byte[] wire;
    private final ReplyBody body;
    private final boolean error;
    private final Then then;
    /**
     * The text's lines for the transcript, split once: the common replies are shared constants, written on every
     * command. Racy but safe: an immutable list, the same whichever thread computes it.
     */
    private List<String> lines;

    private Reply(String text, byte[] wire, ReplyBody body, boolean error, Then then) {
        this.text = text;
        this.wire = wire;
        this.body = body;
        this.error = error;
        this.then = then;
    }

    /** Sends this text (it carries its own CR LF line ends), then reads the next command line. */
    public static Reply text(String wireText) {
        return new Reply(wireText, wireText.getBytes(StandardCharsets.UTF_8), null, false, Then.READ_LINE);
    }

    /**
     * A reply of one line, given without its CR LF (it must hold neither): its transcript line is known up front,
     * so nothing is split when it is sent ("250 2.0.0 Ok: queued as 17", built anew for every message).
     */
    public static Reply line(String line) {
        Reply reply = text(line + "\r\n");
        reply.lines = List.of(line);
        return reply;
    }

    /** Like {@link #text} for a reply that reports a client error (it counts towards "too many errors"). */
    public static Reply error(String wireText) {
        return text(wireText).asError();
    }

    /**
     * Sends these bytes as they are (message content, which need not be UTF-8); the transcript shows
     * {@code transcriptText} instead of the content.
     */
    public static Reply bytes(byte[] wire, String transcriptText) {
        return new Reply(transcriptText, wire, null, false, Then.READ_LINE);
    }

    /**
     * Output written by {@code body} straight to the connection when the loop sends it (large answers built
     * from stored bytes: IMAP FETCH); the body also gives the transcript its summary lines.
     */
    public static Reply streamed(ReplyBody body) {
        return new Reply("", NO_BYTES, body, false, Then.READ_LINE);
    }

    /** Sends nothing and reads the next command line. */
    public static Reply none() {
        return NONE;
    }

    /** The same output marked as a client error (counted by the protocol's error limit). */
    public Reply asError() {
        Reply error = new Reply(text, wire, body, true, then);
        error.lines = lines;
        return error;
    }

    /**
     * This output followed by {@code later}'s (pushed untagged lines before a tagged reply, or a reply and
     * the "too many errors" line); what happens next, and whether it is an error, come from {@code later}.
     */
    public Reply followedBy(Reply later) {
        if (isSilent()) {
            return later;
        }
        if (later.isSilent()) {
            return new Reply(text, wire, body, later.error, later.then);
        }
        if (body == null && later.body == null) {
            byte[] joined = new byte[wire.length + later.wire.length];
            System.arraycopy(wire, 0, joined, 0, wire.length);
            System.arraycopy(later.wire, 0, joined, wire.length, later.wire.length);
            return new Reply(text + later.text, joined, null, later.error, later.then);
        }
        Reply first = this;
        ReplyBody both = (out, transcript) -> {
            first.writeTo(out, transcript);
            later.writeTo(out, transcript);
        };
        return new Reply("", NO_BYTES, both, later.error, later.then);
    }

    /** After sending, read dot-terminated data of at most {@code maxBytes} octets. */
    public Reply thenReadDotData(long maxBytes) {
        return then(Next.DOT_DATA, 0, maxBytes);
    }

    /** After sending, read exactly {@code length} octets, keeping at most {@code keepAtMost} of them. */
    public Reply thenReadBytes(long length, long keepAtMost) {
        return then(Next.BYTES, length, keepAtMost);
    }

    /**
     * After sending, read an IMAP literal of {@code length} octets, keeping at most {@code keepAtMost} (less
     * than the length: read and discarded past that). The literal fault hooks run before this reply goes out
     * (for a synchronizing literal it is the "+" continuation; for LITERAL+ send nothing) and after the
     * literal arrived; then {@link ProtocolSession#onBytes} gets it and the loop reads the rest of the line.
     */
    public Reply thenReadLiteral(long length, long keepAtMost) {
        return new Reply(text, wire, body, error, new Then(Next.BYTES, length, keepAtMost, false, true));
    }

    /**
     * After sending, wait idle (IMAP IDLE): output the session's {@link Outbox} receives is written at once,
     * and each line the client sends goes to {@link ProtocolSession#onIdleLine}.
     */
    public Reply thenIdle() {
        return then(Next.IDLE, 0, 0);
    }

    /** As {@link #thenIdle()}, with its own read timeout while idle (IMAP: 30 minutes or more). */
    public Reply thenIdle(Duration readTimeout) {
        return then(Next.IDLE, Math.max(1, readTimeout.toMillis()), 0);
    }

    /** After sending, start a TLS handshake as the server (STARTTLS, STLS). */
    public Reply thenStartTls() {
        return then(Next.START_TLS, 0, 0);
    }

    /** After sending, compress both directions with DEFLATE (IMAP COMPRESS, RFC 4978). */
    public Reply thenStartCompress() {
        return then(Next.START_COMPRESS, 0, 0);
    }

    /** After sending, abort the connection with a TCP reset (a scripted fault). */
    public Reply thenReset() {
        return then(Next.RESET, 0, 0);
    }

    /**
     * After sending, hold the connection and say nothing (a scripted fault); close silently after
     * {@code closeAfter}, or never if it is null (until the client leaves or the server stops).
     */
    public Reply thenStall(Duration closeAfter) {
        return then(Next.STALL, closeAfter == null ? -1 : closeAfter.toMillis(), 0);
    }

    /** After sending, close the connection. */
    public Reply thenClose() {
        return then(Next.CLOSE, 0, 0);
    }

    /**
     * Marks a byte-frame request as the message's last chunk (BDAT LAST), so end-of-data faults see it.
     * Only meaningful after {@link #thenReadBytes}.
     */
    public Reply endingMessage() {
        return new Reply(text, wire, body, error,
                new Then(then.next, then.frameLength, then.keepAtMost, true, then.literal));
    }

    private Reply then(Next after, long length, long keep) {
        return new Reply(text, wire, body, error, new Then(after, length, keep, false, false));
    }

    /** True for the request to read the last chunk of a message. */
    public boolean endsMessage() {
        return then.endsMessage;
    }

    /** True for the request to read an IMAP literal (the literal fault hooks apply). */
    public boolean readsLiteral() {
        return then.literal;
    }

    /** True if the reply reports a client error (set by the protocol, never guessed from the bytes). */
    public boolean isError() {
        return error;
    }

    /** True if nothing at all is sent. */
    public boolean isSilent() {
        return body == null && wire.length == 0;
    }

    /** True if the output is written by a {@link ReplyBody} rather than held as bytes. */
    public boolean isStreamed() {
        return body != null;
    }

    /** True if the connection ends after this reply: it is closed, reset or stalled until the client leaves. */
    public boolean endsConnection() {
        Next next = then.next;
        return next == Next.CLOSE || next == Next.RESET || next == Next.STALL;
    }

    /** How the connection ends, for transcripts and the fate of an unacknowledged message: closed, reset, stalled. */
    public String connectionEnding() {
        return then.next == Next.STALL ? "stalled" : then.next == Next.RESET ? "reset" : "closed";
    }

    /** For STALL: milliseconds until the silent close, or -1 for never. */
    public long stallMillis() {
        return then.frameLength;
    }

    /** For IDLE: the read timeout while idle in milliseconds, or 0 to keep the connection's. */
    public long idleTimeoutMillis() {
        return then.next == Next.IDLE ? then.frameLength : 0;
    }

    /** The reply as text, CR LF line ends included (content replies: their transcript text; streamed: ""). */
    public String text() {
        return text;
    }

    /** The exact bytes to send; shared, never to be modified. Not for streamed replies. */
    public byte[] wire() {
        if (body != null) {
            throw new IllegalStateException("a streamed reply has no bytes up front");
        }
        return wire;
    }

    /** Writes the output to {@code out} and its lines (or summaries) to {@code transcript}. */
    public void writeTo(OutputStream out, Consumer<String> transcript) throws IOException {
        if (body != null) {
            body.writeTo(out, transcript);
            return;
        }
        forEachLine(transcript);
        out.write(wire);
    }

    /** The reply's lines without their CR LF, for transcripts. */
    public void forEachLine(Consumer<String> action) {
        List<String> split = keptLines();
        if (split != null) {
            split.forEach(action);
        } else {
            eachLine(text, action); // a long text: its lines go straight to the transcript, not into a list first
        }
    }

    /** The lines of a short text, split on first use and kept; null for a long one. */
    private List<String> keptLines() {
        List<String> split = lines;
        if (split == null && text.length() <= SPLIT_ONCE_LENGTH) {
            List<String> found = new ArrayList<>(1);
            eachLine(text, found::add);
            split = List.copyOf(found);
            lines = split;
        }
        return split;
    }

    private static void eachLine(String text, Consumer<String> action) {
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf("\r\n", start);
            if (end < 0) {
                end = text.length();
            }
            action.accept(text.substring(start, end));
            start = end + 2;
        }
    }

    /** How many lines {@link #forEachLine} would give. */
    public int lineCount() {
        List<String> split = keptLines();
        if (split != null) {
            return split.size(); // a short reply: the lines its transcript gets next, split once
        }
        int count = 0;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf("\r\n", start);
            count++;
            start = end < 0 ? text.length() : end + 2;
        }
        return count;
    }

    public Next next() {
        return then.next;
    }

    public long frameLength() {
        return then.frameLength;
    }

    public long keepAtMost() {
        return then.keepAtMost;
    }

    @Override
    public String toString() {
        return (body != null ? "<streamed>" : text.stripTrailing()) + (error ? " [error]" : "")
                + " [then " + then.next + "]";
    }
}
