package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.ImapOut;
import dev.fakemail.internal.session.Reply;
import dev.fakemail.store.Mailbox;
import java.util.Locale;
import java.util.Optional;

/**
 * GETQUOTA, GETQUOTAROOT and SETQUOTA (RFC 9208). Each user has one quota root, "", which exists while a limit
 * is set; SETQUOTA lets users set their own (a test's shortcut to a full mailbox). STORAGE is told in units of
 * 1024 octets, usage and limit rounded up.
 */
final class QuotaHandlers {
    static final String ROOT = "";

    private QuotaHandlers() {
    }

    static Reply getQuota(ImapSession session, ImapCommand command, ImapOut out) {
        ImapArgs args = command.arguments();
        String root = args.astring();
        args.end();
        if (!root.equals(ROOT) || !session.settings.quotas().limits(session.user).any()) {
            return session.no(command, out, "[NONEXISTENT] no quota root " + ("\"" + root + "\"")
                    + (root.equals(ROOT) ? " (no limit is set)" : " (the one root is \"\")"));
        }
        writeQuota(session, out);
        return session.ok(command, out, "GETQUOTA completed");
    }

    static Reply getQuotaRoot(ImapSession session, ImapCommand command, ImapOut out) {
        ImapArgs args = command.arguments();
        String name = MailboxNames.fromWire(session, args.astring());
        args.end();
        Optional<Mailbox> mailbox = session.store.mailbox(session.user, name);
        if (mailbox.isEmpty()) {
            return session.no(command, out, "[NONEXISTENT] no mailbox " + MailboxNames.encode(name));
        }
        boolean limited = session.settings.quotas().limits(session.user).any();
        out.ascii("* QUOTAROOT ").string(MailboxNames.forClient(session, mailbox.get().name()));
        if (limited) {
            out.ascii(" \"\"");
        }
        out.ascii("\r\n");
        if (limited) {
            writeQuota(session, out);
        }
        return session.ok(command, out, "GETQUOTAROOT completed");
    }

    /** {@code SETQUOTA "" (STORAGE n MESSAGE m)}: the resources named get these limits, the others none. */
    static Reply setQuota(ImapSession session, ImapCommand command, ImapOut out) {
        ImapArgs args = command.arguments();
        String root = args.astring();
        args.space();
        args.expect('(');
        long storage = Quotas.UNLIMITED;
        long messages = Quotas.UNLIMITED;
        boolean first = true;
        while (!args.accept(')')) {
            if (!first) {
                args.space();
            }
            first = false;
            String resource = args.atom().toUpperCase(Locale.ROOT);
            args.space();
            long limit = args.number();
            if (resource.equals("STORAGE")) {
                storage = Math.multiplyExact(limit, 1024L);
            } else if (resource.equals("MESSAGE")) {
                messages = limit;
            } else {
                return session.no(command, out, "unknown quota resource " + resource + " (STORAGE and MESSAGE are)");
            }
        }
        args.end();
        if (!root.equals(ROOT)) {
            return session.no(command, out, "[NONEXISTENT] no quota root " + ("\"" + root + "\"") + " (the one root is \"\")");
        }
        session.settings.quotas().set(session.user, new Quotas.Limits(storage, messages));
        if (session.settings.quotas().limits(session.user).any()) {
            writeQuota(session, out);
        }
        return session.ok(command, out, "SETQUOTA completed");
    }

    /** {@code * QUOTA "" (STORAGE used limit MESSAGE used limit)}, each resource that has a limit. */
    static void writeQuota(ImapSession session, ImapOut out) {
        Quotas.Limits limits = session.settings.quotas().limits(session.user);
        Quotas.Usage usage = Quotas.usage(session.store, session.user);
        out.ascii("* QUOTA \"\" (");
        if (limits.storageOctets() != Quotas.UNLIMITED) {
            out.ascii("STORAGE ").number(usage.storageUnits()).ch(' ').number((limits.storageOctets() + 1023) / 1024);
        }
        if (limits.messages() != Quotas.UNLIMITED) {
            if (limits.storageOctets() != Quotas.UNLIMITED) {
                out.ch(' ');
            }
            out.ascii("MESSAGE ").number(usage.messages()).ch(' ').number(limits.messages());
        }
        out.ascii(")\r\n");
    }

    /** NO [OVERQUOTA] when adding these messages would go over the user's quota; null when they fit. */
    static Reply refuseOverQuota(ImapSession session, ImapCommand command, ImapOut out, long octets, long messages) {
        String refusal = session.settings.quotas().refusal(session.store, session.user, octets, messages);
        return refusal == null ? null : session.no(command, out, "[OVERQUOTA] " + refusal);
    }
}
