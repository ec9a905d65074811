package dev.fakemail.bench.soak;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A bare line-and-bytes connection for the soak clients. Every read is bounded by a socket timeout, so a
 * stalled server shows up as an error in the report instead of a hung soak.
 */
final class SoakConnection implements Closeable {
    private static final int MAX_LINE = 1 << 20;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private SoakConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 16_384);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 16_384);
    }

    static SoakConnection open(InetSocketAddress address, int timeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(address, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.setTcpNoDelay(true);
            return new SoakConnection(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** One line without its CRLF (or bare LF), as ISO-8859-1 so every byte survives. */
    String line() throws IOException {
        return new String(lineBytes(), StandardCharsets.ISO_8859_1);
    }

    byte[] lineBytes() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return java.util.Arrays.copyOf(bytes, length);
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE + " octets");
            }
            line.write(b);
        }
    }

    byte[] bytes(int count) throws IOException {
        byte[] bytes = in.readNBytes(count);
        if (bytes.length < count) {
            throw new EOFException("connection closed inside a literal");
        }
        return bytes;
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Writes part of a message and then vanishes, as a client that crashes mid-transfer. */
    void abort(byte[] bytes, int upTo) throws IOException {
        out.write(bytes, 0, upTo);
        out.flush();
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a dead connection has nothing to report
        }
    }
}
