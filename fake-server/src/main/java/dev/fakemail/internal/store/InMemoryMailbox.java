package dev.fakemail.internal.store;

import dev.fakemail.store.Mailbox;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.store.StoredMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One mailbox of the in-memory store. Writers are the store, under its lock; they also take this object's
 * monitor, which is all readers take, so a reader never waits for the store lock. The snapshot of the message
 * list is made on the first read after a change and then shared, so a 10,000-message FETCH copies at most once.
 */
final class InMemoryMailbox implements Mailbox {
    private final String user;
    private final long uidValidity;
    private final String specialUse;
    private final List<StoredMessage> messages = new HeadTrimmingList<>();
    private final Set<String> keywords = new LinkedHashSet<>();
    /** UIDs that arrived since the last {@link #claimRecent()}, ascending. */
    private final RecentUids unclaimedRecent = new RecentUids();
    /** Whether any message came in other than by delivery; see {@link #noteCopies()}. */
    private boolean holdsCopies;
    /** Up to this many UIDs, a removal looks each one up rather than passing over the whole list. */
    private static final int MAX_SEARCHED_REMOVALS = 64;
    private String name;
    private long uidNext = 1;
    private long highestModSeq = 1;
    private boolean subscribed;
    private boolean selectable = true;
    private List<StoredMessage> snapshot = List.of();
    private final ExpungeHistory expunged = new ExpungeHistory();

