package dev.fakemail.internal.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads the three kinds of frame a mail protocol needs from one connection: bounded lines, dot-terminated
 * data (SMTP DATA, with dot-unstuffing) and exact byte counts (BDAT chunks, IMAP literals).
 *
 * <p>Before it blocks on the socket it runs {@code beforeBlocking}: the session loop flushes pending replies
 * there, so pipelined commands get their replies in one write and a lone command never waits for a flush.
 * Nothing is ever buffered without bound: over-long lines are skipped to their end, oversized data is
 * counted and dropped.
 */
public final class FrameReader {
    private static final int BUFFER_SIZE = 16 * 1024;
    /**
     * What the buffer grows to once the data of a message bigger than the buffer fills it in one read: a 100 KB
     * message then takes three reads instead of seven (the standalone jar, 100 KB x 8 lock-step: 161.4 -> 146.2 us
     * of CPU per message, BENCHMARKS.md "Ninth round"). Commands and small messages never grow it.
     */
    private static final int BULK_BUFFER_SIZE = 64 * 1024;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LFS = ONES * '\n';

    private InputStream in;
    private final Runnable beforeBlocking;
    private byte[] buffer = new byte[BUFFER_SIZE];
    /**
     * The buffer read eight octets at a time (a heap buffer view, not a VarHandle: no method-handle set-up at the
     * first start of a server, which is timed).
     */
    private ByteBuffer words = wordsOf(buffer);
    private int position;
    private int limit;
    /** Whether the last {@link #fill} filled the whole buffer: the peer sends faster than the buffer holds. */
    private boolean lastReadFilled;

    public FrameReader(InputStream in, Runnable beforeBlocking) {
        this.in = in;
        this.beforeBlocking = beforeBlocking;
    }

    /** Sees each complete line of dot-terminated data as it is read (fault rules on DATA lines). */
    @FunctionalInterface
    public interface DataLineObserver {
        /** The line with its line end, dot-unstuffed; may throw to abandon the transfer. */
        void onLine(byte[] bytes, int offset, int length) throws IOException;
    }

    /** Reads from now on through another stream over the same connection (a throttled view); keeps the buffer. */
    public void replaceInput(InputStream replacement) {
        this.in = replacement;
    }

    /** Reads and drops everything until the client closes (a stalled server ignores its client). */
    public void discardUntilEnd() throws IOException {
        position = limit;
        while (fill()) {
            position = limit;
        }
    }

    /** Bytes already received and not yet consumed (what a client pipelined ahead). */
    public int buffered() {
        return limit - position;
    }

    /** Drops everything buffered: after STARTTLS, plaintext sent ahead must not be executed (RFC 3207 §6). */
    public int discardBuffered() {
        int dropped = limit - position;
        position = limit;
        return dropped;
    }

    /**
     * Reads one line of at most {@code maxLength} octets including its line end.
     *
     * @return the line without CR LF (a bare LF also ends a line), or null at end of stream
     * @throws LineTooLongException after the over-long line has been consumed up to its end
     */
    public byte[] readLine(int maxLength) throws IOException {
        byte[] partial = null;
        int partialLength = 0;
        boolean tooLong = false;
        while (true) {
            if (position == limit && !fill()) {
                return null; // end of stream; an unfinished line is not a command
            }
            int lf = indexOfLf(position, limit);
            int end = lf < 0 ? limit : lf + 1;
            int chunk = end - position;
            if (!tooLong) {
                if (partialLength + chunk > maxLength) {
                    tooLong = true;
                    partial = null;
                } else if (lf >= 0 && partial == null) {
                    byte[] line = copyWithoutLineEnd(buffer, position, end);
                    position = end;
                    return line;
                } else {
                    partial = append(partial, partialLength, buffer, position, chunk);
                    partialLength += chunk;
                }
            }
            position = end;
            if (lf >= 0) {
                if (tooLong) {
                    throw new LineTooLongException();
                }
                return copyWithoutLineEnd(partial, 0, partialLength);
            }
        }
    }

    /**
     * Reads dot-terminated data (RFC 5321 §4.5.2) into {@code sink}, removing the stuffed dots. Only
     * CR LF "." CR LF ends the data, so a bare LF cannot smuggle a second message in.
     */
    public DotResult readDotTerminated(GrowableBytes sink, long maxBytes, int maxLineLength) throws IOException {
        return readDotTerminated(sink, maxBytes, maxLineLength, null);
    }

