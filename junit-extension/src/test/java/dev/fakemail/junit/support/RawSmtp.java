package dev.fakemail.junit.support;

import dev.fakemail.Endpoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An SMTP client that says exactly what it is told, so transcripts in failure messages are predictable to the
 * byte. Each step is sent, then one (possibly multi-line) reply is read.
 */
public final class RawSmtp {
    private RawSmtp() {
    }

    /** Greeting, then each command; returns every reply's last line. Message data goes as one step. */
    public static List<String> talk(Endpoint smtp, String... steps) {
        try (Socket socket = new Socket(smtp.address(), smtp.port())) {
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            List<String> replies = new ArrayList<>();
            replies.add(readReply(in));
            for (String step : steps) {
                out.write((step + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                replies.add(readReply(in));
            }
            return replies;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One complete transaction with a minimal message. */
    public static List<String> send(Endpoint smtp, String from, String to, String subject) {
        return talk(smtp, "HELO client.test", "MAIL FROM:<" + from + ">", "RCPT TO:<" + to + ">", "DATA",
                "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\n\r\nHello\r\n.", "QUIT");
    }

    private static String readReply(BufferedReader in) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("server closed the connection");
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        return line;
    }
}
