package dev.fakemail.internal.imap;

import java.util.Arrays;

/** Resolves a sequence set against a session's view: message numbers, or UIDs with the UID prefix. */
final class Messages {
    private Messages() {
    }

    /**
     * The message numbers the set names, ascending. A message number beyond the mailbox is an error (BAD);
     * UIDs that no message has are skipped, and {@code n:*} always includes the last message (RFC 3501 §6.4.8).
     */
    static int[] sequences(SelectedMailbox view, SequenceSet set, boolean byUid) {
        if (set == SequenceSet.SAVED) {
            return saved(view);
        }
        int size = view.size();
        if (size == 0) {
            if (!byUid && !set.mentionsStar()) {
                throw new ImapSyntaxException("invalid message number: the mailbox is empty");
            }
            return new int[0];
        }
        if (!byUid) {
            if (set.largestExplicit() > size) {
                throw new ImapSyntaxException("invalid message number " + set.largestExplicit()
                        + " (the mailbox has " + size + ")");
            }
            boolean[] wanted = new boolean[size + 1];
            int count = 0;
            for (long[] range : set.ranges(size)) {
                for (long n = range[0]; n <= range[1]; n++) {
                    if (!wanted[(int) n]) {
                        wanted[(int) n] = true;
                        count++;
                    }
                }
            }
            int[] sequences = new int[count];
            int next = 0;
            for (int n = 1; n <= size; n++) {
                if (wanted[n]) {
                    sequences[next++] = n;
                }
            }
            return sequences;
        }
        long star = view.largestUid();
        int[] sequences = new int[size];
        int count = 0;
        long[][] ranges = set.ranges(star);
        for (int n = 1; n <= size; n++) {
            long uid = view.bySequence(n).uid();
            for (long[] range : ranges) {
                if (uid >= range[0] && uid <= range[1]) {
                    sequences[count++] = n;
                    break;
                }
            }
        }
        return Arrays.copyOf(sequences, count);
    }

    static long[] uids(SelectedMailbox view, SequenceSet set, boolean byUid) {
        int[] sequences = sequences(view, set, byUid);
        long[] uids = new long[sequences.length];
        for (int i = 0; i < sequences.length; i++) {
            uids[i] = view.bySequence(sequences[i]).uid();
        }
        return uids;
    }

    /** "$" (RFC 5182): the saved messages still in the view, whether the command takes numbers or UIDs. */
    private static int[] saved(SelectedMailbox view) {
        long[] uids = view.searches.saved();
        int[] sequences = new int[uids.length];
        int count = 0;
        for (long uid : uids) {
            int sequence = view.sequenceOf(uid);
            if (sequence > 0) {
                sequences[count++] = sequence;
            }
        }
        return Arrays.copyOf(sequences, count);
    }
}
