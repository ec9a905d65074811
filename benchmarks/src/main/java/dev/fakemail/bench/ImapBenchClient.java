package dev.fakemail.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/** A raw IMAP client reading whole responses in bulk up to the tagged line. */
final class ImapBenchClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private static final byte[] CRLF = {'\r', '\n'};
    private final byte[] buffer = new byte[256 * 1024];
    private byte[] response = new byte[1 << 20];
    private int responseLength;
    private int tagNumber;

    ImapBenchClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(120_000);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = socket.getOutputStream();
        readUntil("\r\n".getBytes(StandardCharsets.US_ASCII), true); // the greeting
    }

    /** Sends the command and reads its whole response; {@link #lastResponse()} copies it out. */
    byte[] command(String command) throws IOException {
        send(command);
        return lastResponse();
    }

    /** Sends the command and reads its whole response into the reusable buffer, copying nothing. */
    int send(String command) throws IOException {
        String tag = "b" + (++tagNumber);
        out.write((tag + " " + command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return readUntil(("\r\n" + tag + " ").getBytes(StandardCharsets.US_ASCII), false);
    }

    void commandWithLiteral(String command, byte[] literal) throws IOException {
        String tag = "b" + (++tagNumber);
        out.write((tag + " " + command + " {" + literal.length + "+}\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(literal);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        readUntil(("\r\n" + tag + " ").getBytes(StandardCharsets.US_ASCII), false);
    }

    /** Sends IDLE and reads its continuation; the client then only reads ({@link #drain}). */
    void startIdle() throws IOException {
        out.write(("b" + (++tagNumber) + " IDLE\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        readUntil("+ ".getBytes(StandardCharsets.US_ASCII), true);
    }

    /** Reads and drops everything until the connection closes; returns how many octets that was. */
    long drain() {
        long total = 0;
        try {
            int n;
            while ((n = in.read(buffer, 0, buffer.length)) >= 0) {
                total += n;
            }
        } catch (IOException closed) {
            // the benchmark closed the socket
        }
        return total;
    }

    /** The last response (with a CR LF in front), copied. */
    byte[] lastResponse() {
        return Arrays.copyOf(response, responseLength);
    }

    /** Whether the last response's tagged line says OK. */
    boolean lastWasOk() {
        int from = Math.max(0, responseLength - 200);
        return new String(response, from, responseLength - from, StandardCharsets.ISO_8859_1).contains(" OK");
    }

    /**
     * Reads until {@code marker} (a CR LF and the tag) and then to the end of that line, into one buffer that
     * grows once and is reused: the client should cost as little as the wire allows, since the sink's row is
     * the ceiling of the wire and this client together. The marker is looked for with a CR LF in front, so a
     * response that is only the tagged line is read with one in front too. Returns the response's length.
     */
    private int readUntil(byte[] marker, boolean greeting) throws IOException {
        responseLength = 0;
        append(CRLF, 2);
        int matched = greeting ? 0 : 2; // the virtual CR LF in front matches the marker's start
        boolean inLastLine = greeting;
        while (true) {
            int n = in.read(buffer, 0, buffer.length);
            if (n < 0) {
                throw new IOException("connection closed");
            }
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (inLastLine) {
                    if (b == '\n') {
                        append(buffer, i + 1);
                        if (i + 1 < n) {
                            throw new IOException("unexpected bytes after the tagged reply");
                        }
                        return responseLength;
                    }
                    continue;
                }
                if (b == marker[matched]) {
                    matched++;
                    if (matched == marker.length) {
                        inLastLine = true;
                    }
                } else {
                    matched = b == '\r' ? 1 : 0;
                }
            }
            append(buffer, n);
        }
    }

    private void append(byte[] bytes, int length) {
        if (responseLength + length > response.length) {
            response = Arrays.copyOf(response, Math.max(response.length * 2, responseLength + length));
        }
        System.arraycopy(bytes, 0, response, responseLength, length);
        responseLength += length;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
