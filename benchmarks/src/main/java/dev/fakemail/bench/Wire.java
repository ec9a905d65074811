package dev.fakemail.bench;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The benchmark's side of one connection, shared by {@link SmtpWire} and {@link Pop3Wire}: a raw socket with
 * TCP_NODELAY, a 64 KB output buffer written as whole pre-built flights, and a hand-written line reader over its
 * own input buffer that allocates nothing per line. It is deliberately not the tests' line client: that one
 * reads byte by byte and keeps a transcript, which would make the client the bottleneck here.
 */
abstract class Wire implements Closeable {
    static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    static final int READ_TIMEOUT_MILLIS = 30_000;
    private static final int MAX_KEPT_LINE = 512;

    private final Closeable connection;
    private final InputStream in;
    private final OutputStream out;
    final byte[] buffer;
    int position;
    int limit;
    /** The last line read (truncated, without CR LF), for parsing and error messages. */
    final byte[] line = new byte[MAX_KEPT_LINE];
    int lineLength;

    /** Over any pair of streams; {@code bufferSize} is small only in tests that split reads at every octet. */
    Wire(InputStream in, OutputStream out, int bufferSize, Closeable connection) {
        this.in = in;
        this.out = out;
        this.buffer = new byte[bufferSize];
        this.connection = connection;
    }

    /** Makes the wire over a connected socket. */
    interface Opener<W extends Wire> {
        W over(Socket socket) throws IOException;
    }

    /** Connects with TCP_NODELAY and the read timeout, and makes the wire; the socket is closed if that fails. */
    static <W extends Wire> W connect(InetSocketAddress server, Opener<W> opener) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(server, CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            return opener.over(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    static OutputStream buffered(Socket socket) throws IOException {
        return new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    /** Writes one flight (a command, a pipelined group, a body) and flushes it: one write system call. */
    void send(byte[] flight) throws IOException {
        out.write(flight);
        out.flush();
    }

    /** The last line read, as text. */
    String lastLine() {
        return new String(line, 0, lineLength, StandardCharsets.UTF_8);
    }

    /** Reads the next line into {@link #line} (CR LF removed); {@code what} names it if the server closes. */
    void readLine(String what) throws IOException {
        lineLength = 0;
        while (true) {
            if (position == limit) {
                fill(lineLength > 0 ? "the middle of: " + lastLine() : what);
            }
            while (position < limit) {
                byte b = buffer[position++];
                if (b == '\n') {
                    if (lineLength > 0 && line[lineLength - 1] == '\r') {
                        lineLength--;
                    }
                    return;
                }
                if (lineLength < MAX_KEPT_LINE) {
                    line[lineLength++] = b;
                }
            }
        }
    }

    /** Refills the input buffer from its start; an {@link EOFException} if the server closed. */
    void fill(String where) throws IOException {
        int read = read(0);
        if (read < 0) {
            throw new EOFException("the server closed the connection in " + where);
        }
        position = 0;
        limit = read;
    }

    /** One read into the buffer from {@code offset} to its end. */
    int read(int offset) throws IOException {
        return in.read(buffer, offset, buffer.length - offset);
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }

    /** The server answered something the benchmark did not expect: the run counts it as a failure. */
    static final class UnexpectedReplyException extends IOException {
        UnexpectedReplyException(String expected, String actual) {
            super("expected " + expected + " but the server said: " + actual);
        }
    }
}
