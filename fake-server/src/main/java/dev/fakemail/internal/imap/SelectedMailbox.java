package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.ImapOut;
import dev.fakemail.internal.store.AscendingSearch;
import dev.fakemail.store.Mailbox;
import dev.fakemail.store.StoreEvent;
import dev.fakemail.store.StoreListener;
import dev.fakemail.store.StoredMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One session's view of its selected mailbox: its own message numbering (RFC 3501 §2.3.1.2), which changes only
 * when the session tells the client. Other sessions' changes arrive as store events (on their threads, under the
 * store lock: they are only queued here) and are turned into EXISTS / RECENT / EXPUNGE / FETCH responses at the
 * points the session allows ({@link #drain}). Until then the view keeps the messages it numbered, so a FETCH of
 * a message expunged elsewhere still answers with that message's own bytes, never another's.
 */
final class SelectedMailbox implements StoreListener {
    final Mailbox mailbox;
    final boolean readOnly;
    private final List<StoredMessage> view;
    private final Set<Long> recent = new HashSet<>();
    private final ConcurrentLinkedQueue<StoreEvent> pending = new ConcurrentLinkedQueue<>();
    private volatile Runnable onPending;
    /** The mailbox was deleted or re-created elsewhere: its UIDs are gone, the session must end (BYE). */
    private volatile boolean gone;
    private int announcedExists;
    /** QRESYNC is on: expunges are told as one {@code * VANISHED uids} (RFC 7162 §3.2.10), not EXPUNGEs. */
    private boolean vanished;
    /** Keywords the client has been told of in a FLAGS response; a new one is told before it is used. */
    private final java.util.Set<String> announcedKeywords = new java.util.TreeSet<>();
    /** "$", updating contexts and sort values of this selection (RFC 5182, RFC 5267, RFC 5256). */
    final SelectedSearches searches = new SelectedSearches();

    /** A view that has not read its mailbox yet: SELECT reads it once the view listens ({@link #readMailbox}). */
    SelectedMailbox(Mailbox mailbox, boolean readOnly) {
        this.mailbox = mailbox;
        this.readOnly = readOnly;
        this.view = new ArrayList<>();
    }

    /**
     * Reads the mailbox, once this view listens to the store: read before, what was delivered or expunged between
     * the read and the subscription would never reach this session (the events were sent before it listened).
     * Called before SELECT tells EXISTS; events queued since are harmless twice (UIDs already held
     * are skipped, unknown ones ignored, older MODSEQs dropped). {@code claimedRecent}: the \\Recent UIDs this
     * session holds from now on (claimed after it listens too, so an arrival in between is claimed by someone).
     */
    void readMailbox(List<Long> claimedRecent) {
        recent.addAll(claimedRecent);
        view.clear();
        view.addAll(mailbox.messages());
        announcedExists = view.size();
        for (String keyword : mailbox.keywords()) {
            if (!keyword.startsWith("\\")) {
                announcedKeywords.add(keyword);
            }
        }
    }

    /** The keywords told so far (for SELECT's FLAGS response). */
    java.util.Set<String> announcedKeywords() {
        return announcedKeywords;
    }

    /**
     * Before a response shows these messages' flags: a keyword the client was not told of yet is announced in
     * new FLAGS and PERMANENTFLAGS responses (RFC 3501 §7.2.6), so no FETCH uses a flag outside FLAGS.
     */
    void announceKeywords(ImapOut out, Iterable<StoredMessage> messages) {
        boolean added = false;
        for (StoredMessage message : messages) {
            for (String flag : message.flags()) {
                if (!flag.startsWith("\\") && announcedKeywords.add(flag)) {
                    added = true;
                }
            }
        }
        if (added) {
            MailboxHandlers.writeFlags(out, announcedKeywords);
        }
    }

    /** Called on whatever thread changed the store, under its lock: queue and wake, never block. */
    @Override
    public void onEvent(StoreEvent event) {
        if (event instanceof StoreEvent.MailboxDeleted deleted && deleted.mailbox() == mailbox) {
            gone = true;
            wake();
        } else if (concerns(event)) {
            pending.add(event);
            wake();
        }
    }

    private void wake() {
        Runnable wake = onPending;
        if (wake != null) {
            wake.run();
        }
    }

    private boolean concerns(StoreEvent event) {
        if (event instanceof StoreEvent.MessagesAppended appended) {
            return appended.mailbox() == mailbox;
        }
        if (event instanceof StoreEvent.MessagesExpunged expunged) {
            return expunged.mailbox() == mailbox;
        }
        if (event instanceof StoreEvent.FlagsChanged changed) {
            return changed.mailbox() == mailbox;
        }
        if (event instanceof StoreEvent.StoreReset reset) {
            return reset.emptied().stream().anyMatch(emptied -> emptied.mailbox() == mailbox);
        }
        return false;
    }

    /** True once the mailbox was deleted or re-created by someone else: the view's UIDs mean nothing now. */
    boolean isGone() {
        return gone;
    }

    /** Runs {@code wake} whenever an event is queued (IDLE), or stops doing so with null. */
    void onPending(Runnable wake) {
        this.onPending = wake;
    }

    int size() {
        return view.size();
    }

    StoredMessage bySequence(int sequence) {
        return view.get(sequence - 1);
    }

    /** Message number of a UID in this view, or 0 when the view does not hold it. */
    int sequenceOf(long uid) {
        int index = AscendingSearch.indexOf(view, StoredMessage::uid, uid); // UIDs ascend with the message number
        return index < 0 ? 0 : index + 1;
    }

    long largestUid() {
        return view.isEmpty() ? 0 : view.get(view.size() - 1).uid();
    }

    boolean isRecent(long uid) {
        return recent.contains(uid);
    }

    /** The session speaks IMAP4rev2 (RFC 9051), which has no \\Recent: none held, none claimed, no RECENT. */
    private volatile boolean withoutRecent;

    void dropRecent() {
        withoutRecent = true;
        recent.clear();
    }

    boolean withoutRecent() {
        return withoutRecent;
    }

    int recentCount() {
        int count = 0;
        for (StoredMessage message : view) {
            if (recent.contains(message.uid())) {
                count++;
            }
        }
        return count;
    }

    /** The session's own flag change, already told to the client (or silenced by .SILENT). */
    void replace(StoredMessage changed) {
        int sequence = sequenceOf(changed.uid());
        if (sequence > 0) {
            view.set(sequence - 1, changed);
        }
    }

    /**
     * Applies the queued changes in order and writes what the client must hear. With {@code expungesAllowed}
     * false (during FETCH, STORE and SEARCH by message number, RFC 3501 §7.4.1) draining stops before the first
     * expunge, which waits for the next allowed point.
     *
     * @param claimRecent claims \Recent for new arrivals; called once if anything arrived
     */
    void drain(ImapOut out, boolean expungesAllowed, java.util.function.Supplier<List<Long>> claimRecent,
            FlagRenderer flags) {
        boolean arrived = false;
        while (true) {
            StoreEvent event = pending.peek();
            if (event == null) {
                break;
            }
            if (!expungesAllowed && (event instanceof StoreEvent.MessagesExpunged
                    || event instanceof StoreEvent.StoreReset)) {
                break;
            }
            pending.poll();
            if (event instanceof StoreEvent.MessagesAppended appended) {
                announceKeywords(out, appended.messages());
                for (StoredMessage message : appended.messages()) {
                    if (message.uid() > largestUid()) {
                        view.add(message);
                        arrived = true;
                    }
                }
            } else if (event instanceof StoreEvent.MessagesExpunged expunged) {
                if (namesUnannounced(expunged.uids())) {
                    arrived = announceExists(out, arrived, claimRecent);
                }
                expunge(expunged.uids(), out);
            } else if (event instanceof StoreEvent.StoreReset reset) {
                arrived = announceExists(out, arrived, claimRecent);
                for (StoreEvent.MessagesExpunged emptied : reset.emptied()) {
                    if (emptied.mailbox() == mailbox) {
                        expunge(emptied.uids(), out);
                    }
                }
            } else if (event instanceof StoreEvent.FlagsChanged changed) {
                announceKeywords(out, changed.messages());
                if (namesUnannounced(changed.messages().stream().map(StoredMessage::uid).toList())) {
                    arrived = announceExists(out, arrived, claimRecent);
                }
                for (StoredMessage message : changed.messages()) {
                    int sequence = sequenceOf(message.uid());
                    if (sequence > 0 && message.modSeq() <= view.get(sequence - 1).modSeq()) {
                        continue; // older than what this session already told (its own later STORE)
                    }
                    if (sequence > 0 && !view.get(sequence - 1).flags().equals(message.flags())) {
                        view.set(sequence - 1, message);
                        out.ascii("* ").number(sequence).ascii(" FETCH (");
                        flags.write(out, message);
                        out.ascii(" UID ").number(message.uid()).ascii(")\r\n");
                    } else if (sequence > 0) {
                        view.set(sequence - 1, message); // same flags, newer MODSEQ
                    }
                }
            }
        }
        announceExists(out, arrived, claimRecent);
    }

    /**
     * Tells EXISTS (and RECENT) for messages added to the view and not told yet: before any response that
     * names them by number, and at the end of a drain. Returns false: nothing is left to announce.
     */
    private boolean announceExists(ImapOut out, boolean arrived, java.util.function.Supplier<List<Long>> claimRecent) {
        if (arrived && !withoutRecent) {
            recent.addAll(claimRecent.get());
        }
        if (view.size() != announcedExists || arrived) {
            out.ascii("* ").number(view.size()).ascii(" EXISTS\r\n");
            if (arrived && !withoutRecent) {
                out.ascii("* ").number(recentCount()).ascii(" RECENT\r\n");
            }
            announcedExists = view.size();
        }
        return false;
    }

    /** Whether one of these UIDs has a message number the client has not heard of (no EXISTS yet). */
    private boolean namesUnannounced(List<Long> uids) {
        for (long uid : uids) {
            if (sequenceOf(uid) > announcedExists) {
                return true;
            }
        }
        return false;
    }

    void reportExpungesAsVanished() {
        vanished = true;
    }

    /** The client counts each EXPUNGE itself: its idea of the size goes down by one each time. */
    private void expunge(List<Long> uids, ImapOut out) {
        searches.beforeExpunge(uids, this, out); // REMOVEFROM while the numbers are still valid
        if (vanished) {
            expungeAsVanished(uids, out);
            return;
        }
        for (long uid : uids) {
            int sequence = sequenceOf(uid);
            if (sequence > 0) {
                view.remove(sequence - 1);
                recent.remove(uid);
                out.ascii("* ").number(sequence).ascii(" EXPUNGE\r\n");
                announcedExists--;
            }
        }
    }

    private void expungeAsVanished(List<Long> uids, ImapOut out) {
        long[] gone = new long[uids.size()];
        int count = 0;
        for (long uid : uids) {
            int sequence = sequenceOf(uid);
            if (sequence > 0) {
                view.remove(sequence - 1);
                recent.remove(uid);
                gone[count++] = uid;
            }
        }
        if (count > 0) {
            java.util.Arrays.sort(gone, 0, count);
            out.ascii("* VANISHED ").ascii(SequenceSet.compact(java.util.Arrays.copyOf(gone, count))).ascii("\r\n");
            announcedExists -= count;
        }
    }

    /** Writes a message's FLAGS item as this session sees it (with \Recent where it holds it). */
    @FunctionalInterface
    interface FlagRenderer {
        void write(ImapOut out, StoredMessage message);
    }
}
