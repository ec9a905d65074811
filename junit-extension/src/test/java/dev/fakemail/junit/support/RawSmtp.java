package dev.fakemail.junit.support;

import dev.fakemail.Endpoint;
import dev.fakemail.testsupport.SmtpConversation;
import java.io.IOException;
import java.io.UncheckedIOException;
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
        try (SmtpConversation conversation = SmtpConversation.connect(smtp.host(), smtp.port())) {
            List<String> replies = new ArrayList<>();
            replies.add(lastLine(conversation.reply()));
            for (String step : steps) {
                replies.add(lastLine(conversation.command(step)));
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

    private static String lastLine(String reply) throws IOException {
        if (reply == null) {
            throw new IOException("server closed the connection");
        }
        return SmtpConversation.lastLine(reply);
    }
}
