package dev.fakemail.internal.store;

import dev.fakemail.store.StoredMessage;
import java.util.List;

/** Finding a message by UID in a list ordered by UID: a mailbox's messages, an IMAP session's view of them. */
public final class UidSearch {
    private UidSearch() {
    }

    /** The index of the message with this UID in {@code ascending} (random access, UIDs ascending), or -1. */
    public static int indexOf(List<StoredMessage> ascending, long uid) {
        int low = 0;
        int high = ascending.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            long found = ascending.get(middle).uid();
            if (found < uid) {
                low = middle + 1;
            } else if (found > uid) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -1;
    }
}
