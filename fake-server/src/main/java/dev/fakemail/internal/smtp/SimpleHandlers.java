package dev.fakemail.internal.smtp;

import dev.fakemail.internal.session.Reply;
import java.util.List;

/** The commands that need only a line each: RSET, NOOP, QUIT, VRFY, EXPN, HELP, STARTTLS. */
final class SimpleHandlers {
    private SimpleHandlers() {
    }

    static Reply rset(SmtpSession session, SmtpCommand command) {
        if (!command.argument().isBlank()) {
            return SmtpReplies.syntax("RSET");
        }
        session.transaction = null;
        return SmtpReplies.ok();
    }

    static Reply noop(SmtpSession session, SmtpCommand command) {
        return SmtpReplies.ok(); // RFC 5321 §4.1.1.9: any argument is ignored
    }

    static Reply quit(SmtpSession session, SmtpCommand command) {
        if (!command.argument().isBlank()) {
            return SmtpReplies.syntax("QUIT");
        }
        session.transaction = null;
        return SmtpReplies.reply(221, "2.0.0", session.settings.hostname() + " Bye").thenClose();
    }

    /**
     * VRFY (§4.1.1.6). With fixed users the answer is exact; otherwise every mailbox exists on first
     * delivery, so the honest answer is 252: cannot verify, but will accept.
     */
    static Reply vrfy(SmtpSession session, SmtpCommand command) {
        String argument = command.argument().trim();
        if (argument.isEmpty()) {
            return SmtpReplies.syntax("VRFY address");
        }
        String address = argument.startsWith("<") && argument.endsWith(">")
                ? argument.substring(1, argument.length() - 1) : argument;
        if (!session.settings.users().hasFixedUsers()) {
            return SmtpReplies.reply(252, "2.0.0", "Cannot VRFY user, but will accept message and attempt delivery");
        }
        if (session.settings.users().knows(address)) {
            return SmtpReplies.reply(250, "2.1.5", "<" + address + ">");
        }
        return SmtpReplies.reply(550, "5.1.1", "<" + address + ">: Recipient address rejected: User unknown");
    }

    static Reply expn(SmtpSession session, SmtpCommand command) {
        return SmtpReplies.reply(502, "5.5.1", "Error: EXPN not supported");
    }

    static Reply help(SmtpSession session, SmtpCommand command) {
        return SmtpReplies.multiline(214, List.of(
                "2.0.0 fakemail, a fake mail server for development and tests",
                "2.0.0 Commands: HELO EHLO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP STARTTLS AUTH",
                "2.0.0 Captured mail is kept in memory; nothing is relayed"));
    }

    static Reply startTls(SmtpSession session, SmtpCommand command) {
        if (!command.argument().isBlank()) {
            return SmtpReplies.syntax("STARTTLS");
        }
        if (session.heloName == null) {
            return SmtpReplies.badSequence("send EHLO first");
        }
        if (session.isTls()) {
            return SmtpReplies.badSequence("TLS already active");
        }
        return SmtpReplies.reply(220, "2.0.0", "Ready to start TLS").thenStartTls();
    }
}
