package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.ImapOut;
import dev.fakemail.internal.session.Reply;
import dev.fakemail.internal.store.MailboxException;
import dev.fakemail.internal.store.UidMap;
import dev.fakemail.store.Mailbox;
import java.util.Optional;

/** CHECK, CLOSE, UNSELECT, EXPUNGE (and UID EXPUNGE), COPY and MOVE (with COPYUID, RFC 4315 / RFC 6851). */
final class SelectedHandlers {
    private SelectedHandlers() {
    }

    static Reply check(ImapSession session, ImapCommand command, ImapOut out) {
        if (Rev2Rules.active(session)) {
            throw Rev2Rules.removed("CHECK", "NOOP does what it did");
        }
        command.args.end();
        return session.ok(command, out, "CHECK completed");
    }

    /** Expunges \Deleted messages silently (unless read-only) and leaves the selected state. */
    static Reply close(ImapSession session, ImapCommand command, ImapOut out) {
        command.args.end();
        SelectedMailbox selected = session.selected;
        if (!selected.readOnly) {
            session.store.expunge(selected.mailbox, deletedUids(selected, null));
        }
        session.leaveSelected();
        return session.tagged(command, out, "OK", "CLOSE completed", false);
    }

    static Reply unselect(ImapSession session, ImapCommand command, ImapOut out) {
        command.args.end();
        session.leaveSelected();
        return session.tagged(command, out, "OK", "UNSELECT completed", false);
    }

    static Reply expunge(ImapSession session, ImapCommand command, ImapOut out) {
        SequenceSet only = null;
        if (command.uid) {
            only = SequenceSet.parse(command.arguments().sequenceSet());
        }
        command.args.end();
        SelectedMailbox selected = session.selected;
        if (selected.readOnly) {
            return session.no(command, out, "[READ-ONLY] the mailbox is open read-only (EXAMINE)");
        }
        session.store.expunge(selected.mailbox, deletedUids(selected, only));
        return session.ok(command, out, "EXPUNGE completed"); // the EXPUNGE responses come with the updates
    }

    private static long sizeOf(SelectedMailbox selected, long[] uids) {
        long octets = 0;
        for (long uid : uids) {
            octets += selected.bySequence(selected.sequenceOf(uid)).size();
        }
        return octets;
    }

    private static long[] deletedUids(SelectedMailbox selected, SequenceSet only) {
        java.util.stream.IntStream sequences = only == null ? java.util.stream.IntStream.rangeClosed(1, selected.size())
                : java.util.Arrays.stream(Messages.sequences(selected, only, true));
        return sequences.mapToObj(selected::bySequence)
                .filter(message -> message.flags().contains("\\Deleted"))
                .mapToLong(message -> message.uid())
                .toArray();
    }

    /** COPY, and MOVE (RFC 6851), which also expunges what it copied. */
    static Reply transfer(ImapSession session, ImapCommand command, ImapOut out) {
        boolean move = command.verb.equals("MOVE");
        ImapArgs args = command.arguments();
        SequenceSet set = SequenceSet.parse(args.sequenceSet());
        args.space();
        String name = MailboxNames.fromWire(session, args.astring());
        args.end();
        SelectedMailbox selected = session.selected;
        long[] uids = Messages.uids(selected, set, command.uid);
        Optional<Mailbox> destination = session.store.mailbox(session.user, name);
        if (destination.isEmpty() || !destination.get().selectable()) {
            return session.no(command, out, "[TRYCREATE] no mailbox " + MailboxNames.encode(name));
        }
        if (move && selected.readOnly) {
            return session.no(command, out, "[READ-ONLY] the mailbox is open read-only (EXAMINE)");
        }
        if (uids.length == 0) {
            return session.ok(command, out, (move ? "MOVE" : "COPY") + " completed, no messages");
        }
        Reply overQuota = QuotaHandlers.refuseOverQuota(session, command, out, sizeOf(selected, uids), uids.length);
        if (overQuota != null) {
            return overQuota; // MOVE too: it copies before it expunges, as Dovecot counts it
        }
        UidMap map;
        try {
            map = move ? session.store.move(selected.mailbox, uids, destination.get())
                    : session.store.copy(selected.mailbox, uids, destination.get());
        } catch (MailboxException e) {
            return session.no(command, out, MailboxHandlers.responseCode(e) + e.getMessage());
        }
        String copyUid = "[COPYUID " + map.destinationUidValidity() + " "
                + SequenceSet.compact(map.sourceUids().stream().mapToLong(Long::longValue).toArray()) + " "
                + SequenceSet.compact(map.destinationUids().stream().mapToLong(Long::longValue).toArray()) + "]";
        if (move) {
            out.ascii("* OK ").ascii(copyUid).ascii(" moved\r\n"); // RFC 6851 §4.3: before the EXPUNGEs
            return session.ok(command, out, "MOVE completed");
        }
        return session.ok(command, out, copyUid + " COPY completed");
    }
}
