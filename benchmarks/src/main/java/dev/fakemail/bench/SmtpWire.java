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
import java.util.Locale;

/**
 * The load generator's side of one SMTP connection: a raw socket with TCP_NODELAY, a large output buffer
 * and a hand-written reply reader that allocates nothing per reply. Callers write whole pre-built flights
 * (a command, a pipelined group, a body with its terminating dot) and then read the replies they expect,
 * so the client costs a few syscalls per message and is never the bottleneck.
 */
final class SmtpWire implements Closeable {
    static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    static final int READ_TIMEOUT_MILLIS = 30_000;
    private static final int MAX_KEPT_LINE = 512;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    /** The last reply line read (truncated), for error messages and capability checks. */
    private final byte[] line = new byte[MAX_KEPT_LINE];
    private int lineLength;

    private SmtpWire(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    static SmtpWire connect(InetSocketAddress server) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(server, CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            return new SmtpWire(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Writes one flight and flushes it: one write system call for anything up to the buffer size. */
    void send(byte[] flight) throws IOException {
        out.write(flight);
        out.flush();
    }

    /** Reads one complete reply (every continuation line) and returns its code. */
    int readReply() throws IOException {
        while (true) {
            readLine();
            if (lineLength < 3 || !isDigit(line[0]) || !isDigit(line[1]) || !isDigit(line[2])) {
                throw new UnexpectedReplyException("a reply line", lastLine());
            }
            if (lineLength == 3 || line[3] != '-') {
                return (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
            }
        }
    }

    /** Reads one reply and fails unless it has the expected code. */
    void expect(int code) throws IOException {
        int actual = readReply();
        if (actual != code) {
            throw new UnexpectedReplyException(String.valueOf(code), lastLine());
        }
    }

    /**
     * Reads a multi-line EHLO reply, failing unless it is 250 and, if given, lists the keyword (e.g.
     * PIPELINING) as one of its lines.
     */
    void expectEhlo(String requiredKeyword) throws IOException {
        boolean found = requiredKeyword == null;
        while (true) {
            readLine();
            if (lineLength < 3 || line[0] != '2' || line[1] != '5' || line[2] != '0') {
                throw new UnexpectedReplyException("250 to EHLO", lastLine());
            }
            if (!found && lineLength > 4) {
                String keyword = new String(line, 4, lineLength - 4, StandardCharsets.US_ASCII).trim();
                found = keyword.equalsIgnoreCase(requiredKeyword) || keyword.toUpperCase(Locale.ROOT)
                        .startsWith(requiredKeyword.toUpperCase(Locale.ROOT) + " ");
            }
            if (lineLength == 3 || line[3] != '-') {
                break;
            }
        }
        if (!found) {
            throw new IOException("the server does not advertise " + requiredKeyword);
        }
    }

    /** The last reply line read, as text. */
    String lastLine() {
        return new String(line, 0, lineLength, StandardCharsets.UTF_8);
    }

    private void readLine() throws IOException {
        lineLength = 0;
        while (true) {
            if (position == limit) {
                int read = in.read(buffer, 0, buffer.length);
                if (read < 0) {
                    throw new EOFException("the server closed the connection"
                            + (lineLength > 0 ? " in the middle of: " + lastLine() : ""));
                }
                position = 0;
                limit = read;
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

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** The server answered something the generator did not expect: the run counts it as a failure. */
    static final class UnexpectedReplyException extends IOException {
        UnexpectedReplyException(String expected, String actual) {
            super("expected " + expected + " but the server said: " + actual);
        }
    }
}
