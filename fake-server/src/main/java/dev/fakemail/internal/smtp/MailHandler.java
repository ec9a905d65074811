package dev.fakemail.internal.smtp;

import dev.fakemail.internal.session.Reply;
import java.util.Locale;
import java.util.Map;

/**
 * MAIL FROM (RFC 5321 §4.1.1.2) with the parameters of the extensions we advertise: SIZE (RFC 1870),
 * BODY (8BITMIME, BINARYMIME), SMTPUTF8 (RFC 6531), RET and ENVID (DSN, RFC 3461), AUTH (RFC 4954 §5).
 */
final class MailHandler {
    private MailHandler() {
    }

    static Reply mail(SmtpSession session, SmtpCommand command) {
        if (session.heloName == null) {
            return SmtpReplies.badSequence("send HELO/EHLO first");
        }
        if (session.transaction != null) {
            return SmtpReplies.badSequence("nested MAIL command");
        }
        Reply policy = policyRefusal(session);
        if (policy != null) {
            return policy;
        }
        Reply badPath = command.pathRefusal();
        if (badPath != null) {
            return badPath;
        }
        MailPath path = command.validPath();
        if (!path.address().isEmpty() && !MailPath.isValidMailbox(path.address())) {
            return SmtpReplies.reply(501, "5.1.7", "Bad sender address syntax");
        }
        if (!path.parameters().isEmpty() && !session.extended) {
            return SmtpReplies.reply(555, "5.5.4", "Error: parameters need EHLO, not HELO");
        }
        Reply refused = checkParameters(session, path.parameters());
        if (refused != null) {
            return refused;
        }
        if (path.nonAscii() && !path.parameters().containsKey("SMTPUTF8")) {
            return SmtpReplies.reply(553, "5.6.7", "Error: non-ASCII sender address needs SMTPUTF8");
        }
        session.transaction = new Transaction(path.address(), path.parameters());
        return SmtpReplies.SENDER_OK;
    }

    /** Refusals by server policy: TLS or AUTH required before mail is accepted (RFC 3207 §4, RFC 4954 §6). */
    static Reply policyRefusal(SmtpSession session) {
        if (session.settings.requireTls() && !session.isTls()) {
            return SmtpReplies.reply(530, "5.7.0", "Must issue a STARTTLS command first");
        }
        if (session.settings.requireAuth() && session.authenticatedUser == null) {
            return SmtpReplies.reply(530, "5.7.0", "Authentication required");
        }
        return null;
    }

    private static Reply checkParameters(SmtpSession session, Map<String, String> parameters) {
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String value = parameter.getValue();
            switch (parameter.getKey()) {
                case "SIZE":
                    if (!value.matches("[0-9]{1,18}")) {
                        return SmtpReplies.reply(501, "5.5.4", "Syntax: SIZE=<octets>");
                    }
                    if (Long.parseLong(value) > session.settings.maxMessageSize()) {
                        return SmtpReplies.reply(552, "5.3.4", "Message size exceeds fixed limit");
                    }
                    break;
                case "BODY":
                    String body = value.toUpperCase(Locale.ROOT);
                    if (!body.equals("7BIT") && !body.equals("8BITMIME") && !body.equals("BINARYMIME")) {
                        return SmtpReplies.reply(501, "5.5.4", "Syntax: BODY=7BIT|8BITMIME|BINARYMIME");
                    }
                    break;
                case "SMTPUTF8":
                    if (!value.isEmpty()) {
                        return SmtpReplies.reply(501, "5.5.4", "Syntax: SMTPUTF8 takes no value");
                    }
                    break;
                case "RET":
                    String ret = value.toUpperCase(Locale.ROOT);
                    if (!ret.equals("FULL") && !ret.equals("HDRS")) {
                        return SmtpReplies.reply(501, "5.5.4", "Syntax: RET=FULL|HDRS");
                    }
                    break;
                case "ENVID":
                    if (value.isEmpty() || value.length() > 100 || !XText.isValid(value)) {
                        return SmtpReplies.reply(501, "5.5.4", "Syntax: ENVID=<xtext, at most 100 characters>");
                    }
                    break;
                case "AUTH":
                    if (value.isEmpty()) {
                        return SmtpReplies.reply(501, "5.5.4", "Syntax: AUTH=<mailbox>|<>");
                    }
                    break;
                default:
                    return SmtpReplies.reply(555, "5.5.4", "Unsupported option: " + parameter.getKey());
            }
        }
        return null;
    }
}
