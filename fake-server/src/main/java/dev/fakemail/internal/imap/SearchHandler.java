package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.ImapOut;
import dev.fakemail.internal.session.Reply;
import dev.fakemail.store.StoredMessage;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * SEARCH and UID SEARCH (RFC 3501 §6.4.4), with the RETURN options of ESEARCH (RFC 4731), SEARCHRES (SAVE, RFC
 * 5182) and CONTEXT=SEARCH (UPDATE, CONTEXT, PARTIAL, RFC 5267).
 */
final class SearchHandler {
    private SearchHandler() {
    }

    static Reply search(ImapSession session, ImapCommand command, ImapOut out) {
        ImapArgs args = command.arguments();
        SearchReturn returns = Rev2Rules.implicitReturn(session, SearchReturn.parse(args, false));
        SelectedMailbox selected = session.selected;
        if (returns != null && returns.has("UPDATE") && selected.searches.hasContext(command.tag)) {
            return session.bad(command, "tag " + command.tag + " already names an updating search (RFC 5267 §4.3)");
        }
        // RFC 6855 §3, RFC 9051: once UTF8=ACCEPT or IMAP4rev2 is on, strings without a CHARSET are UTF-8
        boolean utf8 = session.utf8Accept || Rev2Rules.active(session);
        if (args.rest().regionMatches(true, 0, "CHARSET ", 0, 8)) {
            args.atom();
            args.space();
            String charset = args.astring().toUpperCase(Locale.ROOT);
            boolean known = SearchKey.supportedCharsets().contains(charset);
            if (!known || session.utf8Accept && !charset.equals("UTF-8")) {
                if (returns != null && returns.has("SAVE")) {
                    selected.searches.save(new long[0]); // RFC 5182 §2.1: a failed SAVE empties "$"
                }
                SearchRun.refuseConflictingCharset(session, charset);
                return session.no(command, out, "[BADCHARSET (" + String.join(" ", SearchKey.supportedCharsets())
                        + ")] unsupported charset " + charset.replaceAll("[^A-Z0-9._-]", "?"));
            }
            utf8 = charset.equals("UTF-8");
            args.space();
        }
        SearchKey.Parsed parsed = SearchKey.parse(args, selected, utf8, session.settings.clock());
        Predicate<SearchKey.Candidate> key = parsed.predicate();
        if (parsed.usesModSeq()) {
            session.enableCondstore(out);
        }
        int[] sequences = SearchRun.matching(selected, key);
        int count = sequences.length;
        long[] results = new long[count];
        long[] modSeqs = new long[count];
        long highestModSeq = 0;
        for (int i = 0; i < count; i++) {
            StoredMessage message = selected.bySequence(sequences[i]);
            results[i] = command.uid ? message.uid() : sequences[i];
            modSeqs[i] = message.modSeq();
            highestModSeq = Math.max(highestModSeq, modSeqs[i]);
        }
        if (returns == null) {
            out.ascii("* SEARCH");
            for (long result : results) {
                out.ch(' ').number(result);
            }
            if (parsed.usesModSeq() && count > 0) {
                out.ascii(" (MODSEQ ").number(highestModSeq).ch(')');
            }
            out.ascii("\r\n");
            return session.ok(command, out, "SEARCH completed");
        }
        if (returns.writesResponse()) {
            returns.write(out, command, results);
            if (parsed.usesModSeq() && count > 0) {
                // RFC 7162 §3.1.5: with only MIN and/or MAX, the highest MODSEQ of the messages returned
                long modSeq = !returns.onlyMinMax() ? highestModSeq : Math.max(
                        returns.has("MIN") ? modSeqs[0] : 0, returns.has("MAX") ? modSeqs[count - 1] : 0);
                out.ascii(" MODSEQ ").number(modSeq);
            }
            out.ascii("\r\n");
        }
        long[] uids = SearchRun.uids(selected, sequences);
        if (returns.has("SAVE")) {
            selected.searches.save(returns.saved(uids));
        }
        if (returns.has("UPDATE")) {
            selected.searches.add(new UpdateContext(command.tag, command.uid, key, null, uids), out);
        }
        return session.ok(command, out, returns.has("SAVE") ? "SEARCH completed, result saved" : "SEARCH completed");
    }
}
