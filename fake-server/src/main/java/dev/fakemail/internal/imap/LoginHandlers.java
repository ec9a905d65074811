package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.ImapOut;
import dev.fakemail.internal.sasl.SaslExchange;
import dev.fakemail.internal.sasl.SaslMechanisms;
import dev.fakemail.internal.sasl.SaslStep;
import dev.fakemail.internal.sasl.SaslWire;
import dev.fakemail.internal.session.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** LOGIN, AUTHENTICATE (with SASL-IR, RFC 4959) and STARTTLS: the not-authenticated state. */
final class LoginHandlers {
    private LoginHandlers() {
    }

    static Reply login(ImapSession session, ImapCommand command, ImapOut out) {
        ImapArgs args = command.arguments();
        String user = args.astring();
        args.space();
        String password = args.astring();
        args.end();
        if (tlsRequired(session)) {
            return session.no(command, out, "[PRIVACYREQUIRED] LOGIN is disabled until STARTTLS");
        }
        if (!session.settings.users().accepts(user, password)) {
            return session.no(command, out, "[AUTHENTICATIONFAILED] invalid user name or password");
        }
        return loggedIn(session, command, out, user, "LOGIN");
    }

    static Reply authenticate(ImapSession session, ImapCommand command, ImapOut out) {
        ImapArgs args = command.arguments();
        String mechanism = args.atom().toUpperCase(Locale.ROOT);
        byte[] initial = null;
        if (args.skipSpace()) {
            String response = args.atom("+");
            initial = response.equals("=") ? new byte[0] : SaslWire.decode(response);
            if (initial == null) {
                return session.bad(command, "initial response is not base64");
            }
        }
        args.end();
        if (tlsRequired(session)) {
            return session.no(command, out, "[PRIVACYREQUIRED] authentication is disabled until STARTTLS");
        }
        Optional<SaslExchange> exchange = SaslMechanisms.start(mechanism, session.settings.users(),
                session.settings.hostname());
        if (exchange.isEmpty()) {
            return session.no(command, out, "[CANNOT] unsupported authentication mechanism " + mechanism);
        }
        session.saslTag = command.tag;
        return step(session, exchange.get(), initial);
    }

    static Reply continueAuthenticate(ImapSession session, byte[] line) {
        SaslExchange exchange = session.sasl;
        session.sasl = null;
        return SaslWire.continueWith(line, () -> ImapSession.bad(session.saslTag + " BAD authentication cancelled"),
                () -> ImapSession.bad(session.saslTag + " BAD response is not base64"),
                response -> step(session, exchange, response));
    }

    private static Reply step(ImapSession session, SaslExchange exchange, byte[] response) {
        SaslStep step = exchange.evaluate(response);
        String tag = session.saslTag;
        if (step instanceof SaslStep.Challenge challenge) {
            session.sasl = exchange;
            return Reply.text("+ " + SaslWire.encode(challenge.data()) + "\r\n");
        }
        ImapCommand command = ImapCommand.parse((tag + " AUTHENTICATE").getBytes(StandardCharsets.US_ASCII));
        ImapOut out = new ImapOut(128);
        if (step instanceof SaslStep.Success success) {
            return loggedIn(session, command, out, success.user(), exchange.mechanism());
        }
        SaslStep.Failure failure = (SaslStep.Failure) step;
        return failure.reason() == SaslStep.Reason.MALFORMED
                ? ImapSession.bad(tag + " BAD " + failure.detail())
                : session.no(command, out, "[AUTHENTICATIONFAILED] authentication failed");
    }

    private static Reply loggedIn(ImapSession session, ImapCommand command, ImapOut out, String login,
            String mechanism) {
        String user = session.connection.inbox().login(login);
        if (user == null) {
            return session.no(command, out, "[AUTHENTICATIONFAILED] no such inbox: " + login.substring(0, login.indexOf('/')));
        }
        session.store = session.connection.inbox().store(session.store);
        Reply scripted = session.connection.faults().refusalOfLogin(mechanism, user, session::faultReply);
        if (scripted != null) {
            return scripted;
        }
        session.user = user.toLowerCase(Locale.ROOT);
        session.state = ImapSession.State.AUTHENTICATED;
        if (!session.store.users().contains(session.user)) {
            // the usual cause of "my mail is not there": the login is not the address the mail went to
            session.connection.note("login " + session.user + " matches no address that has received or stored "
                    + "mail: its INBOX is new and empty (mail is filed under the lower-cased RCPT TO address)");
        }
        session.store.inbox(session.user); // a login's mailboxes exist from the first login on
        // The new capabilities as an untagged response rather than a [CAPABILITY] code in the tagged OK: the same
        // to clients that read either (RFC 3501 §7.2.1), and it keeps the tagged line short, which commons-net
        // (3.11) requires of a tagged reply (80 characters after the status).
        out.ascii("* CAPABILITY ").ascii(Capabilities.of(session)).ascii("\r\n");
        return session.ok(command, out, command.verb + " completed");
    }

    static Reply startTls(ImapSession session, ImapCommand command, ImapOut out) {
        command.args.end();
        if (session.connection.isTls()) {
            return session.bad(command, "TLS is already active");
        }
        return session.ok(command, out, "Begin TLS negotiation now").thenStartTls();
    }

    private static boolean tlsRequired(ImapSession session) {
        return session.settings.requireTls() && !session.connection.isTls();
    }
}
