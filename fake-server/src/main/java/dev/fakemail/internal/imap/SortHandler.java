package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.ImapOut;
import dev.fakemail.internal.session.Reply;

/**
 * SORT and UID SORT (RFC 5256 §3, with DISPLAYFROM and DISPLAYTO of RFC 5957), their RETURN options in an ESEARCH
 * response (ESORT, RFC 5267 §3) and CONTEXT=SORT's UPDATE and PARTIAL (RFC 5267 §4), and CANCELUPDATE.
 */
final class SortHandler {
    private SortHandler() {
    }

    static Reply sort(ImapSession session, ImapCommand command, ImapOut out) {
        ImapArgs args = command.arguments();
        SearchReturn returns = SearchReturn.parse(args, true);
        SelectedMailbox selected = session.selected;
        if (returns != null && returns.has("UPDATE") && selected.searches.hasContext(command.tag)) {
            return session.bad(command, "tag " + command.tag + " already names an updating search (RFC 5267 §4.3)");
        }
        SortOrder order = SortOrder.parse(args);
        args.space();
        SearchKey.Parsed parsed = SearchRun.charsetAndKeys(session, args, out);
        if (parsed == null) {
            return session.no(command, out, SearchRun.badCharset());
        }
        int[] sequences = SearchRun.matching(selected, parsed.predicate());
        long[] sorted = returns != null && !returns.needsWholeResult()
                ? order.firstAndLast(selected, sequences, command.uid) // MIN, MAX, COUNT: no sort needed
                : order.sort(selected, sequences, command.uid);
        if (returns == null) {
            out.ascii("* SORT");
            for (long result : sorted) {
                out.ch(' ').number(result);
            }
            out.ascii("\r\n");
            return session.ok(command, out, "SORT completed");
        }
        if (returns.writesResponse()) {
            returns.write(out, command, sorted);
            out.ascii("\r\n");
        }
        if (returns.has("UPDATE")) {
            long[] uids = command.uid ? sorted : order.sort(selected, sequences, true);
            UpdateContext context = new UpdateContext(command.tag, command.uid, parsed.predicate(), order, uids);
            selected.searches.add(context, out);
        }
        return session.ok(command, out, "SORT completed");
    }

    /** CANCELUPDATE "tag" ... (RFC 5267 §4.3.5): stops the updates of those contexts. */
    static Reply cancelUpdate(ImapSession session, ImapCommand command, ImapOut out) {
        ImapArgs args = command.args;
        java.util.List<String> tags = new java.util.ArrayList<>();
        do {
            args.space();
            tags.add(new String(args.stringBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } while (!args.atEnd());
        for (String tag : tags) {
            if (!session.selected.searches.hasContext(tag)) {
                return session.bad(command, "no updating search has the tag " + tag);
            }
        }
        tags.forEach(session.selected.searches::cancel);
        return session.ok(command, out, "CANCELUPDATE completed");
    }
}
