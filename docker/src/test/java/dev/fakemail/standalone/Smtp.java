package dev.fakemail.standalone;

import dev.fakemail.testsupport.Dial;
import dev.fakemail.testsupport.SmtpConversation;
import java.io.IOException;

/** Opens raw SMTP sessions and sends plain messages, checking each reply code. */
final class Smtp {
    private Smtp() {
    }

    /** Connected, greeted (220) and EHLO said (250). */
    static SmtpConversation open(Dial dial) throws IOException {
        return SmtpConversation.openWithEhlo(dial, "client.example.test");
    }

    static SmtpConversation open(String host, int port) throws IOException {
        return open(Dial.to(host, port));
    }

    static void send(String host, int port, String from, String to, String subject) throws IOException {
        try (SmtpConversation smtp = open(host, port)) {
            sendIn(smtp, from, to, subject);
            smtp.expect("QUIT", "221");
        }
    }

    /** One transaction in an open session (after EHLO): MAIL, RCPT, DATA, each must succeed. */
    static void sendIn(SmtpConversation smtp, String from, String to, String subject) throws IOException {
        smtp.sendMail(from, to, "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\n\r\nHello.");
    }
}
