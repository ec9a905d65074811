package dev.fakemail.internal.store;

import java.util.Arrays;
import java.util.List;

/**
 * A mailbox's unclaimed \Recent UIDs, ascending, as plain longs. A list of boxed {@code Long}s cost an object per
 * delivery and, at the count limit, a read of the oldest one (long out of the processor's caches) for every
 * message dropped; here the head is a number in an array, and dropping it only advances where the run starts.
 */
final class RecentUids {
    private long[] uids = new long[16];
    /** Index of the first UID. */
    private int head;
    /** One past the last UID. */
    private int end;

    int size() {
        return end - head;
    }

    /** Appends a UID greater than every UID here (a new message's). */
    void add(long uid) {
        if (end == uids.length) {
            int size = size();
            long[] room = size * 2 + 16 > uids.length ? new long[size * 2 + 16] : uids;
            System.arraycopy(uids, head, room, 0, size);
            uids = room;
            head = 0;
            end = size;
        }
        uids[end++] = uid;
    }

    /** Removes these UIDs (ascending, each once) where present. */
    void removeAll(long[] wanted) {
        if (wanted.length == 1 && end > head && uids[head] == wanted[0]) {
            head++; // the count limit drops the oldest: no search
            return;
        }
        int kept = head;
        int next = 0;
        for (int i = head; i < end; i++) {
            long uid = uids[i];
            while (next < wanted.length && wanted[next] < uid) {
                next++;
            }
            if (next < wanted.length && wanted[next] == uid) {
                continue;
            }
            uids[kept++] = uid;
        }
        end = kept;
    }

    void clear() {
        head = 0;
        end = 0;
        if (uids.length > 1024) {
            uids = new long[16]; // give back the room of a large mailbox
        }
    }

    List<Long> toList() {
        Long[] boxed = new Long[size()];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = uids[head + i];
        }
        return List.of(boxed);
    }

    @Override
    public String toString() {
        return Arrays.toString(Arrays.copyOfRange(uids, head, end));
    }
}
