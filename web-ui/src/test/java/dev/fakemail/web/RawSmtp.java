package dev.fakemail.web;

import dev.fakemail.Endpoint;
import dev.fakemail.testsupport.Dial;
import dev.fakemail.testsupport.SmtpConversation;
import java.io.IOException;

/** Sends over a raw SMTP socket and checks every reply code. */
final class RawSmtp {
    private RawSmtp() {
    }

    /** One message: EHLO, MAIL, RCPT, DATA (LF line ends become CR LF), QUIT; each reply must succeed. */
    static void send(String host, int port, String from, String to, String data) throws IOException {
        try (SmtpConversation smtp = SmtpConversation.openWithEhlo(Dial.to(host, port), "client.example.test")) {
            smtp.sendMail(from, to, data.replace("\n", "\r\n"));
            smtp.expect("QUIT", "221");
        }
    }

    /**
     * One message under a "smtp data-end -> disconnect" rule: EHLO, MAIL, RCPT and DATA succeed, and the end of
     * the data gets no reply but the end of the connection.
     */
    static void sendCutAfterData(Endpoint endpoint) throws IOException {
        try (SmtpConversation smtp = SmtpConversation.openWithEhlo(Dial.to(endpoint.host(), endpoint.port()),
                "client.example.test")) {
            smtp.expect("MAIL FROM:<alice@example.test>", "250");
            smtp.expect("RCPT TO:<bob@example.test>", "250");
            smtp.expect("DATA", "354");
            if (smtp.command("Subject: lost\r\n\r\nhi\r\n.") != null) {
                throw new AssertionError("the end of the data was answered; the connection should have been cut");
            }
        }
    }

    /** The reply to one RCPT TO after HELO and MAIL FROM, all three pipelined (what a fault rule on RCPT changes). */
    static String rcptReply(Endpoint endpoint, String recipient) throws IOException {
        try (SmtpConversation smtp = SmtpConversation.connect(endpoint.host(), endpoint.port())) {
            smtp.reply();
            smtp.send("HELO client.test\r\nMAIL FROM:<shop@example.test>\r\nRCPT TO:<" + recipient + ">\r\n");
            smtp.reply();
            smtp.reply();
            String reply = SmtpConversation.lastLine(smtp.reply());
            smtp.sendLine("QUIT");
            return reply;
        }
    }
}
