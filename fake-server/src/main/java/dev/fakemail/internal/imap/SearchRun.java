package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.ImapOut;
import java.util.Arrays;
import java.util.function.Predicate;

/** Running parsed search keys over a session's view: what SORT, THREAD and updating contexts share. */
final class SearchRun {
    private SearchRun() {
    }

    /** The message numbers whose messages match, ascending. */
    static int[] matching(SelectedMailbox view, Predicate<SearchKey.Candidate> key) {
        int[] found = new int[view.size()];
        int count = 0;
        for (int sequence = 1; sequence <= view.size(); sequence++) {
            if (key.test(new SearchKey.Candidate(sequence, view.bySequence(sequence), view))) {
                found[count++] = sequence;
            }
        }
        return Arrays.copyOf(found, count);
    }

    /** UIDs of message numbers. */
    static long[] uids(SelectedMailbox view, int[] sequences) {
        long[] uids = new long[sequences.length];
        for (int i = 0; i < sequences.length; i++) {
            uids[i] = view.bySequence(sequences[i]).uid();
        }
        return uids;
    }

    /**
     * Parses {@code charset SP search-keys} as SORT and THREAD take them (the charset is required there), and
     * switches CONDSTORE on for a MODSEQ key as SEARCH does; null after answering NO for an unknown charset.
     */
    static SearchKey.Parsed charsetAndKeys(ImapSession session, ImapArgs args, ImapOut out) {
        String charset = args.astring().toUpperCase(java.util.Locale.ROOT);
        refuseConflictingCharset(session, charset);
        if (!SearchKey.supportedCharsets().contains(charset)) {
            return null;
        }
        args.space();
        SearchKey.Parsed parsed = SearchKey.parse(args, session.selected, charset.equals("UTF-8"),
                session.settings.clock());
        if (parsed.usesModSeq()) {
            session.enableCondstore(out);
        }
        return parsed;
    }

    /**
     * RFC 6855 §3 and its erratum 4029: after ENABLE UTF8=ACCEPT search strings are UTF-8, and a command naming
     * another charset is BAD (conflicting labels). CHARSET UTF-8 itself is let through: it says the same, and
     * clients that always send it keep working.
     */
    static void refuseConflictingCharset(ImapSession session, String charset) {
        if (session.utf8Accept && !charset.equals("UTF-8")) {
            throw new ImapSyntaxException("CHARSET " + charset.replaceAll("[^A-Z0-9._-]", "?")
                    + " conflicts with UTF8=ACCEPT: strings are UTF-8 (RFC 6855 section 3)");
        }
    }

    /** The NO for a charset SORT, THREAD and SEARCH do not know (RFC 5256 §3, RFC 3501 §6.4.4). */
    static String badCharset() {
        return "[BADCHARSET (" + String.join(" ", SearchKey.supportedCharsets()) + ")] unsupported charset";
    }
}
