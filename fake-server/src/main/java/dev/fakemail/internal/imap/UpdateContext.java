package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.ImapOut;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One SEARCH or SORT with RETURN (UPDATE) (RFC 5267 §4.3): its keys, kept to be evaluated again, and its result as
 * the client last heard it. Changes reach the client as ADDTO and REMOVEFROM in ESEARCH responses: REMOVEFROM for
 * expunged messages before their EXPUNGE (their numbers are still valid then), the rest after a command's other
 * updates, so an ADDTO for a new message follows its EXISTS. A SEARCH context gives position 0 and sets in
 * mailbox order; a SORT context gives each message's position in the sorted result.
 */
final class UpdateContext {
    final String tag;
    private final boolean uid;
    private final Predicate<SearchKey.Candidate> key;
    /** Null for SEARCH. */
    private final SortOrder order;
    /** UIDs in result order. */
    private List<Long> result;

    UpdateContext(String tag, boolean uid, Predicate<SearchKey.Candidate> key, SortOrder order, long[] resultUids) {
        this.tag = tag;
        this.uid = uid;
        this.key = key;
        this.order = order;
        this.result = new ArrayList<>(resultUids.length);
        for (long u : resultUids) {
            result.add(u);
        }
    }

    /** Before the EXPUNGE responses of {@code gone}: REMOVEFROM for those in the result. */
    void beforeExpunge(Set<Long> gone, SelectedMailbox view, ImapOut out) {
        List<Long> removed = new ArrayList<>();
        for (Long member : result) {
            if (gone.contains(member)) {
                removed.add(member);
            }
        }
        if (removed.isEmpty()) {
            return;
        }
        start(out);
        writeRemovals(removed, view, out);
        out.ascii("\r\n");
    }

    /** After a command's updates: the result evaluated again, and what changed told. */
    void refresh(SelectedMailbox view, ImapOut out) {
        int[] sequences = SearchRun.matching(view, key);
        long[] now = order == null ? SearchRun.uids(view, sequences) : order.sort(view, sequences, true);
        Set<Long> nowSet = new HashSet<>(now.length * 2);
        for (long u : now) {
            nowSet.add(u);
        }
        Set<Long> before = new HashSet<>(result);
        List<Long> removed = new ArrayList<>();
        for (Long member : result) {
            if (!nowSet.contains(member)) {
                removed.add(member);
            }
        }
        boolean added = false;
        for (long u : now) {
            added |= !before.contains(u);
        }
        if (removed.isEmpty() && !added) {
            return;
        }
        start(out);
        if (!removed.isEmpty()) {
            writeRemovals(removed, view, out);
        }
        if (added) {
            out.ascii(" ADDTO (");
            if (order == null) {
                long[] addedIds = Arrays.stream(now).filter(u -> !before.contains(u))
                        .map(u -> id(u, view)).toArray();
                out.ascii("0 ").ascii(SequenceSet.compact(addedIds));
            } else {
                boolean first = true;
                for (int i = 0; i < now.length; i++) {
                    if (!before.contains(now[i])) {
                        out.ascii(first ? "" : " ").number(i + 1).ch(' ').number(id(now[i], view));
                        first = false;
                    }
                }
            }
            out.ch(')');
        }
        out.ascii("\r\n");
        result = new ArrayList<>(now.length);
        for (long u : now) {
            result.add(u);
        }
    }

    private void start(ImapOut out) {
        out.ascii("* ESEARCH (TAG ").string(tag).ch(')');
        if (uid) {
            out.ascii(" UID");
        }
    }

    /** REMOVEFROM, and the members taken out of the result. */
    private void writeRemovals(List<Long> removed, SelectedMailbox view, ImapOut out) {
        out.ascii(" REMOVEFROM (");
        if (order == null) {
            long[] ids = removed.stream().mapToLong(u -> id(u, view)).sorted().toArray();
            out.ascii("0 ").ascii(SequenceSet.compact(ids));
        } else {
            boolean first = true;
            for (Long member : removed) {
                int position = result.indexOf(member) + 1;
                out.ascii(first ? "" : " ").number(position).ch(' ').number(id(member, view));
                first = false;
                result.remove(position - 1);
            }
        }
        out.ch(')');
        result.removeAll(removed);
    }

    private long id(long memberUid, SelectedMailbox view) {
        return uid ? memberUid : view.sequenceOf(memberUid);
    }
}
