package dev.fakemail.internal.pop3;

import dev.fakemail.internal.sasl.SaslExchange;
import dev.fakemail.internal.sasl.SaslMechanisms;
import dev.fakemail.internal.sasl.SaslStep;
import dev.fakemail.internal.sasl.SaslWire;
import dev.fakemail.internal.session.Reply;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** The AUTHORIZATION state: USER/PASS, APOP, AUTH (RFC 5034), STLS (RFC 2595), CAPA (RFC 2449), QUIT. */
final class AuthorizationHandlers {
    private AuthorizationHandlers() {
    }

    static Reply capa(Pop3Session session, String argument) {
        List<String> lines = new ArrayList<>();
        lines.add("TOP");
        lines.add("UIDL");
        lines.add("RESP-CODES");
        lines.add("AUTH-RESP-CODE");
        lines.add("PIPELINING");
        if (session.maildrop == null) {
            if (loginAllowedNow(session)) {
                lines.add("USER");
                lines.add("SASL " + String.join(" ", SaslMechanisms.supported()));
            }
            if (!session.connection.isTls()) {
                lines.add("STLS");
            }
        }
        lines.add("IMPLEMENTATION fakemail");
        List<String> advertised = session.connection.faults().capabilities(lines);
        return Reply.text("+OK Capability list follows\r\n" + String.join("\r\n", advertised)
                + (advertised.isEmpty() ? "" : "\r\n") + ".\r\n");
    }

    static Reply user(Pop3Session session, String argument) {
        if (argument.isBlank()) {
            return Pop3Session.err("USER needs a name");
        }
        session.pendingUser = argument.trim();
        return Pop3Session.ok("send PASS");
    }

    static Reply pass(Pop3Session session, String argument) {
        String user = session.pendingUser;
        session.pendingUser = null;
        if (user == null) {
            return Pop3Session.err("send USER first");
        }
        // RFC 1939 §7: the password is everything after "PASS ", spaces included.
        if (!session.settings.users().accepts(user, argument)) {
            return Pop3Session.err("[AUTH] invalid user name or password");
        }
        return enterTransaction(session, user, "USER");
    }

    /** APOP name digest (RFC 1939 §7): MD5 over the greeting's timestamp and the password. */
    static Reply apop(Pop3Session session, String argument) {
        String[] words = argument.trim().split(" +");
        if (words.length != 2 || !words[1].matches("[0-9a-fA-F]{32}")) {
            return Pop3Session.err("APOP needs a name and a 32-digit hex digest");
        }
        String user = words[0];
        Optional<String> password = session.settings.users().passwordOf(user);
        boolean valid;
        if (session.settings.users().hasFixedUsers()) {
            valid = password.isPresent() && MessageDigest.isEqual(
                    md5Hex(session.banner + password.get()).getBytes(StandardCharsets.US_ASCII),
                    words[1].toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        } else {
            valid = session.settings.users().knows(user); // anyone may log in, with any password
        }
        if (!valid) {
            return Pop3Session.err("[AUTH] invalid user name or digest");
        }
        return enterTransaction(session, user, "APOP");
    }

    static Reply auth(Pop3Session session, String argument) {
        String[] words = argument.trim().split(" +");
        if (words[0].isEmpty() || words.length > 2) {
            return Pop3Session.err("AUTH needs a mechanism: " + String.join(" ", SaslMechanisms.supported()));
        }
        Optional<SaslExchange> exchange = SaslMechanisms.start(words[0], session.settings.users(),
                session.settings.hostname());
        if (exchange.isEmpty()) {
            return Pop3Session.err("unsupported authentication mechanism");
        }
        byte[] initial = null;
        if (words.length == 2) {
            initial = SaslWire.decode(words[1]);
            if (initial == null) {
                return Pop3Session.err("initial response is not base64");
            }
        }
        return step(session, exchange.get(), initial);
    }

    static Reply continueAuth(Pop3Session session, byte[] line) {
        SaslExchange exchange = session.saslExchange;
        session.saslExchange = null;
        return SaslWire.continueWith(line, () -> Pop3Session.err("authentication cancelled"),
                () -> Pop3Session.err("response is not base64"), response -> step(session, exchange, response));
    }

    static Reply stls(Pop3Session session, String argument) {
        if (session.connection.isTls()) {
            return Pop3Session.err("TLS already active");
        }
        return Pop3Session.ok("Begin TLS negotiation").thenStartTls();
    }

    static Reply quit(Pop3Session session, String argument) {
        return Pop3Session.ok("fakemail POP3 server signing off").thenClose();
    }

    private static Reply step(Pop3Session session, SaslExchange exchange, byte[] response) {
        SaslStep step = exchange.evaluate(response);
        if (step instanceof SaslStep.Challenge challenge) {
            session.saslExchange = exchange;
            return Reply.text("+ " + SaslWire.encode(challenge.data()) + "\r\n");
        }
        if (step instanceof SaslStep.Success success) {
            return enterTransaction(session, success.user(), exchange.mechanism());
        }
        SaslStep.Failure failure = (SaslStep.Failure) step;
        return Pop3Session.err(failure.reason() == SaslStep.Reason.MALFORMED
                ? failure.detail() : "[AUTH] authentication failed");
    }

    /** Locks the maildrop and enters TRANSACTION, or refuses with [IN-USE] (RFC 2449 §8.1.1). */
    private static Reply enterTransaction(Pop3Session session, String login, String mechanism) {
        String user = session.connection.inbox().login(login);
        if (user == null) {
            return Pop3Session.err("[AUTH] no such inbox: " + login.substring(0, login.indexOf('/')));
        }
        session.store = session.connection.inbox().store(session.store);
        Reply scripted = session.connection.faults().refusalOfLogin(mechanism, user, session::faultReply);
        if (scripted != null) {
            return scripted;
        }
        if (!session.locks.tryLock(user, session)) {
            return Pop3Session.err("[IN-USE] maildrop already locked by another session");
        }
        session.maildrop = new Maildrop(user, session.store.inbox(user));
        return Pop3Session.ok("maildrop locked and ready, " + session.maildrop.numbered() + " messages");
    }

    private static boolean loginAllowedNow(Pop3Session session) {
        return !session.settings.requireTls() || session.connection.isTls();
    }

    /** A command that logs in (USER, APOP, AUTH), refused until TLS is active where the settings require it. */
    static Pop3Session.Handler afterTls(Pop3Session.Handler login) {
        return (session, argument) -> loginAllowedNow(session) ? login.handle(session, argument)
                : Pop3Session.err("[AUTH] TLS required: use STLS first");
    }

    private static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
