package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.ImapOut;
import dev.fakemail.internal.session.Reply;
import dev.fakemail.internal.store.FlagOperation;
import dev.fakemail.internal.store.FlagUpdate;
import dev.fakemail.internal.store.MailboxException;
import dev.fakemail.store.StoredMessage;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/** STORE and UID STORE (RFC 3501 §6.4.6), with UNCHANGEDSINCE (CONDSTORE, RFC 7162 §3.1.3). */
final class StoreHandler {
    private static final Map<String, String> SYSTEM_FLAGS = Map.of("\\ANSWERED", "\\Answered", "\\FLAGGED",
            "\\Flagged", "\\DELETED", "\\Deleted", "\\SEEN", "\\Seen", "\\DRAFT", "\\Draft");

    private StoreHandler() {
    }

    static Reply store(ImapSession session, ImapCommand command, ImapOut out) {
        ImapArgs args = command.arguments();
        SequenceSet set = SequenceSet.parse(args.sequenceSet());
        args.space();
        OptionalLong unchangedSince = OptionalLong.empty();
        if (args.accept('(')) {
            String modifier = args.atom().toUpperCase(Locale.ROOT);
            if (!modifier.equals("UNCHANGEDSINCE")) {
                throw new ImapSyntaxException("unknown STORE modifier " + modifier);
            }
            args.space();
            unchangedSince = OptionalLong.of(args.number());
            args.expect(')');
            args.space();
            session.enableCondstore(out);
        }
        String item = args.atom().toUpperCase(Locale.ROOT);
        boolean silent = item.endsWith(".SILENT");
        String operationName = silent ? item.substring(0, item.length() - 7) : item;
        FlagOperation operation;
        switch (operationName) {
            case "FLAGS":
                operation = FlagOperation.REPLACE;
                break;
            case "+FLAGS":
                operation = FlagOperation.ADD;
                break;
            case "-FLAGS":
                operation = FlagOperation.REMOVE;
                break;
            default:
                throw new ImapSyntaxException("STORE takes FLAGS, +FLAGS or -FLAGS[.SILENT], not " + item);
        }
        args.space();
        Set<String> flags = new LinkedHashSet<>();
        if (args.peek() == '(') {
            for (String flag : args.flagList()) {
                flags.add(canonicalFlag(flag));
            }
        } else {
            do {
                flags.add(canonicalFlag(args.flag()));
            } while (args.skipSpace());
        }
        args.end();
        SelectedMailbox selected = session.selected;
        if (selected.readOnly) {
            return session.no(command, out, "[READ-ONLY] the mailbox is open read-only (EXAMINE)");
        }
        long[] uids = Messages.uids(selected, set, command.uid);
        FlagUpdate update;
        try {
            update = session.store.changeFlags(selected.mailbox, uids, operation, flags, unchangedSince);
        } catch (MailboxException e) {
            return session.no(command, out, MailboxHandlers.responseCode(e) + e.getMessage());
        }
        selected.announceKeywords(out, update.changed());
        for (StoredMessage changed : update.changed()) {
            selected.replace(changed);
            int sequence = selected.sequenceOf(changed.uid());
            if (sequence > 0 && (!silent || unchangedSince.isPresent())) {
                out.ascii("* ").number(sequence).ascii(" FETCH (");
                if (silent) {
                    out.ascii("MODSEQ (").number(changed.modSeq()).ch(')');
                } else {
                    session.writeFlags(out, changed);
                }
                if (command.uid || session.qresync) { // RFC 7162 §3.2.4: with QRESYNC every FETCH names its UID
                    out.ascii(" UID ").number(changed.uid());
                }
                out.ascii(")\r\n");
            }
        }
        if (!update.failed().isEmpty()) {
            long[] failed = update.failed().stream().mapToLong(Long::longValue).sorted().toArray();
            if (!command.uid) {
                for (int i = 0; i < failed.length; i++) {
                    failed[i] = selected.sequenceOf(failed[i]);
                }
                java.util.Arrays.sort(failed);
            }
            return session.ok(command, out, "[MODIFIED " + SequenceSet.compact(failed) + "] conditional STORE failed");
        }
        return session.ok(command, out, "STORE completed");
    }

    /** System flags in their canonical case; keywords as given (RFC 3501: flags are case-insensitive). */
    static String canonicalFlag(String flag) {
        if (flag.startsWith("\\")) {
            String system = SYSTEM_FLAGS.get(flag.toUpperCase(Locale.ROOT));
            if (system == null) {
                throw new ImapSyntaxException("unknown system flag " + flag);
            }
            return system;
        }
        return flag;
    }

}
