package dev.fakemail.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A raw client for line-oriented protocols and exact bytes: it sends what it is told, reads lines, runs up to a
 * terminator or a counted number of bytes (an IMAP literal) without translating anything, upgrades to TLS in
 * place (STARTTLS, STLS) and keeps a short transcript of what was said for failure messages. It reads the
 * socket byte by byte, unbuffered, so nothing is read ahead of a TLS upgrade and chunk boundaries stay visible.
 * Every read has a timeout, so no test hangs. Protocol conversations ({@link SmtpConversation},
 * {@link Pop3Conversation}) extend it.
 */
public class LineClient implements AutoCloseable {
    /** Every read gives up after this long unless a test sets another timeout. */
    public static final int READ_TIMEOUT_MILLIS = 10_000;

    private static final byte[] LF = {'\n'};

    private final Dial dial;
    private final WireLog log = new WireLog();
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    protected LineClient(Dial dial) throws IOException {
        this.dial = dial;
        attach(dial.open());
    }

    public static LineClient connect(Dial dial) throws IOException {
        return new LineClient(dial);
    }

    public static LineClient connect(String host, int port) throws IOException {
        return new LineClient(Dial.to(host, port));
    }

    // ---------------------------------------------------------------- writing

    public LineClient send(String text) throws IOException {
        return sendBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    public LineClient sendBytes(byte[] bytes) throws IOException {
        log.sent(bytes, bytes.length);
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Sends the text and CR LF. */
    public LineClient sendLine(String line) throws IOException {
        return send(line + "\r\n");
    }

    // ---------------------------------------------------------------- reading

    /**
     * The bytes up to and including the terminator, exactly as sent. At the end of the stream: what came before
     * it (without the terminator), or null if nothing did.
     */
    public byte[] readUntil(byte[] terminator) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                log.received(bytes.toByteArray(), bytes.size());
                return bytes.size() == 0 ? null : bytes.toByteArray();
            }
            bytes.write(b);
            if (b == terminator[terminator.length - 1] && endsWith(bytes, terminator)) {
                byte[] result = bytes.toByteArray();
                log.received(result, result.length);
                return result;
            }
        }
    }

    /** One line up to and including LF, exactly as sent; null at the end of the stream before any byte. */
    public byte[] rawLine() throws IOException {
        byte[] line = readUntil(LF);
        if (line != null && line[line.length - 1] != '\n') {
            throw failure("connection closed in the middle of a line: " + new String(line, StandardCharsets.UTF_8));
        }
        return line;
    }

    /** One line without its CR LF, which must be there; null at the end of the stream before any byte. */
    public String line() throws IOException {
        byte[] line = rawLine();
        if (line == null) {
            return null;
        }
        if (line.length < 2 || line[line.length - 2] != '\r') {
            throw failure("line not ended by CR LF: " + new String(line, StandardCharsets.UTF_8));
        }
        return new String(line, 0, line.length - 2, StandardCharsets.UTF_8);
    }

    /** Exactly n bytes (an IMAP literal, a counted body); fails if the connection ends first. */
    public byte[] readExactly(int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        log.received(bytes, bytes.length);
        if (bytes.length != n) {
            throw failure("expected " + n + " bytes, the connection ended after " + bytes.length);
        }
        return bytes;
    }

    /** Everything until the server closes; a read timeout or a reset is an exception. */
    public byte[] readToEnd() throws IOException {
        byte[] bytes = in.readAllBytes();
        log.received(bytes, bytes.length);
        return bytes;
    }

    public String readStringToEnd() throws IOException {
        return new String(readToEnd(), StandardCharsets.UTF_8);
    }

    /** One read() of the socket, as the stream returns it. */
    public int read(byte[] buffer) throws IOException {
        int n = in.read(buffer);
        log.received(buffer, n);
        return n;
    }

    /** The chunks as the socket's read() returns them, until {@code count} bytes or the end of the stream. */
    public List<byte[]> readChunks(int count) throws IOException {
        List<byte[]> chunks = new ArrayList<>();
        byte[] buffer = new byte[4096];
        int total = 0;
        while (total < count) {
            int n = read(buffer);
            if (n < 0) {
                break;
            }
            chunks.add(Arrays.copyOf(buffer, n));
            total += n;
        }
        return chunks;
    }

    public int available() throws IOException {
        return in.available();
    }

    /** The socket's stream, for a test that reads in its own way (nothing of it is logged). */
    public InputStream in() {
        return in;
    }

    // ---------------------------------------------------------------- scripted exchanges

    /** How a conversation sends one command and reads its reply. */
    @FunctionalInterface
    protected interface Exchange {
        String replyTo(String command) throws IOException;
    }

    /**
     * Runs a script of commands and the replies they must get, exactly: pairs of a command line and its reply
     * (the reply with {@code replyEnd} appended, so scripts need not repeat the line end). A wrong reply fails at
     * once, naming the step and showing the conversation so far.
     */
    protected void runScript(String[] commandThenReply, Exchange exchange, String replyEnd) throws IOException {
        if (commandThenReply.length == 0 || commandThenReply.length % 2 != 0) {
            throw new IllegalArgumentException("a script is pairs of command and reply, got "
                    + commandThenReply.length + " strings");
        }
        for (int i = 0; i < commandThenReply.length; i += 2) {
            String command = commandThenReply[i];
            int step = i / 2 + 1;
            String reply = exchange.replyTo(command);
            assertThat(reply)
                    .as(() -> "reply to step " + step + " (" + command + ")\nconversation with " + dial.host() + ":"
                            + dial.port() + ":\n" + transcript())
                    .isEqualTo(commandThenReply[i + 1] + replyEnd);
        }
    }

    // ---------------------------------------------------------------- the end of the connection

    /** True if the server closed (FIN or RST) within the read timeout, false if it stays silent. */
    public boolean isClosedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** The server closed the connection in order (FIN) and sent nothing more. */
    public void assertEof() throws IOException {
        assertThat(readStringToEnd()).as("bytes before the end of stream").isEmpty();
    }

    /** The server aborted the connection (RST): the read fails with "Connection reset". */
    public void assertReset() {
        try {
            byte[] bytes = readToEnd();
            fail("expected a connection reset, got an orderly close after " + bytes.length + " bytes: "
                    + new String(bytes, StandardCharsets.UTF_8));
        } catch (SocketException reset) {
            assertThat(reset.getMessage()).containsIgnoringCase("reset");
        } catch (IOException other) {
            fail("expected a connection reset, got " + other);
        }
    }

    /** Nothing arrives within {@code millis}, and the connection is not closed. */
    public void assertSilentFor(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            int b = in.read();
            fail(b < 0 ? "expected silence, but the server closed the connection"
                    : "expected silence, but the server sent byte " + b);
        } catch (SocketTimeoutException expected) {
            // silent and still open
        } finally {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        }
    }

    // ---------------------------------------------------------------- TLS and the socket

    /** Runs the TLS handshake of an implicit-TLS connection now rather than at the first read or write. */
    public void handshake() throws IOException {
        ((SSLSocket) socket).startHandshake();
        log.note("TLS handshake done");
    }

    /** After the server agreed to STARTTLS or STLS: the client's TLS handshake over the same connection. */
    public SSLSession upgradeToTls() throws IOException {
        SSLSocket tls = dial.layerTls(socket);
        attach(tls);
        tls.startHandshake();
        log.note("TLS handshake done");
        return tls.getSession();
    }

    public boolean isTls() {
        return socket instanceof SSLSocket;
    }

    /** The TLS session (null in plaintext); on an implicit-TLS connection this runs the handshake. */
    public SSLSession tlsSession() {
        return socket instanceof SSLSocket tls ? tls.getSession() : null;
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    public void setTimeoutMillis(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** What was said so far, newest last ("C: " client, "S: " server), for failure messages. */
    public String transcript() {
        return log.toString();
    }

    /** An assertion error that shows the conversation so far. */
    protected AssertionError failure(String message) {
        return new AssertionError(message + "\nconversation with " + dial.host() + ":" + dial.port() + ":\n"
                + transcript());
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void attach(Socket next) throws IOException {
        socket = next;
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    private static boolean endsWith(ByteArrayOutputStream bytes, byte[] suffix) {
        if (bytes.size() < suffix.length) {
            return false;
        }
        byte[] all = bytes.toByteArray();
        return Arrays.equals(all, all.length - suffix.length, all.length, suffix, 0, suffix.length);
    }
}
