package dev.fakemail.internal.store;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Binary search in a list kept in ascending order of a long key: a mailbox's messages and an IMAP session's view of
 * them by UID, the web inbox's index by message id.
 */
public final class AscendingSearch {
    private AscendingSearch() {
    }

    /**
     * The index of the element whose key is {@code wanted} in {@code ascending} (random access, keys ascending and
     * distinct), or {@code -(insertion point) - 1} as {@link java.util.Collections#binarySearch} answers.
     */
    public static <T> int indexOf(List<T> ascending, ToLongFunction<? super T> key, long wanted) {
        int low = 0;
        int high = ascending.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            long found = key.applyAsLong(ascending.get(middle));
            if (found < wanted) {
                low = middle + 1;
            } else if (found > wanted) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -(low + 1);
    }
}
