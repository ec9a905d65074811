package dev.fakemail.internal.smtp;

import dev.fakemail.internal.session.Reply;
import dev.fakemail.store.EnvelopeRecipient;
import java.util.Locale;
import java.util.Map;

/** RCPT TO (RFC 5321 §4.1.1.3) with DSN's NOTIFY and ORCPT (RFC 3461 §4). Every recipient is accepted. */
final class RcptHandler {
    private RcptHandler() {
    }

    static Reply rcpt(SmtpSession session, SmtpCommand command) {
        Transaction transaction = session.transaction;
        if (transaction == null) {
            return SmtpReplies.badSequence("need MAIL command");
        }
        if (transaction.usesBdat()) {
            return SmtpReplies.badSequence("RCPT after BDAT");
        }
        Reply badPath = command.pathRefusal();
        if (badPath != null) {
            return badPath;
        }
        MailPath path = command.validPath();
        String address = path.address();
        boolean postmaster = address.equalsIgnoreCase("postmaster");
        if (!postmaster && !MailPath.isValidMailbox(address)) {
            return SmtpReplies.reply(501, "5.1.3", "Bad recipient address syntax");
        }
        if (!path.parameters().isEmpty() && !session.extended) {
            return SmtpReplies.reply(555, "5.5.4", "Error: parameters need EHLO, not HELO");
        }
        Reply refused = checkParameters(path.parameters());
        if (refused != null) {
            return refused;
        }
        if (path.nonAscii() && !transaction.smtpUtf8) {
            return SmtpReplies.reply(553, "5.6.7", "Error: non-ASCII recipient address needs SMTPUTF8");
        }
        if (transaction.recipients.size() >= session.settings.maxRecipients()) {
            // RFC 5321 §4.5.3.1.10: 452 (not 552) so the client sends the rest in another transaction.
            return SmtpReplies.reply(452, "4.5.3", "Error: too many recipients");
        }
        transaction.recipients.add(new EnvelopeRecipient(address, path.parameters()));
        return SmtpReplies.RECIPIENT_OK;
    }

    private static Reply checkParameters(Map<String, String> parameters) {
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String value = parameter.getValue();
            switch (parameter.getKey()) {
                case "NOTIFY":
                    if (!isValidNotify(value.toUpperCase(Locale.ROOT))) {
                        return SmtpReplies.reply(501, "5.5.4", "Syntax: NOTIFY=NEVER|SUCCESS,FAILURE,DELAY");
                    }
                    break;
                case "ORCPT":
                    int semicolon = value.indexOf(';');
                    if (semicolon <= 0 || !XText.isValid(value.substring(semicolon + 1))) {
                        return SmtpReplies.reply(501, "5.5.4", "Syntax: ORCPT=addr-type;xtext");
                    }
                    break;
                default:
                    return SmtpReplies.reply(555, "5.5.4", "Unsupported option: " + parameter.getKey());
            }
        }
        return null;
    }

    private static boolean isValidNotify(String value) {
        if (value.equals("NEVER")) {
            return true;
        }
        if (value.isEmpty()) {
            return false;
        }
        for (String keyword : value.split(",", -1)) {
            if (!keyword.equals("SUCCESS") && !keyword.equals("FAILURE") && !keyword.equals("DELAY")) {
                return false;
            }
        }
        return true;
    }
}
