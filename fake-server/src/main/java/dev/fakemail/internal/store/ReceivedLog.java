package dev.fakemail.internal.store;

import dev.fakemail.authentication.AuthenticationResults;
import dev.fakemail.store.Envelope;
import dev.fakemail.store.MailQuery;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.store.Retention;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The received-message log and the unacknowledged list of {@link InMemoryMailStore}, guarded by the store's
 * lock (mutators expect it held; readers take it).
 */
final class ReceivedLog {
    private final ReentrantLock lock;
    private final Condition changed;
    private final Retention retention;
    private final List<ReceivedMessage> received = new HeadTrimmingList<>();
    /**
     * Side by side with {@link #received}: whose INBOXes each message was delivered to (the owner's name as the
     * mailbox knows it, or an array of them for several), so that dropping the oldest message need not read its
     * envelope, long out of the processor's caches, and lower-case its recipients again; null when not noted.
     */
    private final List<Object> owners = new HeadTrimmingList<>();
    private final List<ReceivedMessage> unacknowledged = new HeadTrimmingList<>();
    private long nextId = 1;
    /** How often {@link #clear()} ran; waiters compare it to forget matches that were wiped. */
    private long resets;

    ReceivedLog(ReentrantLock lock, Condition changed, Retention retention) {
        this.lock = lock;
        this.changed = changed;
        this.retention = retention;
    }

    ReceivedMessage add(Envelope envelope, byte[] raw, long now, AuthenticationResults authentication) {
        ReceivedMessage message = new ReceivedMessage(nextId++, envelope, raw, now, null, authentication);
        received.add(message);
        owners.add(null);
        return message;
    }

    /** Notes whose INBOXes the message just added went to: one owner's name, or a {@code String[]} of them. */
    void noteOwnersOfNewest(Object ownerOrOwners) {
        owners.set(owners.size() - 1, ownerOrOwners);
    }

    ReceivedMessage addUnacknowledged(Envelope envelope, byte[] raw, long now, String fate,
            AuthenticationResults authentication) {
        ReceivedMessage message = new ReceivedMessage(nextId++, envelope, raw, now, fate, authentication);
        unacknowledged.add(message);
        while (retention.tooMany(unacknowledged.size())) {
            unacknowledged.remove(0);
        }
        return message;
    }

    /** A message dropped by the retention limits and what {@link #noteOwnersOfNewest} noted for it (or null). */
    record Dropped(ReceivedMessage message, Object owners) {
    }

    /** Removes and returns the oldest messages past the retention limits. */
    List<Dropped> dropExpired(long now) {
        List<Dropped> dropped = List.of(); // most calls drop nothing: no list for them
        while (!received.isEmpty() && (retention.tooMany(received.size()) || tooOld(received.get(0), now))) {
            if (dropped.isEmpty()) {
                dropped = new ArrayList<>(1); // at the count limit, one message goes per delivery
            }
            dropped.add(new Dropped(received.remove(0), owners.remove(0)));
        }
        return dropped;
    }

    /** Asks the message its age only when there is an age limit: the next oldest is rarely in the cache. */
    private boolean tooOld(ReceivedMessage oldest, long now) {
        return retention.maxAge() != null && retention.tooOld(oldest.receivedAt().toEpochMilli(), now);
    }

    boolean remove(long id) {
        int index = indexOf(id);
        if (index < 0) {
            return false;
        }
        received.remove(index);
        owners.remove(index);
        return true;
    }

    void clear() {
        received.clear();
        owners.clear();
        unacknowledged.clear();
        resets++;
    }

    List<ReceivedMessage> all() {
        return List.copyOf(received);
    }

    List<ReceivedMessage> unacknowledged() {
        lock.lock();
        try {
            return List.copyOf(unacknowledged);
        } finally {
            lock.unlock();
        }
    }

    long peekNextId() {
        lock.lock();
        try {
            return nextId;
        } finally {
            lock.unlock();
        }
    }

    Optional<ReceivedMessage> byId(long id) {
        lock.lock();
        try {
            int index = indexOf(id);
            return index < 0 ? Optional.empty() : Optional.of(received.get(index));
        } finally {
            lock.unlock();
        }
    }

    List<ReceivedMessage> await(MailQuery query, int count, Duration timeout) throws InterruptedException {
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
        return AscendingSearch.indexOf(received, ReceivedMessage::id, id);
    }
}
