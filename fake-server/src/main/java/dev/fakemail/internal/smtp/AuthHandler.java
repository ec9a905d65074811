package dev.fakemail.internal.smtp;

import dev.fakemail.internal.sasl.SaslExchange;
import dev.fakemail.internal.sasl.SaslMechanisms;
import dev.fakemail.internal.sasl.SaslStep;
import dev.fakemail.internal.sasl.SaslWire;
import dev.fakemail.internal.session.Reply;
import java.util.Optional;

/** AUTH (RFC 4954): starts a SASL exchange and carries its 334 challenges and base64 responses. */
final class AuthHandler {
    private AuthHandler() {
    }

    static boolean authAllowedNow(SmtpSession session) {
        return !session.settings.requireTls() || session.isTls();
    }

    static Reply auth(SmtpSession session, SmtpCommand command) {
        if (session.heloName == null || !session.extended) {
            return SmtpReplies.badSequence("send EHLO first");
        }
        if (session.authenticatedUser != null) {
            return SmtpReplies.badSequence("already authenticated");
        }
        if (session.transaction != null) {
            return SmtpReplies.badSequence("MAIL transaction in progress");
        }
        if (!authAllowedNow(session)) {
            return SmtpReplies.reply(538, "5.7.11", "Encryption required for requested authentication mechanism");
        }
        String[] words = command.argument().trim().split(" +");
        if (words[0].isEmpty() || words.length > 2) {
            return SmtpReplies.syntax("AUTH mechanism [initial-response]");
        }
        Optional<SaslExchange> exchange = SaslMechanisms.start(words[0], session.settings.users(),
                session.settings.hostname());
        if (exchange.isEmpty()) {
            return SmtpReplies.reply(504, "5.5.4", "Unrecognized authentication type");
        }
        byte[] initialResponse = null;
        if (words.length == 2) {
            initialResponse = SaslWire.decode(words[1]);
            if (initialResponse == null) {
                return SmtpReplies.reply(501, "5.5.2", "Cannot decode response");
            }
        }
        return step(session, exchange.get(), initialResponse);
    }

    static Reply continueDialogue(SmtpSession session, byte[] line) {
        SaslExchange exchange = session.saslExchange;
        session.saslExchange = null;
        return SaslWire.continueWith(line, () -> SmtpReplies.reply(501, "5.7.0", "Authentication aborted"),
                () -> SmtpReplies.reply(501, "5.5.2", "Cannot decode response"),
                response -> step(session, exchange, response));
    }

    private static Reply step(SmtpSession session, SaslExchange exchange, byte[] response) {
        SaslStep step = exchange.evaluate(response);
        if (step instanceof SaslStep.Challenge challenge) {
            session.saslExchange = exchange;
            return SmtpReplies.plain(334, SaslWire.encode(challenge.data()));
        }
        if (step instanceof SaslStep.Success success) {
            if (session.connection.inbox().login(success.user()) == null) {
                return SmtpReplies.reply(535, "5.7.8", "Authentication credentials invalid: no such inbox");
            }
            Reply scripted = session.connection.faults().refusalOfLogin(exchange.mechanism(), success.user(),
                    session::faultReply);
            if (scripted != null) {
                return scripted;
            }
            session.authenticatedUser = success.user();
            return SmtpReplies.reply(235, "2.7.0", "Authentication successful");
        }
        SaslStep.Failure failure = (SaslStep.Failure) step;
        if (failure.reason() == SaslStep.Reason.MALFORMED) {
            return SmtpReplies.reply(501, "5.5.2", "Error: " + failure.detail());
        }
        return SmtpReplies.reply(535, "5.7.8", "Error: authentication failed");
    }

    /** Hides an initial response in transcripts: "AUTH PLAIN AGJvYgBzZWNyZXQ=" → "AUTH PLAIN ****". */
    static String maskInitialResponse(String line) {
        if (line.length() > 5 && line.regionMatches(true, 0, "AUTH ", 0, 5)) { // every command line: no copies
            String[] words = line.substring(5).trim().split(" +");
            if (words.length >= 2) {
                return line.substring(0, 5) + words[0] + " ****";
            }
        }
        return line;
    }
}
