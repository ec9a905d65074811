package dev.fakemail.standalone;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/** A raw SMTP client: one command, one reply, with STARTTLS and implicit TLS (SMTPS). Always close it. */
final class SmtpDialog implements AutoCloseable {
    private Socket socket;
    private BufferedReader in;
    private OutputStream out;

    private SmtpDialog(Socket socket) throws IOException {
        use(socket);
    }

    /** Connects and reads the greeting, which must be 220. */
    static SmtpDialog connect(String host, int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5_000);
        SmtpDialog dialog = new SmtpDialog(socket);
        dialog.expectReply("220");
        return dialog;
    }

    /** Connects, reads the greeting and says EHLO; both must succeed. */
    static SmtpDialog connectAndGreet(String host, int port) throws IOException {
        SmtpDialog dialog = connect(host, port);
        dialog.command("EHLO client.example.test", "250");
        return dialog;
    }

    /** Connects with TLS from the first byte (SMTPS), verifying the server's certificate for the host. */
    static SmtpDialog connectTls(String host, int port, SSLContext trust) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(host, port), 5_000);
        SmtpDialog dialog = new SmtpDialog(handshake(plain, host, port, trust));
        dialog.expectReply("220");
        return dialog;
    }

    /** STARTTLS (after EHLO), then the handshake; returns the TLS session. */
    SSLSession startTls(String host, SSLContext trust) throws IOException {
        command("STARTTLS", "220");
        SSLSocket tls = handshake(socket, host, socket.getPort(), trust);
        use(tls);
        return tls.getSession();
    }

    SSLSession tlsSession() {
        return socket instanceof SSLSocket tls ? tls.getSession() : null;
    }

    /** Sends a line and returns the last line of the reply. */
    String command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return reply();
    }

    /** Sends a line; the reply must have this code. */
    void command(String line, String code) throws IOException {
        String reply = command(line);
        if (!reply.startsWith(code)) {
            throw new IOException(abbreviate(line) + ": expected " + code + ", got " + reply);
        }
    }

    /** The last line of the next (possibly multi-line) reply; IOException if the server closed instead. */
    String reply() throws IOException {
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed by the server");
            }
            if (line.length() < 4 || line.charAt(3) == ' ') {
                return line;
            }
        }
    }

    /** The data of a message and its end: {@code DATA}, the text, the lone dot; returns the final reply. */
    String data(String message) throws IOException {
        command("DATA", "354");
        return command(message + "\r\n.");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void expectReply(String code) throws IOException {
        String reply = reply();
        if (!reply.startsWith(code)) {
            throw new IOException("expected " + code + ", got " + reply);
        }
    }

    private void use(Socket next) throws IOException {
        socket = next;
        socket.setSoTimeout(10_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    private static SSLSocket handshake(Socket plain, String host, int port, SSLContext trust) throws IOException {
        SSLSocket tls = (SSLSocket) trust.getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host we dialled
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return tls;
    }

    private static String abbreviate(String line) {
        return line.length() <= 60 ? line : line.substring(0, 60) + "...";
    }
}
