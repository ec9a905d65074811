package dev.fakemail.internal.imap;

import java.util.Locale;
import java.util.OptionalLong;

/**
 * The modifiers after FETCH's items: {@code (CHANGEDSINCE n)} (CONDSTORE, RFC 7162 §3.1.4) and, for UID FETCH
 * with QRESYNC enabled, {@code VANISHED} (RFC 7162 §3.2.6).
 */
record FetchModifiers(OptionalLong changedSince, boolean vanished) {
    static final FetchModifiers NONE = new FetchModifiers(OptionalLong.empty(), false);

    static FetchModifiers parse(ImapSession session, ImapCommand command) {
        ImapArgs args = command.args;
        if (!args.skipSpace()) {
            return NONE;
        }
        OptionalLong changedSince = OptionalLong.empty();
        boolean vanished = false;
        args.expect('(');
        do {
            String modifier = args.atom().toUpperCase(Locale.ROOT);
            if (modifier.equals("CHANGEDSINCE") && changedSince.isEmpty()) {
                args.space();
                changedSince = OptionalLong.of(args.number());
            } else if (modifier.equals("VANISHED") && !vanished) {
                vanished = true;
            } else {
                throw new ImapSyntaxException("unknown or repeated FETCH modifier " + modifier);
            }
        } while (args.skipSpace());
        args.expect(')');
        if (vanished && (!command.uid || !session.qresync || changedSince.isEmpty())) {
            throw new ImapSyntaxException("VANISHED needs UID FETCH, CHANGEDSINCE and ENABLE QRESYNC (RFC 7162 3.2.6)");
        }
        return new FetchModifiers(changedSince, vanished);
    }
}