    /** As above, reporting each kept line to {@code observer} (null: none, and no cost). */
    public DotResult readDotTerminated(GrowableBytes sink, long maxBytes, int maxLineLength,
            DataLineObserver observer) throws IOException {
        int lineStart = sink.length();
        boolean atLineStart = true;
        boolean afterCrLf = true;
        boolean previousByteWasCr = false;
        int lineLength = 0;
        boolean lineTooLong = false;
        long total = 0;
        while (true) {
            if (position == limit && !fillBulk(total)) {
                return DotResult.END_OF_STREAM;
            }
            if (atLineStart && afterCrLf && buffer[position] == '.') {
                // Need to see what follows the dot: ".\r\n" ends the data, anything else is a stuffed dot.
                if (!ensure(3)) {
                    return DotResult.END_OF_STREAM;
                }
                if (buffer[position + 1] == '\r' && buffer[position + 2] == '\n') {
                    position += 3;
                    if (total > maxBytes) {
                        return DotResult.TOO_LARGE;
                    }
                    return lineTooLong ? DotResult.LINE_TOO_LONG : DotResult.COMPLETE;
                }
                position++; // drop the stuffed dot
            }
            if (observer == null && !lineTooLong) {
                int run = wholeLines(position, lineLength, maxLineLength);
                if (run > 0 && total + run <= maxBytes) {
                    // What the line-by-line steps below would do for each of these lines, in one copy.
                    sink.write(buffer, position, run);
                    total += run;
                    int lf = position + run - 1;
                    afterCrLf = lf > position ? buffer[lf - 1] == '\r' : previousByteWasCr;
                    atLineStart = true;
                    lineLength = 0;
                    lineStart = sink.length();
                    previousByteWasCr = false;
                    position += run;
                    continue;
                }
            }
            int lf = indexOfLf(position, limit);
            int end = lf < 0 ? limit : lf + 1;
            int chunk = end - position;
            lineLength += chunk;
            if (lineLength > maxLineLength) {
                lineTooLong = true;
            }
            total += chunk;
            if (total <= maxBytes && !lineTooLong) {
                sink.write(buffer, position, chunk);
            }
            if (lf >= 0) {
                afterCrLf = lf > position ? buffer[lf - 1] == '\r' : previousByteWasCr;
                atLineStart = true;
                lineLength = 0;
                if (observer != null && sink.length() > lineStart) {
                    observer.onLine(sink.array(), lineStart, sink.length() - lineStart);
                }
                lineStart = sink.length();
            } else {
                atLineStart = false;
            }
            previousByteWasCr = buffer[end - 1] == '\r';
            position = end;
        }
    }

    /**
     * Reads exactly {@code count} octets, keeping at most {@code keep} of them in {@code sink}.
     *
     * @return false if the stream ended first
     */
    public boolean readExactly(long count, GrowableBytes sink, long keep) throws IOException {
        long remaining = count;
        long kept = 0;
        while (remaining > 0) {
            if (position == limit && !fillBulk(count)) {
                return false;
            }
            int chunk = (int) Math.min(remaining, limit - position);
            int toKeep = (int) Math.max(0, Math.min(chunk, keep - kept));
            if (toKeep > 0) {
                sink.write(buffer, position, toKeep);
                kept += toKeep;
            }
            position += chunk;
            remaining -= chunk;
        }
        return true;
    }

    private boolean ensure(int count) throws IOException {
        while (limit - position < count) {
            if (position > 0) {
                System.arraycopy(buffer, position, buffer, 0, limit - position);
                limit -= position;
                position = 0;
            }
            beforeBlocking.run();
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                return false;
            }
            limit += read;
        }
        return true;
    }

    private boolean fill() throws IOException {
        beforeBlocking.run();
        int read = in.read(buffer, 0, buffer.length);
        if (read < 0) {
            return false;
        }
        position = 0;
        limit = read;
        lastReadFilled = read == buffer.length;
        return true;
    }

    /**
     * {@link #fill} for message data: first grows the empty buffer if the last read filled it and the frame being
     * read is bigger than the buffer ({@code frameSize}: its octets so far, or its whole length). Pipelined small
     * messages fill the buffer too, but growing it for them only spreads 64 sessions over four times the cache
     * (pipelined 2 KB x 64 ran at 22.1 µs of CPU per message with 16 KB buffers, 29.8 with 64 KB).
     */
    private boolean fillBulk(long frameSize) throws IOException {
        if (lastReadFilled && frameSize >= buffer.length && buffer.length < BULK_BUFFER_SIZE) {
            buffer = new byte[BULK_BUFFER_SIZE];
            words = wordsOf(buffer);
        }
        return fill();
    }

    private static ByteBuffer wordsOf(byte[] buffer) {
        return ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * The length of the run of complete lines from {@code from}, none of them longer than {@code maxLineLength}
     * ({@code carried} octets of the first were read before) and none but the first starting with a dot: what
     * dot-terminated data can take in one copy. Stops before a line that starts with a dot (an end of data or a
     * stuffed dot), a line too long, or the end of the buffer; 0 if not even the first line is complete.
     */
    private int wholeLines(int from, int carried, int maxLineLength) {
        int scan = from;
        int end = from;
        int lineLength = carried;
        while (true) {
            int lf = indexOfLf(scan, limit);
            if (lf < 0 || lineLength + (lf + 1 - scan) > maxLineLength) {
                return end - from;
            }
            lineLength = 0;
            scan = lf + 1;
            end = scan;
            if (scan == limit || buffer[scan] == '.') {
                return end - from;
            }
        }
    }

    /** The first LF in [from, to), or -1: eight octets at a time (a word with an LF has a zero octet after XOR). */
    private int indexOfLf(int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = words.getLong(i) ^ LFS;
            long zeros = (x - ONES) & ~x & HIGHS; // exact for the lowest zero octet, which is all we need
            if (zeros != 0) {
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static byte[] append(byte[] target, int length, byte[] source, int offset, int count) {
        byte[] grown = target == null ? new byte[Math.max(count, 128)] : target;
        if (length + count > grown.length) {
            grown = java.util.Arrays.copyOf(grown, Math.max(grown.length * 2, length + count));
        }
        System.arraycopy(source, offset, grown, length, count);
        return grown;
    }

    private static byte[] copyWithoutLineEnd(byte[] source, int from, int to) {
        int end = to;
        if (end > from && source[end - 1] == '\n') {
            end--;
            if (end > from && source[end - 1] == '\r') {
                end--;
            }
        }
        return java.util.Arrays.copyOfRange(source, from, end);
    }

    /** How dot-terminated data ended. */
    public enum DotResult { COMPLETE, TOO_LARGE, LINE_TOO_LONG, END_OF_STREAM }

    /** Thrown after an over-long line was read to its end and dropped; the connection stays usable. */
    public static final class LineTooLongException extends IOException {
        public LineTooLongException() {
            super("line too long", null);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // an expected protocol event, not a bug: no stack trace needed
        }
    }
}
