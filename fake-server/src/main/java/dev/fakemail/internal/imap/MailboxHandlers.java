package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.ImapOut;
import dev.fakemail.internal.session.Reply;
import dev.fakemail.internal.store.MailboxException;
import dev.fakemail.store.Mailbox;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** SELECT, EXAMINE, CREATE, DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE. */
final class MailboxHandlers {
    private static final Set<String> SYSTEM_FLAGS = Set.of("\\Answered", "\\Flagged", "\\Deleted", "\\Seen",
            "\\Draft");

    private MailboxHandlers() {
    }

    /** SELECT, and EXAMINE, which is the same but opens the mailbox read-only (RFC 3501 §6.3.2). */
    static Reply open(ImapSession session, ImapCommand command, ImapOut out) {
        boolean readOnly = command.verb.equals("EXAMINE");
        ImapArgs args = command.arguments();
        String name = MailboxNames.fromWire(session, args.astring());
        Qresync.SelectParameters parameters = args.skipSpace() ? Qresync.SelectParameters.parse(args)
                : Qresync.SelectParameters.NONE;
        args.end();
        if (parameters.qresync() != null && !session.qresync) {
            return session.bad(command, "QRESYNC needs ENABLE QRESYNC first (RFC 7162 3.2.5)");
        }
        session.condstore |= parameters.condstore();
        if (Rev2Rules.saysClosed(session) && session.selected != null) {
            out.ascii("* OK [CLOSED] previous mailbox closed\r\n"); // RFC 7162 §3.2.11, RFC 9051 §6.3.2
        }
        session.leaveSelected(); // RFC 3501 §6.3.1: a failed SELECT leaves no mailbox selected
        Optional<Mailbox> found = session.store.mailbox(session.user, name);
        if (found.isEmpty() || !found.get().selectable()) {
            return session.no(command, out, "[NONEXISTENT] no mailbox " + MailboxNames.encode(name));
        }
        Mailbox mailbox = found.get();
        SelectedMailbox view = new SelectedMailbox(mailbox, readOnly);
        session.select(view, () -> Rev2Rules.recentFor(session, mailbox, readOnly));
        Rev2Rules.afterSelect(session, view);
        if (session.qresync) {
            view.reportExpungesAsVanished();
        }
        writeFlags(out, view.announcedKeywords());
        out.ascii("* ").number(view.size()).ascii(" EXISTS\r\n");
        if (session.dialect.sendsRecent()) {
            out.ascii("* ").number(view.recentCount()).ascii(" RECENT\r\n");
        }
        int firstUnseen = Rev2Rules.sendsFirstUnseen(session) ? firstUnseen(view) : 0;
        if (firstUnseen > 0) {
            out.ascii("* OK [UNSEEN ").number(firstUnseen).ascii("] first unseen message\r\n");
        }
        out.ascii("* OK [UIDVALIDITY ").number(mailbox.uidValidity()).ascii("] UIDs valid\r\n");
        out.ascii("* OK [UIDNEXT ").number(mailbox.uidNext()).ascii("] predicted next UID\r\n");
        out.ascii("* OK [HIGHESTMODSEQ ").number(mailbox.highestModSeq()).ascii("] highest\r\n");
        Rev2Rules.writeSelectedList(session, mailbox, out);
        if (parameters.qresync() != null) {
            Qresync.resync(session, view, parameters.qresync(), out);
        }
        return session.tagged(command, out, "OK", (readOnly ? "[READ-ONLY] EXAMINE" : "[READ-WRITE] SELECT")
                + " completed", false);
    }

    /** FLAGS: the system flags and every keyword in use; PERMANENTFLAGS adds \* (keywords may be created). */
    static void writeFlags(ImapOut out, Set<String> keywords) {
        out.ascii("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft");
        for (String keyword : keywords) {
            if (!SYSTEM_FLAGS.contains(keyword)) {
                out.ch(' ').ascii(keyword);
            }
        }
        out.ascii(")\r\n* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft");
        for (String keyword : keywords) {
            if (!SYSTEM_FLAGS.contains(keyword)) {
                out.ch(' ').ascii(keyword);
            }
        }
        out.ascii(" \\*)] flags permitted\r\n");
    }

    private static int firstUnseen(SelectedMailbox view) {
        for (int i = 1; i <= view.size(); i++) {
            if (!view.bySequence(i).flags().contains("\\Seen")) {
                return i;
            }
        }
        return 0;
    }

    static Reply create(ImapSession session, ImapCommand command, ImapOut out) {
        String name = oneMailbox(session, command);
        if (name.endsWith(String.valueOf(MailboxNames.DELIMITER))) {
            name = name.substring(0, name.length() - 1); // RFC 3501 §6.3.3: a trailing delimiter is dropped
        }
        String created = name;
        return change(session, command, out, () -> session.store.createMailbox(session.user, created),
                "CREATE completed");
    }

    static Reply delete(ImapSession session, ImapCommand command, ImapOut out) {
        String name = oneMailbox(session, command);
        return change(session, command, out, () -> {
            if (session.selected != null
                    && session.store.mailbox(session.user, name).orElse(null) == session.selected.mailbox) {
                session.leaveSelected(); // deleting its own selected mailbox closes it first (as Dovecot does)
            }
            session.store.deleteMailbox(session.user, name);
        }, "DELETE completed");
    }

    static Reply rename(ImapSession session, ImapCommand command, ImapOut out) {
        ImapArgs args = command.arguments();
        String from = MailboxNames.fromWire(session, args.astring());
        args.space();
        String to = MailboxNames.fromWire(session, args.astring());
        args.end();
        return change(session, command, out, () -> session.store.renameMailbox(session.user, from, to),
                "RENAME completed");
    }

    static Reply subscribe(ImapSession session, ImapCommand command, ImapOut out) {
        String name = oneMailbox(session, command);
        return change(session, command, out, () -> session.store.subscribe(session.user, name),
                "SUBSCRIBE completed");
    }

    static Reply unsubscribe(ImapSession session, ImapCommand command, ImapOut out) {
        String name = oneMailbox(session, command);
        return change(session, command, out, () -> session.store.unsubscribe(session.user, name),
                "UNSUBSCRIBE completed");
    }

    private static String oneMailbox(ImapSession session, ImapCommand command) {
        ImapArgs args = command.arguments();
        String name = MailboxNames.fromWire(session, args.astring());
        args.end();
        return name;
    }

    private static Reply change(ImapSession session, ImapCommand command, ImapOut out, Runnable change,
            String done) {
        try {
            change.run();
            return session.ok(command, out, done);
        } catch (MailboxException e) {
            return session.no(command, out, responseCode(e) + e.getMessage());
        }
    }

    /** RFC 5530 response codes for the store's refusals. */
    static String responseCode(MailboxException e) {
        switch (e.reason()) {
            case NONEXISTENT:
                return "[NONEXISTENT] ";
            case ALREADY_EXISTS:
                return "[ALREADYEXISTS] ";
            default:
                return "[CANNOT] ";
        }
    }
}
