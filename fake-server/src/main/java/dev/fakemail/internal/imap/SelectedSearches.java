package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.ImapOut;
import dev.fakemail.store.StoredMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What searching leaves behind while a mailbox stays selected: the search result variable "$" (RFC 5182), the
 * updating contexts (RFC 5267 §4.3) and the sort values already read. A new SELECT or EXAMINE starts afresh, as
 * both RFCs ask ("$" empty, no contexts).
 */
final class SelectedSearches {
    /** Each context is evaluated again after every command: a bound keeps a careless client from slowing itself. */
    static final int MAX_CONTEXTS = 32;
    /** "$" as UIDs, ascending: expunged messages drop out by themselves when it is resolved against the view. */
    private volatile long[] saved = new long[0];
    private final List<UpdateContext> contexts = new ArrayList<>();
    private final Map<Long, SortValues> sortValues = new ConcurrentHashMap<>();

    /** The last few sort results, by sort program: what was sorted (UIDs, ascending) and in which order. */
    private final Map<String, long[][]> orders = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[][]> eldest) {
            return size() > 8;
        }
    };

    /** The order remembered for exactly these messages sorted by {@code program}, or null. */
    synchronized long[] rememberedOrder(String program, long[] members) {
        long[][] remembered = orders.get(program);
        return remembered != null && java.util.Arrays.equals(remembered[0], members) ? remembered[1] : null;
    }

    synchronized void rememberOrder(String program, long[] members, long[] sortedUids) {
        orders.put(program, new long[][] {members, sortedUids});
    }

    long[] saved() {
        return saved;
    }

    void save(long[] uids) {
        long[] copy = uids.clone();
        java.util.Arrays.sort(copy);
        saved = copy;
    }

    boolean isSaved(long uid) {
        return java.util.Arrays.binarySearch(saved, uid) >= 0;
    }

    /** The sort values of a message, read once per selection. */
    SortValues values(StoredMessage message) {
        return sortValues.computeIfAbsent(message.uid(), u -> SortValues.of(message));
    }

    synchronized boolean hasContext(String tag) {
        return contexts.stream().anyMatch(c -> c.tag.equals(tag));
    }

    /**
     * Keeps a new updating context, or, past {@link #MAX_CONTEXTS}, refuses it with the untagged
     * {@code NO [NOUPDATE "tag"]} of RFC 5267 §4.3.1 (the command itself still succeeds).
     */
    synchronized void add(UpdateContext context, ImapOut out) {
        if (contexts.size() >= MAX_CONTEXTS) {
            out.ascii("* NO [NOUPDATE ").string(context.tag).ascii("] no more than " + MAX_CONTEXTS
                    + " updating searches at once\r\n");
            return;
        }
        contexts.add(context);
    }

    /** CANCELUPDATE: false when no context has that tag. */
    synchronized boolean cancel(String tag) {
        return contexts.removeIf(c -> c.tag.equals(tag));
    }

    /** Called before the EXPUNGE responses for {@code uids} are written. */
    synchronized void beforeExpunge(List<Long> uids, SelectedMailbox view, ImapOut out) {
        for (Long uid : uids) {
            sortValues.remove(uid);
        }
        if (contexts.isEmpty()) {
            return;
        }
        Set<Long> gone = new HashSet<>(uids);
        for (UpdateContext context : contexts) {
            context.beforeExpunge(gone, view, out);
        }
    }

    /** Called when a command's (or IDLE's) updates have been written. */
    synchronized void afterUpdates(SelectedMailbox view, ImapOut out) {
        for (UpdateContext context : contexts) {
            context.refresh(view, out);
        }
    }
}
