package dev.fakemail.bench;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The benchmark's side of one POP3 connection: a raw socket with TCP_NODELAY, a 64 KB output buffer and a
 * hand-written reader. Status lines are read into a fixed array; multi-line responses (RFC 1939 §3) are
 * scanned in place in the 64 KB input buffer, a whole run up to the next LF at a time, un-stuffed on the fly
 * (a line-initial "." of a line that is not the terminator is dropped), and ended at CRLF.CRLF. Reading a
 * RETR response therefore costs a scan of its octets and no allocation; the content is copied only if the
 * caller asks for it.
 */
final class Pop3Wire extends Wire {
    static final int INPUT_BUFFER = 64 * 1024;

    /** Over any pair of streams; {@code bufferSize} is small only in tests that split reads at every octet. */
    Pop3Wire(InputStream in, OutputStream out, int bufferSize, Closeable connection) {
        super(in, out, bufferSize, connection);
    }

    static Pop3Wire connect(InetSocketAddress server) throws IOException {
        return connect(server, socket -> new Pop3Wire(socket.getInputStream(), buffered(socket), INPUT_BUFFER,
                socket));
    }

    /** Reads one status line; fails unless it is +OK. */
    void expectOk(String after) throws IOException {
        if (!readStatus()) {
            throw new UnexpectedReplyException("+OK to " + after, lastLine());
        }
    }

    /** As {@link #expectOk(String)} for "{@code command number}", without building the text unless it fails. */
    void expectOk(String command, int number) throws IOException {
        if (!readStatus()) {
            throw new UnexpectedReplyException("+OK to " + command + " " + number, lastLine());
        }
    }

    /** Reads one status line: true for +OK, false for -ERR, an exception for anything else. */
    boolean readStatus() throws IOException {
        readLine("a status line");
        if (lineLength >= 3 && line[0] == '+' && line[1] == 'O' && line[2] == 'K'
                && (lineLength == 3 || line[3] == ' ')) {
            return true;
        }
        if (lineLength >= 4 && line[0] == '-' && line[1] == 'E' && line[2] == 'R' && line[3] == 'R') {
            return false;
        }
        throw new UnexpectedReplyException("+OK or -ERR", lastLine());
    }

    /**
     * The {@code index}-th decimal number after "+OK " in the last status line (0 for the first), e.g. the
     * count and size of "+OK 10000 20480000"; -1 if there is none.
     */
    long statusNumber(int index) {
        int i = 3;
        for (int n = 0; ; n++) {
            while (i < lineLength && line[i] == ' ') {
                i++;
            }
            if (i >= lineLength || line[i] < '0' || line[i] > '9') {
                return -1;
            }
            long value = 0;
            while (i < lineLength && line[i] >= '0' && line[i] <= '9') {
                value = value * 10 + (line[i++] - '0');
            }
            if (n == index) {
                return value;
            }
            if (i < lineLength && line[i] != ' ') {
                return -1;
            }
        }
    }

    /**
     * Reads the rest of a multi-line response, up to and including its terminating ".\r\n", and returns its
     * octets as the server means them: CR LF line ends kept, byte-stuffing removed, terminator excluded, which
     * is what RFC 1939's sizes count. If {@code content} is not null the un-stuffed octets are appended to it.
     */
    long readMultiline(Bytes content) throws IOException {
        long octets = 0;
        boolean lineStart = true;
        while (true) {
            if (position == limit) {
                fill("a multi-line response");
            }
            if (lineStart) {
                if (buffer[position] == '.') {
                    // Termination octet at the start of a line: either the terminator ".\r\n" or a stuffed
                    // line, whose first octet is dropped (RFC 1939 §3). Both need the next two octets.
                    if (peek(1) == '\r' && peek(2) == '\n') {
                        position += 3;
                        return octets;
                    }
                    position++; // the stuffed dot
                    if (position == limit) {
                        fill("a multi-line response");
                    }
                }
                lineStart = false;
            }
            // One run up to and including the next LF (or the end of what is buffered) in one pass.
            int start = position;
            int end = start;
            int stop = limit;
            byte[] bytes = buffer;
            while (end < stop && bytes[end] != '\n') {
                end++;
            }
            if (end < stop) {
                end++; // the LF belongs to this line
                lineStart = true;
            }
            int count = end - start;
            octets += count;
            if (content != null) {
                content.write(bytes, start, count);
            }
            position = end;
        }
    }

    /** After QUIT's +OK: reads to the end of the stream, so the server has ended the session (and unlocked). */
    void awaitClose() throws IOException {
        while (true) {
            if (position < limit) {
                throw new UnexpectedReplyException("the connection to close", "more data: "
                        + new String(buffer, position, Math.min(limit - position, 80), StandardCharsets.UTF_8));
            }
            int read = read(0);
            if (read < 0) {
                return;
            }
            position = 0;
            limit = read;
        }
    }

    /** The octet {@code ahead} places after the current position, reading more if needed (compacting). */
    private byte peek(int ahead) throws IOException {
        while (position + ahead >= limit) {
            if (position > 0) {
                System.arraycopy(buffer, position, buffer, 0, limit - position);
                limit -= position;
                position = 0;
            }
            if (limit == buffer.length) {
                throw new IllegalStateException("input buffer smaller than 3 octets");
            }
            int read = read(limit);
            if (read < 0) {
                throw new EOFException("the server closed the connection in a multi-line response");
            }
            limit += read;
        }
        return buffer[position + ahead];
    }

    /** A growable byte array (unsynchronized, unlike ByteArrayOutputStream). */
    static final class Bytes {
        private byte[] bytes;
        private int length;

        Bytes(int capacity) {
            bytes = new byte[Math.max(16, capacity)];
        }

        void write(byte[] source, int offset, int count) {
            if (length + count > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
            }
            System.arraycopy(source, offset, bytes, length, count);
            length += count;
        }

        void reset() {
            length = 0;
        }

        int length() {
            return length;
        }

        byte[] array() {
            return bytes;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, length);
        }
    }
}
