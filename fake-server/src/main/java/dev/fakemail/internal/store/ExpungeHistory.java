package dev.fakemail.internal.store;

import java.util.Arrays;

/**
 * Which UIDs left a mailbox at which MODSEQ, for QRESYNC's VANISHED (EARLIER) (RFC 7162 §3.2.5, §3.2.6): a
 * client that was away since MODSEQ n learns exactly the UIDs expunged after n. The history is bounded (a
 * long stress run expunges without end): past {@link #LIMIT} entries all but the newest half are forgotten, and a
 * question reaching back before what is kept answers null, so the caller reports every UID it cannot find, as
 * the RFC allows a server without full history to.
 */
final class ExpungeHistory {
    static final int LIMIT = 100_000;

    private long[] uids = new long[16];
    private long[] modSeqs = new long[16];
    private int size;
    /** Expunges at or below this MODSEQ were forgotten; 0 while nothing was. */
    private long forgottenThrough;

    /** Records UIDs expunged at {@code modSeq} (never lower than an earlier call's). */
    void add(java.util.List<Long> expunged, long modSeq) {
        if (size + expunged.size() > uids.length) {
            int capacity = Math.max(uids.length * 2, size + expunged.size());
            uids = Arrays.copyOf(uids, capacity);
            modSeqs = Arrays.copyOf(modSeqs, capacity);
        }
        for (long uid : expunged) {
            uids[size] = uid;
            modSeqs[size] = modSeq;
            size++;
        }
        if (size > LIMIT) {
            forget(size - LIMIT / 2);
        }
    }

    private void forget(int count) {
        int dropped = Math.min(count, size);
        if (dropped == 0) {
            return;
        }
        forgottenThrough = Math.max(forgottenThrough, modSeqs[dropped - 1]);
        uids = Arrays.copyOfRange(uids, dropped, Math.max(size, dropped + 16)); // also gives back the room
        modSeqs = Arrays.copyOfRange(modSeqs, dropped, Math.max(size, dropped + 16));
        size -= dropped;
    }

    /** The UIDs expunged after {@code modSeq}, ascending; null when part of that history was forgotten. */
    long[] expungedAfter(long modSeq) {
        if (modSeq < forgottenThrough) {
            return null;
        }
        int from = size;
        while (from > 0 && modSeqs[from - 1] > modSeq) {
            from--;
        }
        long[] found = Arrays.copyOfRange(uids, from, size);
        Arrays.sort(found);
        return found;
    }
}
