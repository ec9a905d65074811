package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.ImapOut;
import dev.fakemail.internal.session.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** CAPABILITY, NOOP, LOGOUT, ID and ENABLE: valid in every state. */
final class AnyStateHandlers {
    private AnyStateHandlers() {
    }

    static Reply capability(ImapSession session, ImapCommand command, ImapOut out) {
        command.args.end();
        out.ascii("* CAPABILITY ").ascii(Capabilities.of(session)).ascii("\r\n");
        return session.ok(command, out, "CAPABILITY completed");
    }

    static Reply noop(ImapSession session, ImapCommand command, ImapOut out) {
        command.args.end();
        return session.ok(command, out, "NOOP completed");
    }

    static Reply logout(ImapSession session, ImapCommand command, ImapOut out) {
        command.args.end();
        session.leaveSelected();
        session.state = ImapSession.State.LOGOUT;
        out.ascii("* BYE fakemail IMAP server logging out\r\n");
        return session.tagged(command, out, "OK", "LOGOUT completed", false).thenClose();
    }

    /** RFC 2971: the client's parameters are read and the server names itself. */
    static Reply id(ImapSession session, ImapCommand command, ImapOut out) {
        ImapArgs args = command.arguments();
        if (args.peek() == '(') {
            args.expect('(');
            int pairs = 0;
            while (!args.accept(')')) {
                if (pairs > 0) {
                    args.space();
                }
                args.stringBytes();
                args.space();
                args.nstring();
                if (++pairs > 30) {
                    throw new ImapSyntaxException("ID takes at most 30 field-value pairs");
                }
            }
        } else {
            args.nstring();
        }
        args.end();
        out.ascii("* ID (\"name\" \"fakemail\" \"vendor\" \"fakemail\" \"support-url\" \"https://fakemail.dev\")\r\n");
        return session.ok(command, out, "ID completed");
    }

    /** RFC 5161: only after login; {@link Enablement} knows what can be enabled. */
    static Reply enable(ImapSession session, ImapCommand command, ImapOut out) {
        if (session.state == ImapSession.State.NOT_AUTHENTICATED) {
            return session.bad(command, "ENABLE needs a login first");
        }
        ImapArgs args = command.args;
        List<String> enabled = new ArrayList<>();
        do {
            args.space();
            String capability = args.atom().toUpperCase(Locale.ROOT);
            if (!enabled.contains(capability) && Enablement.enable(session, capability)) {
                enabled.add(capability);
            }
        } while (!args.atEnd());
        out.ascii("* ENABLED");
        for (String capability : enabled) {
            out.ch(' ').ascii(Rev2Rules.enabledName(capability));
        }
        out.ascii("\r\n");
        return session.ok(command, out, "ENABLE completed");
    }
}