    InMemoryMailbox(String user, String name, long uidValidity, String specialUse) {
        this.user = user;
        this.name = name;
        this.uidValidity = uidValidity;
        this.specialUse = specialUse;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public synchronized String name() {
        return name;
    }

    @Override
    public long uidValidity() {
        return uidValidity;
    }

    @Override
    public synchronized long uidNext() {
        return uidNext;
    }

    @Override
    public synchronized long highestModSeq() {
        return highestModSeq;
    }

    @Override
    public synchronized int size() {
        return messages.size();
    }

    @Override
    public synchronized List<StoredMessage> messages() {
        if (snapshot == null) {
            snapshot = List.copyOf(messages);
        }
        return snapshot;
    }

    @Override
    public synchronized Optional<StoredMessage> message(long uid) {
        int index = indexOf(uid);
        return index < 0 ? Optional.empty() : Optional.of(messages.get(index));
    }

    @Override
    public Optional<String> specialUse() {
        return Optional.ofNullable(specialUse);
    }

    @Override
    public synchronized boolean subscribed() {
        return subscribed;
    }

    @Override
    public synchronized boolean selectable() {
        return selectable;
    }

    @Override
    public synchronized Set<String> keywords() {
        return Set.copyOf(keywords);
    }

    // Writers: called by the store under its lock.

    synchronized long nextModSeq() {
        return ++highestModSeq;
    }

    /** Marks that messages came in other than by delivery (COPY, MOVE, APPEND): they may share stored arrays. */
    synchronized void noteCopies() {
        holdsCopies = true;
    }

    synchronized boolean holdsCopies() {
        return holdsCopies;
    }

    synchronized long takeUid() {
        return uidNext++;
    }

    /**
     * Adds messages built with {@link #takeUid()} and {@link #nextModSeq()}, all at once for readers; they are
     * \Recent until claimed.
     */
    synchronized void add(List<StoredMessage> added) {
        for (StoredMessage message : added) {
            messages.add(message);
            unclaimedRecent.add(message.uid());
            noteKeywords(message.flags());
        }
        snapshot = null;
    }

    synchronized void replace(int index, StoredMessage message) {
        messages.set(index, message);
        noteKeywords(message.flags());
        snapshot = null;
    }

    /**
     * Removes the UIDs present, ascending; raises the MODSEQ once if any went. One pass over the list, so
     * emptying a 100,000-message mailbox (reset, RENAME INBOX) is not quadratic; and when the UIDs present stand
     * side by side (the retention cap dropping the oldest message, an EXPUNGE of a range), no pass at all: the
     * list is in ascending UID order, so binary searches find them and one block move closes the gap.
     */
    synchronized List<Long> remove(long[] uids) {
        long[] wanted = sorted(uids);
        List<Long> removed = new ArrayList<>(Math.min(wanted.length, messages.size()));
        int first = -1;
        int found = 0;
        boolean sideBySide = wanted.length <= MAX_SEARCHED_REMOVALS;
        for (int i = 0; sideBySide && i < wanted.length; i++) {
            int index = indexOf(wanted[i]);
            if (index >= 0) {
                sideBySide = found == 0 || index == first + found;
                first = found == 0 ? index : first;
                found++;
            }
        }
        if (sideBySide) {
            List<StoredMessage> block = messages.subList(Math.max(0, first), Math.max(0, first) + found);
            for (StoredMessage message : block) {
                removed.add(message.uid());
            }
            block.clear();
        } else {
            int kept = 0;
            for (int i = 0; i < messages.size(); i++) {
                StoredMessage message = messages.get(i);
                if (Arrays.binarySearch(wanted, message.uid()) >= 0) {
                    removed.add(message.uid());
                } else {
                    messages.set(kept++, message);
                }
            }
            messages.subList(kept, messages.size()).clear();
        }
        if (!removed.isEmpty()) {
            forgetRecent(wanted);
            highestModSeq++;
            expunged.add(removed, highestModSeq);
            snapshot = null;
        }
        return removed;
    }

    /** The UIDs expunged after {@code modSeq}, ascending, or null when that history was forgotten. */
    synchronized long[] expungedAfter(long modSeq) {
        return expunged.expungedAfter(modSeq);
    }

    /** Unclaimed \Recent UIDs are in ascending order too: one pass over them, or none for the oldest. */
    private void forgetRecent(long[] wanted) {
        unclaimedRecent.removeAll(wanted);
    }

    /** The UID of the delivery of this received message (the same array), or -1; deliveries sit near the head. */
    synchronized long uidOfDelivery(ReceivedMessage received) {
        for (StoredMessage message : messages) {
            if (message.isDeliveryOf(received)) {
                return message.uid();
            }
        }
        return -1;
    }

    synchronized List<Long> unclaimedRecent() {
        return unclaimedRecent.toList();
    }

    synchronized List<Long> claimRecent() {
        List<Long> claimed = unclaimedRecent.toList();
        unclaimedRecent.clear();
        return claimed;
    }

    synchronized StoredMessage at(int index) {
        return messages.get(index);
    }

    /** Position of the UID in the message list (ascending UIDs), or a negative number. */
    synchronized int indexOf(long uid) {
        if (!messages.isEmpty() && messages.get(0).uid() == uid) {
            return 0; // the count limit drops the oldest: no binary search over cold messages for it
        }
        return AscendingSearch.indexOf(messages, StoredMessage::uid, uid);
    }

    synchronized long[] allUids() {
        long[] uids = new long[messages.size()];
        for (int i = 0; i < uids.length; i++) {
            uids[i] = messages.get(i).uid();
        }
        return uids;
    }

    synchronized void rename(String newName) {
        name = newName;
    }

    synchronized void subscribed(boolean value) {
        subscribed = value;
    }

    synchronized void markNoselect() {
        selectable = false;
    }

    private void noteKeywords(Set<String> flags) {
        for (String flag : flags) {
            if (!flag.startsWith("\\")) {
                keywords.add(flag);
            }
        }
    }

    /** Ascending, each UID once (no stream: this runs for every message the count limit drops). */
    static long[] sorted(long[] uids) {
        long[] copy = uids.clone();
        if (copy.length < 2) {
            return copy;
        }
        Arrays.sort(copy);
        int distinct = 1;
        for (int i = 1; i < copy.length; i++) {
            if (copy[i] != copy[distinct - 1]) {
                copy[distinct++] = copy[i];
            }
        }
        return distinct == copy.length ? copy : Arrays.copyOf(copy, distinct);
    }

    @Override
    public String toString() {
        return user + "/" + name();
    }
}
