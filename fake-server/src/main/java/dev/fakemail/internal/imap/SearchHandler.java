package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.ImapOut;
import dev.fakemail.internal.session.Reply;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/** SEARCH and UID SEARCH (RFC 3501 §6.4.4), with ESEARCH's RETURN options (RFC 4731). */
final class SearchHandler {
    private SearchHandler() {
    }

    static Reply search(ImapSession session, ImapCommand command, ImapOut out) {
        ImapArgs args = command.args;
        args.space();
        Set<String> returns = null;
        if (args.rest().regionMatches(true, 0, "RETURN ", 0, 7)) {
            args.atom();
            args.space();
            args.expect('(');
            returns = new LinkedHashSet<>();
            while (!args.accept(')')) {
                if (!returns.isEmpty()) {
                    args.space();
                }
                String option = args.atom().toUpperCase(Locale.ROOT);
                if (!Set.of("MIN", "MAX", "ALL", "COUNT").contains(option)) {
                    throw new ImapSyntaxException("unknown SEARCH RETURN option " + option);
                }
                returns.add(option);
            }
            if (returns.isEmpty()) {
                returns.add("ALL");
            }
            args.space();
        }
        boolean utf8 = false;
        if (args.rest().regionMatches(true, 0, "CHARSET ", 0, 8)) {
            args.atom();
            args.space();
            String charset = args.astring().toUpperCase(Locale.ROOT);
            if (!SearchKey.supportedCharsets().contains(charset)) {
                return session.no(command, out, "[BADCHARSET (" + String.join(" ", SearchKey.supportedCharsets())
                        + ")] unsupported charset " + charset.replaceAll("[^A-Z0-9._-]", "?"));
            }
            utf8 = charset.equals("UTF-8");
            args.space();
        }
        SelectedMailbox selected = session.selected;
        SearchKey.Parsed parsed = SearchKey.parse(args, selected, utf8);
        Predicate<SearchKey.Candidate> key = parsed.predicate();
        if (parsed.usesModSeq()) {
            session.enableCondstore(out);
        }
        long[] found = new long[selected.size()];
        long[] modSeqs = new long[selected.size()];
        int count = 0;
        long highestModSeq = 0;
        for (int sequence = 1; sequence <= selected.size(); sequence++) {
            SearchKey.Candidate candidate = new SearchKey.Candidate(sequence, selected.bySequence(sequence), selected);
            if (key.test(candidate)) {
                modSeqs[count] = candidate.message.modSeq();
                found[count++] = command.uid ? candidate.message.uid() : sequence;
                highestModSeq = Math.max(highestModSeq, candidate.message.modSeq());
            }
        }
        long[] results = Arrays.copyOf(found, count);
        if (returns == null) {
            out.ascii("* SEARCH");
            for (long result : results) {
                out.ch(' ').number(result);
            }
            if (parsed.usesModSeq() && count > 0) {
                out.ascii(" (MODSEQ ").number(highestModSeq).ch(')');
            }
            out.ascii("\r\n");
        } else {
            out.ascii("* ESEARCH (TAG ").string(command.tag).ch(')');
            if (command.uid) {
                out.ascii(" UID");
            }
            if (returns.contains("MIN") && count > 0) {
                out.ascii(" MIN ").number(results[0]);
            }
            if (returns.contains("MAX") && count > 0) {
                out.ascii(" MAX ").number(results[count - 1]);
            }
            if (returns.contains("COUNT")) {
                out.ascii(" COUNT ").number(count);
            }
            if (returns.contains("ALL") && count > 0) {
                out.ascii(" ALL ").ascii(SequenceSet.compact(results));
            }
            if (parsed.usesModSeq() && count > 0) {
                // RFC 7162 §3.1.5: with only MIN and/or MAX, the highest MODSEQ of the messages returned
                boolean onlyMinMax = !returns.contains("ALL") && !returns.contains("COUNT");
                long modSeq = !onlyMinMax ? highestModSeq : Math.max(
                        returns.contains("MIN") ? modSeqs[0] : 0, returns.contains("MAX") ? modSeqs[count - 1] : 0);
                out.ascii(" MODSEQ ").number(modSeq);
            }
            out.ascii("\r\n");
        }
        return session.ok(command, out, "SEARCH completed");
    }
}
