package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.ImapOut;
import dev.fakemail.internal.session.Reply;
import java.util.List;
import java.util.Locale;

/** THREAD and UID THREAD (RFC 5256 §3): ORDEREDSUBJECT and REFERENCES, answered as {@code * THREAD (...)}. */
final class ThreadHandler {
    private ThreadHandler() {
    }

    static Reply thread(ImapSession session, ImapCommand command, ImapOut out) {
        ImapArgs args = command.arguments();
        String algorithm = args.atom().toUpperCase(Locale.ROOT);
        if (!algorithm.equals("ORDEREDSUBJECT") && !algorithm.equals("REFERENCES")) {
            throw new ImapSyntaxException("unknown threading algorithm " + algorithm.replaceAll("[^A-Z0-9.-]", "?")
                    + " (ORDEREDSUBJECT and REFERENCES are known)");
        }
        args.space();
        SearchKey.Parsed parsed = SearchRun.charsetAndKeys(session, args, out);
        if (parsed == null) {
            return session.no(command, out, SearchRun.badCharset());
        }
        SelectedMailbox selected = session.selected;
        int[] sequences = SearchRun.matching(selected, parsed.predicate());
        SortOrder.Entry[] entries = new SortOrder.Entry[sequences.length];
        for (int i = 0; i < sequences.length; i++) {
            dev.fakemail.store.StoredMessage message = selected.bySequence(sequences[i]);
            entries[i] = new SortOrder.Entry(sequences[i], message.uid(), selected.searches.values(message));
        }
        List<ThreadNode> threads = algorithm.equals("REFERENCES") ? ReferencesThreading.threads(entries)
                : ThreadNode.orderedSubject(entries);
        out.ascii("* THREAD");
        if (!threads.isEmpty()) {
            out.ch(' ');
        }
        for (ThreadNode thread : threads) {
            out.ch('(');
            thread.write(out, command.uid);
            out.ch(')');
        }
        out.ascii("\r\n");
        return session.ok(command, out, "THREAD completed");
    }
}
