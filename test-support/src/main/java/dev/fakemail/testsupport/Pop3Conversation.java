package dev.fakemail.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A POP3 client over a {@link LineClient} (RFC 1939): one-line replies without their CR LF, multi-line
 * responses byte for byte (no un-stuffing, no line-end translation; {@link DotStuffing} undoes the stuffing),
 * STLS. {@link #open} reads the greeting; {@link #connect} does not, since connect faults may refuse it.
 */
public class Pop3Conversation extends LineClient {
    /** The greeting line without CR LF, once read by {@link #open} or {@link #readGreeting()}. */
    private String greeting;

    public Pop3Conversation(Dial dial) throws IOException {
        super(dial);
    }

    /** Connected; nothing read yet. */
    public static Pop3Conversation connect(Dial dial) throws IOException {
        return new Pop3Conversation(dial);
    }

    /** Connected, and the greeting read (whatever it is: see {@link #greeting()}). */
    public static Pop3Conversation open(Dial dial) throws IOException {
        Pop3Conversation pop = new Pop3Conversation(dial);
        try {
            pop.readGreeting();
            return pop;
        } catch (IOException | RuntimeException | Error e) {
            pop.close();
            throw e;
        }
    }

    public static Pop3Conversation open(String host, int port) throws IOException {
        return open(Dial.to(host, port));
    }

    /** Reads the greeting line (null if the server closed instead). */
    public String readGreeting() throws IOException {
        greeting = line();
        return greeting;
    }

    public String greeting() {
        return greeting;
    }

    /** The APOP timestamp of the greeting (RFC 1939 §7): from "<" to ">" inclusive. */
    public String banner() {
        int start = greeting.indexOf('<');
        int end = greeting.indexOf('>', start);
        if (start < 0 || end < 0) {
            throw failure("greeting has no <timestamp>: " + greeting);
        }
        return greeting.substring(start, end + 1);
    }

    /** Sends a command line and returns the one-line reply without CR LF (null if the server closed). */
    public String command(String line) throws IOException {
        sendLine(line);
        return line();
    }

    /**
     * Sends each command and checks its one-line reply (without CR LF), exactly:
     * {@code expectReplies("NOOP", "+OK", "STAT", "+OK 0 0")}.
     */
    public void expectReplies(String... commandThenReply) throws IOException {
        runScript(commandThenReply, this::command, "");
    }

    /** Sends a command and returns its multi-line reply, exactly as sent, status line and ".CRLF" included. */
    public byte[] multiLineCommand(String line) throws IOException {
        sendLine(line);
        return multiLine();
    }

    /** As {@link #multiLineCommand}, as text. */
    public String multiLineText(String line) throws IOException {
        return new String(multiLineCommand(line), StandardCharsets.UTF_8);
    }

    /**
     * Reads one multi-line response exactly: the status line and, if it is +OK, everything up to and including
     * the terminating ".CRLF". An -ERR reply is a single line.
     */
    public byte[] multiLine() throws IOException {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        byte[] status = rawLine();
        if (status == null) {
            throw failure("connection closed before the status line");
        }
        response.writeBytes(status);
        if (!(status.length >= 3 && status[0] == '+' && status[1] == 'O' && status[2] == 'K')) {
            return response.toByteArray();
        }
        while (true) {
            byte[] line = rawLine();
            if (line == null) {
                throw failure("connection closed inside a multi-line response: "
                        + response.toString(StandardCharsets.UTF_8));
            }
            response.writeBytes(line);
            if (line.length == 3 && line[0] == '.' && line[1] == '\r' && line[2] == '\n') {
                return response.toByteArray();
            }
        }
    }

    /** Sends a command whose reply must be +OK; returns it. */
    public String expectOk(String line) throws IOException {
        String reply = command(line);
        if (reply == null || !reply.startsWith("+OK")) {
            throw failure((line.startsWith("PASS ") ? "PASS" : line) + ": expected +OK, got " + reply);
        }
        return reply;
    }

    /** USER and PASS, both of which must be accepted. */
    public Pop3Conversation login(String user, String password) throws IOException {
        expectOk("USER " + user);
        expectOk("PASS " + password);
        return this;
    }

    /** The content of message n (RETR), un-stuffed, with its CR LF line ends. */
    public byte[] retrieve(int n) throws IOException {
        byte[] response = multiLineCommand("RETR " + n);
        if (!new String(response, 0, Math.min(3, response.length), StandardCharsets.US_ASCII).equals("+OK")) {
            throw failure("RETR " + n + ": expected +OK");
        }
        return DotStuffing.unstuffedContent(response);
    }

    /** STLS; after +OK the TLS handshake over the same connection. Returns the reply to STLS. */
    public String startTls() throws IOException {
        String reply = command("STLS");
        if (reply != null && reply.startsWith("+OK")) {
            upgradeToTls();
        }
        return reply;
    }
}
