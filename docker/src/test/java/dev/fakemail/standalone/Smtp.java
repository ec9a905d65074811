package dev.fakemail.standalone;

import java.io.IOException;

/** Sends one plain message over a raw SMTP socket, checking each reply code. */
final class Smtp {
    private Smtp() {
    }

    static void send(String host, int port, String from, String to, String subject) throws IOException {
        try (SmtpDialog smtp = SmtpDialog.connectAndGreet(host, port)) {
            sendIn(smtp, from, to, subject);
            smtp.command("QUIT", "221");
        }
    }

    /** One transaction in an open session (after EHLO): MAIL, RCPT, DATA, each must succeed. */
    static void sendIn(SmtpDialog smtp, String from, String to, String subject) throws IOException {
        smtp.command("MAIL FROM:<" + from + ">", "250");
        smtp.command("RCPT TO:<" + to + ">", "250");
        String reply = smtp.data("From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\n\r\nHello.");
        if (!reply.startsWith("250")) {
            throw new IOException("end of DATA: expected 250, got " + reply);
        }
    }
}
