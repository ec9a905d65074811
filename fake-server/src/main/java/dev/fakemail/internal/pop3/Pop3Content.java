package dev.fakemail.internal.pop3;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A stored message as POP3 sends it (RFC 1939 §3): every line ends in CR LF (a bare LF becomes CR LF, a last
 * line without line end gets one), lines starting with "." are byte-stuffed, and ".\r\n" ends it. The size
 * POP3 reports is {@link dev.fakemail.store.StoredMessage#crlfSize()}: the CR LF form without the stuffing.
 */
final class Pop3Content {
    private Pop3Content() {
    }

    /**
     * The whole response: {@code statusLine}, then the header lines and at most {@code bodyLines} lines of the
     * body (all if negative), stuffed, then the terminating ".\r\n".
     */
    static byte[] response(byte[] statusLine, ByteBuffer raw, int bodyLines) {
        Output out = new Output(statusLine.length + raw.limit() + raw.limit() / 32 + 16);
        out.write(statusLine, 0, statusLine.length);
        int length = raw.limit();
        boolean inBody = false;
        int bodyLinesSent = 0;
        int start = 0;
        while (start < length) {
            if (inBody && bodyLines >= 0 && bodyLinesSent >= bodyLines) {
                break;
            }
            int lf = indexOfLf(raw, start, length);
            int end = lf < 0 ? length : lf;
            int contentEnd = lf >= 0 && end > start && raw.get(end - 1) == '\r' ? end - 1 : end;
            if (raw.get(start) == '.') {
                out.put((byte) '.');
            }
            out.write(raw, start, contentEnd - start);
            out.put((byte) '\r');
            out.put((byte) '\n');
            if (inBody) {
                bodyLinesSent++;
            } else if (contentEnd == start) {
                inBody = true; // the empty line between header and body
            }
            start = lf < 0 ? length : lf + 1;
        }
        out.put((byte) '.');
        out.put((byte) '\r');
        out.put((byte) '\n');
        return out.toArray();
    }

    private static int indexOfLf(ByteBuffer bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes.get(i) == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** A growable byte array that copies straight out of a ByteBuffer. */
    private static final class Output {
        private byte[] bytes;
        private int length;

        Output(int capacity) {
            bytes = new byte[capacity];
        }

        void put(byte value) {
            ensure(1);
            bytes[length++] = value;
        }

        void write(byte[] source, int offset, int count) {
            ensure(count);
            System.arraycopy(source, offset, bytes, length, count);
            length += count;
        }

        void write(ByteBuffer source, int index, int count) {
            ensure(count);
            source.get(index, bytes, length, count);
            length += count;
        }

        byte[] toArray() {
            return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }
}
