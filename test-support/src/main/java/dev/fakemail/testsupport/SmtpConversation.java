package dev.fakemail.testsupport;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSession;

/**
 * An SMTP client over a {@link LineClient}: a reply is all its lines exactly as sent (each with its CR LF), up
 * to the line with a space (or nothing) after the code. It says only what the test tells it; the greeting is
 * read by the test ({@link #greeting()}) or by {@link #open(Dial)}, since connect faults may refuse it.
 */
public class SmtpConversation extends LineClient {
    private static final byte[] CRLF = {'\r', '\n'};

    public SmtpConversation(Dial dial) throws IOException {
        super(dial);
    }

    /** Connected in plaintext; nothing read yet. */
    public static SmtpConversation connect(String host, int port) throws IOException {
        return new SmtpConversation(Dial.to(host, port));
    }

    /** Connected, and the greeting read, which must be 220. */
    public static SmtpConversation open(Dial dial) throws IOException {
        SmtpConversation smtp = new SmtpConversation(dial);
        try {
            smtp.expectReply("220");
            return smtp;
        } catch (IOException | RuntimeException | Error e) {
            smtp.close();
            throw e;
        }
    }

    /** Connected, greeted (220) and introduced with EHLO (250). */
    public static SmtpConversation openWithEhlo(Dial dial, String clientName) throws IOException {
        SmtpConversation smtp = open(dial);
        try {
            smtp.expect("EHLO " + clientName, "250");
            return smtp;
        } catch (IOException | RuntimeException | Error e) {
            smtp.close();
            throw e;
        }
    }

    /** As {@link LineClient#send(String)}, so that {@code smtp.send(bytes).reply()} reads. */
    @Override
    public SmtpConversation send(String text) throws IOException {
        super.send(text);
        return this;
    }

    @Override
    public SmtpConversation sendBytes(byte[] bytes) throws IOException {
        super.sendBytes(bytes);
        return this;
    }

    /** One complete reply; null if the server closed before any byte. A line cut by the close ends it. */
    public String reply() throws IOException {
        StringBuilder reply = new StringBuilder();
        while (true) {
            byte[] bytes = readUntil(CRLF);
            if (bytes == null) {
                return reply.length() == 0 ? null : reply.toString();
            }
            String line = new String(bytes, StandardCharsets.UTF_8);
            reply.append(line);
            if (!line.endsWith("\r\n") || line.length() < 6 || line.charAt(3) == ' ') {
                return reply.toString();
            }
        }
    }

    /** The greeting: the first reply. */
    public String greeting() throws IOException {
        return reply();
    }

    /** Sends a command line and reads its reply (null if the server closed). */
    public String command(String line) throws IOException {
        sendLine(line);
        return reply();
    }

    /**
     * Sends each command and checks its whole reply, exactly: {@code expectReplies("NOOP", "250 2.0.0 Ok",
     * "RSET", "250 2.0.0 Ok")}. A reply is written without its final CR LF (the lines of a multi-line reply keep
     * theirs between them).
     */
    public void expectReplies(String... commandThenReply) throws IOException {
        runScript(commandThenReply, this::command, "\r\n");
    }

    /**
     * Sends a line and reads its reply, which must start with the code. A close by the server is an
     * {@link EOFException} (a test may expect it), any other reply a failure showing the conversation.
     */
    public String expect(String line, String code) throws IOException {
        sendLine(line);
        return expectReply(code);
    }

    /** Reads a reply, which must start with the code (see {@link #expect}). */
    public String expectReply(String code) throws IOException {
        String reply = reply();
        if (reply == null || !reply.endsWith("\r\n")) {
            throw new EOFException("connection closed by the server; conversation:\n" + transcript());
        }
        if (!reply.startsWith(code)) {
            throw failure("expected " + code + ", got " + reply.strip());
        }
        return reply;
    }

    /** DATA (354), the message (CR LF line ends, dot-stuffed by the caller) and the lone dot; the final reply. */
    public String data(String message) throws IOException {
        expect("DATA", "354");
        String reply = command(message + "\r\n.");
        if (reply == null) {
            throw new EOFException("connection closed by the server after DATA; conversation:\n" + transcript());
        }
        return reply;
    }

    /** MAIL, RCPT and DATA, each of which must succeed; the reply to the final dot must be 250. */
    public String sendMail(String from, String to, String message) throws IOException {
        expect("MAIL FROM:<" + from + ">", "250");
        expect("RCPT TO:<" + to + ">", "250");
        String reply = data(message);
        if (!reply.startsWith("250")) {
            throw failure("end of DATA: expected 250, got " + reply.strip());
        }
        return reply;
    }

    /** STARTTLS (220), then the handshake over the same connection; returns the TLS session. */
    public SSLSession startTls() throws IOException {
        expect("STARTTLS", "220");
        return upgradeToTls();
    }

    /** The last line of a reply, without CR LF (its code and text). */
    public static String lastLine(String reply) {
        String trimmed = reply.endsWith("\r\n") ? reply.substring(0, reply.length() - 2) : reply;
        int cut = trimmed.lastIndexOf("\r\n");
        return cut < 0 ? trimmed : trimmed.substring(cut + 2);
    }
}
