package dev.fakemail.internal.smtp;

import dev.fakemail.internal.sasl.SaslMechanisms;
import dev.fakemail.internal.session.Reply;
import java.util.ArrayList;
import java.util.List;

/** HELO and EHLO (RFC 5321 §4.1.1.1): greets, resets any transaction, lists the extensions that work. */
final class HeloHandler {
    private HeloHandler() {
    }

    static Reply helo(SmtpSession session, SmtpCommand command) {
        String name = command.argument().trim();
        if (name.isEmpty() || name.contains(" ")) {
            return SmtpReplies.syntax("HELO hostname");
        }
        session.heloName = name;
        session.extended = false;
        session.transaction = null;
        return SmtpReplies.plain(250, session.settings.hostname() + " Hello " + name);
    }

    static Reply ehlo(SmtpSession session, SmtpCommand command) {
        String name = command.argument().trim();
        if (name.isEmpty() || name.contains(" ")) {
            return SmtpReplies.syntax("EHLO hostname");
        }
        session.heloName = name;
        session.extended = true;
        session.transaction = null;
        List<String> lines = new ArrayList<>();
        lines.add(session.settings.hostname() + " Hello " + name);
        lines.add("PIPELINING");
        lines.add("SIZE " + session.settings.maxMessageSize());
        lines.add("8BITMIME");
        lines.add("SMTPUTF8");
        lines.add("ENHANCEDSTATUSCODES");
        lines.add("CHUNKING");
        lines.add("BINARYMIME");
        lines.add("DSN");
        if (!session.isTls()) {
            lines.add("STARTTLS");
        }
        if (AuthHandler.authAllowedNow(session) && session.authenticatedUser == null) {
            lines.add("AUTH " + String.join(" ", SaslMechanisms.supported()));
        }
        lines.add("HELP");
        List<String> advertised = new ArrayList<>(List.of(lines.get(0)));
        advertised.addAll(session.connection.faults().capabilities(lines.subList(1, lines.size())));
        return SmtpReplies.multiline(250, advertised);
    }
}
