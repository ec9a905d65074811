package dev.fakemail.store;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory store all protocols share: the received-message log (each accepted SMTP transaction, once)
 * and the users' mailboxes, which reference the same bytes. Every change is published as a {@link StoreEvent}
 * and wakes {@link #await} callers; nobody polls.
 */
public final class MailStore {
    public static final String INBOX = "INBOX";

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<ReceivedMessage> received = new ArrayList<>();
    private final List<ReceivedMessage> unacknowledged = new ArrayList<>();
    private final Map<String, Map<String, Mailbox>> mailboxesByUser = new LinkedHashMap<>();
    private final List<StoreListener> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private final Retention retention;
    private long nextId = 1;
    private long nextUidValidity;
    /** How often {@link #reset()} ran; waiters compare it to forget matches that were wiped. */
    private long resets;

    public MailStore(Clock clock) {
        this(clock, Retention.UNLIMITED);
    }

    public MailStore(Clock clock, Retention retention) {
        this.clock = clock;
        this.retention = retention;
        this.nextUidValidity = clock.millis() / 1000;
    }

    /**
     * Logs an accepted SMTP transaction and appends its bytes to each recipient's INBOX, creating users and
     * mailboxes on first delivery. The array is kept as it is, never copied: the caller must not modify it.
     */
    public ReceivedMessage deliver(Envelope envelope, byte[] raw) {
        lock.lock();
        try {
            long now = clock.millis();
            ReceivedMessage message = new ReceivedMessage(nextId++, envelope, raw, now);
            received.add(message);
            publish(new StoreEvent.MessageReceived(message));
            for (String owner : distinctOwners(envelope)) {
                Mailbox inbox = mailboxLocked(owner, INBOX);
                StoredMessage stored = inbox.append(raw, Set.of(), now);
                publish(new StoreEvent.MessageAppended(inbox, stored));
            }
            dropExpiredLocked(now);
            changed.signalAll();
            return message;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Logs a message that arrived whole but was never acknowledged: a fault rule ended the connection before
     * the reply (the "was it sent?" case). It goes to no mailbox and not into {@link #received()}; it is listed
     * by {@link #unacknowledged()} with its fate. Kept within the same retention limits as received mail.
     */
    public ReceivedMessage recordUnacknowledged(Envelope envelope, byte[] raw, String fate) {
        lock.lock();
        try {
            ReceivedMessage message = new ReceivedMessage(nextId++, envelope, raw, clock.millis(), fate);
            unacknowledged.add(message);
            while (retention.tooMany(unacknowledged.size())) {
                unacknowledged.remove(0);
            }
            publish(new StoreEvent.MessageUnacknowledged(message));
            return message;
        } finally {
            lock.unlock();
        }
    }

    /** Messages that arrived but got no reply (see {@link #recordUnacknowledged}), oldest first. */
    public List<ReceivedMessage> unacknowledged() {
        lock.lock();
        try {
            return List.copyOf(unacknowledged);
        } finally {
            lock.unlock();
        }
    }

    /** The id the next message will get (unless another delivery takes it first). */
    public long peekNextId() {
        lock.lock();
        try {
            return nextId;
        } finally {
            lock.unlock();
        }
    }

    /** The received-message log, oldest first, as of now. */
    public List<ReceivedMessage> received() {
        lock.lock();
        try {
            dropExpiredLocked(clock.millis()); // a quiet server still forgets what is past its age
            return List.copyOf(received);
        } finally {
            lock.unlock();
        }
    }

    /** Received messages matching the query, oldest first. */
    public List<ReceivedMessage> find(MailQuery query) {
        List<ReceivedMessage> matches = new ArrayList<>();
        for (ReceivedMessage message : received()) {
            if (query.matches(message)) {
                matches.add(message);
            }
        }
        return matches;
    }

    public Optional<ReceivedMessage> byId(long id) {
        lock.lock();
        try {
            int index = indexOf(id);
            return index < 0 ? Optional.empty() : Optional.of(received.get(index));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until at least {@code count} received messages match, waking on each delivery.
     *
     * @return the matches, oldest first; fewer than {@code count} if the timeout passed first
     */
    public List<ReceivedMessage> await(MailQuery query, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            long lastCheckedId = 0;
            long seenResets = resets;
            List<ReceivedMessage> matches = new ArrayList<>();
            while (true) {
                // Only messages that arrived since the last look need checking. Ids grow with position, and
                // the log only loses messages at its head (retention) or all at once (reset), so a position
                // search by id finds where to go on.
                if (resets != seenResets) {
                    matches.clear(); // everything was removed meanwhile: what matched is gone
                    seenResets = resets;
                }
                for (int i = firstIndexAfter(lastCheckedId); i < received.size(); i++) {
                    ReceivedMessage message = received.get(i);
                    if (query.matches(message)) {
                        matches.add(message);
                    }
                    lastCheckedId = message.id();
                }
                if (matches.size() >= count) {
                    return List.copyOf(matches);
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return List.copyOf(matches);
                }
                changed.awaitNanos(remaining);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Removes one message from the received-message log (mailboxes keep their copies until expunged). */
    public boolean deleteReceived(long id) {
        lock.lock();
        try {
            int index = indexOf(id);
            if (index < 0) {
                return false;
            }
            received.remove(index);
            publish(new StoreEvent.ReceivedDeleted(id));
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** A user's mailbox, created if it does not exist yet. */
    public Mailbox mailbox(String user, String name) {
        lock.lock();
        try {
            return mailboxLocked(normalizeUser(user), name);
        } finally {
            lock.unlock();
        }
    }

    /** The user's INBOX, if anything was ever delivered to or created for the user. */
    public Optional<Mailbox> existingMailbox(String user, String name) {
        lock.lock();
        try {
            Map<String, Mailbox> mailboxes = mailboxesByUser.get(normalizeUser(user));
            return Optional.ofNullable(mailboxes == null ? null : mailboxes.get(name));
        } finally {
            lock.unlock();
        }
    }

    /** Users that have mailboxes, in order of creation. */
    public List<String> users() {
        lock.lock();
        try {
            return List.copyOf(mailboxesByUser.keySet());
        } finally {
            lock.unlock();
        }
    }

    public List<Mailbox> mailboxes(String user) {
        lock.lock();
        try {
            Map<String, Mailbox> mailboxes = mailboxesByUser.get(normalizeUser(user));
            return mailboxes == null ? List.of() : List.copyOf(mailboxes.values());
        } finally {
            lock.unlock();
        }
    }

    /** Removes a message from a mailbox (POP3 DELE at QUIT, IMAP EXPUNGE). */
    public boolean expunge(Mailbox mailbox, long uid) {
        lock.lock();
        try {
            boolean removed = mailbox.expunge(uid);
            if (removed) {
                publish(new StoreEvent.MessageExpunged(mailbox, uid));
                changed.signalAll();
            }
            return removed;
        } finally {
            lock.unlock();
        }
    }

    /** Removes every message, mailbox and user. Message ids keep counting up, so old ids never come back. */
    public void reset() {
        lock.lock();
        try {
            received.clear();
            unacknowledged.clear();
            mailboxesByUser.clear();
            resets++;
            publish(new StoreEvent.StoreReset());
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Adds a listener; close the returned handle to remove it. */
    public AutoCloseable subscribe(StoreListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void publish(StoreEvent event) {
        for (StoreListener listener : listeners) {
            listener.onEvent(event);
        }
    }

    /** Applies the retention: the oldest received messages go from the log and from their mailboxes. */
    private void dropExpiredLocked(long now) {
        while (!received.isEmpty()
                && (retention.tooMany(received.size()) || retention.tooOld(received.get(0).receivedAtMillis(), now))) {
            ReceivedMessage oldest = received.remove(0);
            publish(new StoreEvent.ReceivedDeleted(oldest.id()));
            for (String owner : distinctOwners(oldest.envelope())) {
                Map<String, Mailbox> mailboxes = mailboxesByUser.get(owner);
                Mailbox inbox = mailboxes == null ? null : mailboxes.get(INBOX);
                long uid = inbox == null ? -1 : inbox.uidOf(oldest.sharedBytes());
                if (uid >= 0 && inbox.expunge(uid)) {
                    publish(new StoreEvent.MessageExpunged(inbox, uid));
                }
            }
        }
    }

    private Mailbox mailboxLocked(String user, String name) {
        return mailboxesByUser.computeIfAbsent(user, any -> new LinkedHashMap<>())
                .computeIfAbsent(name, any -> new Mailbox(user, name, nextUidValidity++));
    }

    /** Index of the first message with an id greater than {@code id}. */
    private int firstIndexAfter(long id) {
        int low = 0;
        int high = received.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (received.get(middle).id() <= id) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private int indexOf(long id) {
        // Ids grow with position, so binary search works even after deletions.
        int index = Collections.binarySearch(received, null, (message, ignored) -> Long.compare(message.id(), id));
        return index;
    }

    private static List<String> distinctOwners(Envelope envelope) {
        List<String> owners = new ArrayList<>(envelope.recipients().size());
        for (EnvelopeRecipient recipient : envelope.recipients()) {
            String owner = normalizeUser(recipient.address());
            if (!owners.contains(owner)) {
                owners.add(owner);
            }
        }
        return owners;
    }

    /** Mailbox owners are addresses, compared case-insensitively. */
    static String normalizeUser(String user) {
        return user.toLowerCase(Locale.ROOT);
    }
}
