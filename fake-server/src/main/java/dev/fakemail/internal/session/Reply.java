package dev.fakemail.internal.session;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * What a handler returns: the exact bytes to send (possibly none) and what the session loop does next:
 * read a line, read data in a given framing, upgrade to TLS, or close. Handlers never touch the socket.
 */
public final class Reply {
    /** What the loop does after sending the reply. */
    public enum Next { LINE, DOT_DATA, BYTES, START_TLS, CLOSE, RESET, STALL }

    private static final Reply NONE = new Reply("", new byte[0], Next.LINE, 0, 0);

    private final String text;
    private final byte[] wire;
    private final Next next;
    private final long frameLength;
    private final long keepAtMost;
    private boolean endsMessage;

    private Reply(String text, byte[] wire, Next next, long frameLength, long keepAtMost) {
        this.text = text;
        this.wire = wire;
        this.next = next;
        this.frameLength = frameLength;
        this.keepAtMost = keepAtMost;
    }

    /** Sends this text (it carries its own CR LF line ends), then reads the next command line. */
    public static Reply text(String wireText) {
        return new Reply(wireText, wireText.getBytes(StandardCharsets.UTF_8), Next.LINE, 0, 0);
    }

    /**
     * Sends these bytes as they are (message content, which need not be UTF-8); the transcript shows
     * {@code transcriptText} instead of the content.
     */
    public static Reply bytes(byte[] wire, String transcriptText) {
        return new Reply(transcriptText, wire, Next.LINE, 0, 0);
    }

    /** Sends nothing and reads the next command line. */
    public static Reply none() {
        return NONE;
    }

    /** After sending, read dot-terminated data of at most {@code maxBytes} octets. */
    public Reply thenReadDotData(long maxBytes) {
        return new Reply(text, wire, Next.DOT_DATA, 0, maxBytes);
    }

    /** After sending, read exactly {@code length} octets, keeping at most {@code keepAtMost} of them. */
    public Reply thenReadBytes(long length, long keepAtMost) {
        return new Reply(text, wire, Next.BYTES, length, keepAtMost);
    }

    /** After sending, start a TLS handshake as the server (STARTTLS, STLS). */
    public Reply thenStartTls() {
        return new Reply(text, wire, Next.START_TLS, 0, 0);
    }

    /** After sending, abort the connection with a TCP reset (a scripted fault). */
    public Reply thenReset() {
        return new Reply(text, wire, Next.RESET, 0, 0);
    }

    /**
     * After sending, hold the connection and say nothing (a scripted fault); close silently after
     * {@code closeAfter}, or never if it is null (until the client leaves or the server stops).
     */
    public Reply thenStall(java.time.Duration closeAfter) {
        return new Reply(text, wire, Next.STALL, closeAfter == null ? -1 : closeAfter.toMillis(), 0);
    }

    /**
     * Marks a byte-frame request as the message's last chunk (BDAT LAST), so end-of-data faults see it.
     * Only meaningful after {@link #thenReadBytes}.
     */
    public Reply endingMessage() {
        Reply marked = new Reply(text, wire, next, frameLength, keepAtMost);
        marked.endsMessage = true;
        return marked;
    }

    /** True for the request to read the last chunk of a message. */
    public boolean endsMessage() {
        return endsMessage;
    }

    /** For STALL: milliseconds until the silent close, or -1 for never. */
    public long stallMillis() {
        return frameLength;
    }

    /** After sending, close the connection. */
    public Reply thenClose() {
        return new Reply(text, wire, Next.CLOSE, 0, 0);
    }

    /** The reply as text, CR LF line ends included (for content replies: their transcript text). */
    public String text() {
        return text;
    }

    /** The exact bytes to send; shared, never to be modified. */
    public byte[] wire() {
        return wire;
    }

    /** The reply's lines without their CR LF, for transcripts. */
    public void forEachLine(Consumer<String> action) {
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
        return next;
    }

    public long frameLength() {
        return frameLength;
    }

    public long keepAtMost() {
        return keepAtMost;
    }

    @Override
    public String toString() {
        return text.stripTrailing() + " [then " + next + "]";
    }
}
