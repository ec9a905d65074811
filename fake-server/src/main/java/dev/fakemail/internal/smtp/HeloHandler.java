package dev.fakemail.internal.smtp;

import dev.fakemail.internal.sasl.SaslMechanisms;
import dev.fakemail.internal.session.Reply;
import java.util.ArrayList;
import java.util.List;

/** HELO and EHLO (RFC 5321 §4.1.1.1): greets, resets any transaction, lists the extensions that work. */
final class HeloHandler {
    private HeloHandler() {
    }

    /**
     * One token of printable characters: the name is echoed in the reply and written into the Received field, so
     * a bare CR, a NUL or any other control character in it would forge lines there (RFC 5321 §4.1.3 allows
     * a domain or an address literal; anything printable without spaces is kept, as real MTAs do).
     */
    private static boolean isHostnameToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    static Reply helo(SmtpSession session, SmtpCommand command) {
        Reply refused = greet(session, command, false);
        return refused != null ? refused
                : SmtpReplies.plain(250, session.settings.hostname() + " Hello " + session.heloName);
    }

    /**
     * HELO and EHLO alike: refuses a name that is no hostname, else notes it and starts afresh (RFC 5321 §4.1.4:
     * no transaction survives a greeting); null when the greeting may be answered.
     */
    private static Reply greet(SmtpSession session, SmtpCommand command, boolean extended) {
        String name = command.argument().trim();
        if (!isHostnameToken(name)) {
            return SmtpReplies.syntax((extended ? "EHLO" : "HELO") + " hostname");
        }
        session.heloName = name;
        session.extended = extended;
        session.transaction = null;
        return null;
    }

    static Reply ehlo(SmtpSession session, SmtpCommand command) {
        Reply refused = greet(session, command, true);
        if (refused != null) {
            return refused;
        }
        String name = session.heloName;
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
