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

    /** The NO for a charset SORT, THREAD and SEARCH do not know (RFC 5256 §3, RFC 3501 §6.4.4). */
    static String badCharset() {
        return "[BADCHARSET (" + String.join(" ", SearchKey.supportedCharsets()) + ")] unsupported charset";
    }
}
