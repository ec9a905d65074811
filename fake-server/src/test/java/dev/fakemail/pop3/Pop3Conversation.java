package dev.fakemail.pop3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.net.ssl.SSLSocket;

/**
 * A raw-socket POP3 client for exact-byte tests: sends bytes, reads status lines and multi-line responses
 * byte for byte (no un-stuffing, no line-end translation), and can switch to TLS after STLS.
 */
final class Pop3Conversation implements AutoCloseable {
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final String host;
    private final int port;
    /** The greeting line, without CR LF. */
    private final String greeting;

    private Pop3Conversation(Socket socket, String host, int port) throws IOException {
        this.socket = socket;
        this.host = host;
        this.port = port;
        attach();
        this.greeting = line();
    }

    /** Connects in plaintext and reads the greeting. */
    static Pop3Conversation open(String host, int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5_000);
        return new Pop3Conversation(socket, host, port);
    }

    /** Connects with implicit TLS (POP3S), trusting the server's built-in certificate, and reads the greeting. */
    static Pop3Conversation openTls(String host, int port) throws IOException {
        SSLSocket socket = (SSLSocket) Pop3Support.clientTlsContext().getSocketFactory().createSocket();
        socket.connect(new InetSocketAddress(host, port), 5_000);
        checkServerIdentity(socket);
        socket.startHandshake();
        return new Pop3Conversation(socket, host, port);
    }

    private void attach() throws IOException {
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    String greeting() {
        return greeting;
    }

    /** The APOP timestamp of the greeting (RFC 1939 §7): from "<" to ">" inclusive. */
    String banner() {
        int start = greeting.indexOf('<');
        int end = greeting.indexOf('>', start);
        if (start < 0 || end < 0) {
            throw new AssertionError("greeting has no <timestamp>: " + greeting);
        }
        return greeting.substring(start, end + 1);
    }

    boolean isTls() {
        return socket instanceof SSLSocket;
    }

    Pop3Conversation send(String text) throws IOException {
        return sendBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    Pop3Conversation sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Sends a command line and returns the one-line reply (without CR LF). */
    String command(String line) throws IOException {
        send(line + "\r\n");
        return line();
    }

    /** Sends a command and returns its multi-line reply, exactly as sent, status line and ".CRLF" included. */
    byte[] multiLineCommand(String line) throws IOException {
        send(line + "\r\n");
        return multiLine();
    }

    /** Sends a command and returns its multi-line reply as text, exactly as sent. */
    String multiLineText(String line) throws IOException {
        return new String(multiLineCommand(line), StandardCharsets.UTF_8);
    }

    /**
     * Reads one multi-line response exactly: the status line and, if it is +OK, everything up to and
     * including the terminating ".CRLF". An -ERR reply is a single line.
     */
    byte[] multiLine() throws IOException {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        byte[] status = rawLine();
        if (status == null) {
            throw new AssertionError("connection closed before the status line");
        }
        response.writeBytes(status);
        if (!startsWith(status, "+OK")) {
            return response.toByteArray();
        }
        while (true) {
            byte[] line = rawLine();
            if (line == null) {
                throw new AssertionError("connection closed inside a multi-line response: "
                        + response.toString(StandardCharsets.UTF_8));
            }
            response.writeBytes(line);
            if (line.length == 3 && line[0] == '.' && line[1] == '\r' && line[2] == '\n') {
                return response.toByteArray();
            }
        }
    }

    /** Reads one line, returning it without its CR LF; null at end of stream. */
    String line() throws IOException {
        byte[] line = rawLine();
        if (line == null) {
            return null;
        }
        if (line.length < 2 || line[line.length - 2] != '\r' || line[line.length - 1] != '\n') {
            throw new AssertionError("line not ended by CR LF: " + new String(line, StandardCharsets.UTF_8));
        }
        return new String(line, 0, line.length - 2, StandardCharsets.UTF_8);
    }

    /** Reads one line up to and including LF, exactly as sent; null at end of stream before any byte. */
    byte[] rawLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.size() == 0) {
                    return null;
                }
                throw new AssertionError("connection closed in the middle of a line: "
                        + line.toString(StandardCharsets.UTF_8));
            }
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
        }
    }

    /** Reads exactly n bytes. */
    byte[] readExactly(int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length != n) {
            throw new AssertionError("expected " + n + " bytes, the connection ended after " + bytes.length);
        }
        return bytes;
    }

    /** Everything until the server closes the connection. */
    byte[] readToEnd() throws IOException {
        return in.readAllBytes();
    }

    /** Whether the server closed the connection (end of stream within the socket timeout). */
    boolean isClosedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** Sends STLS, expects +OK, then completes the TLS handshake on the same connection. */
    String startTls() throws IOException {
        String reply = command("STLS");
        if (!reply.startsWith("+OK")) {
            return reply;
        }
        upgrade();
        return reply;
    }

    /** Completes a TLS handshake as the client on the current socket (after the server's +OK to STLS). */
    void upgrade() throws IOException {
        SSLSocket tls = (SSLSocket) Pop3Support.clientTlsContext().getSocketFactory()
                .createSocket(socket, host, port, true);
        checkServerIdentity(tls);
        tls.startHandshake();
        socket = tls;
        attach();
    }

    void setTimeoutMillis(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    private static void checkServerIdentity(SSLSocket socket) {
        javax.net.ssl.SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        return bytes.length >= p.length && Arrays.equals(bytes, 0, p.length, p, 0, p.length);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
