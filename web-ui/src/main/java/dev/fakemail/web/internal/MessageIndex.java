package dev.fakemail.web.internal;

import dev.fakemail.MailControl;
import dev.fakemail.internal.store.AscendingSearch;
import dev.fakemail.store.Mailbox;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.store.StoreEvent;
import dev.fakemail.store.StoredMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A summary of every received message, kept in step with the store's events, so listing and searching never
 * parse mail. The store calls its listeners under its own lock, so the listener here only queues the event;
 * a background thread summarizes (parses) queued messages, and every read first applies whatever the store
 * had published when the read began. A client that saw a message accepted over SMTP therefore finds it in
 * the next list (after a burst of many thousand messages: once indexed, see {@link #catchUp()}), and SMTP
 * never waits for the web inbox.
 */
final class MessageIndex implements AutoCloseable {
    /** Messages summarized per turn of the drain lock, so a reader can step in between. */
    private static final int BATCH = 256;
    /** How long a read waits for the index to catch up with the store before answering with what it has. */
    static final Duration READ_WAIT = Duration.ofSeconds(2);
    private static final Logger LOG = Logger.getLogger(MessageIndex.class.getName());

    private record Pending(long sequence, StoreEvent event) {
    }

    /** Messages in ascending id order (which is arrival order). Guarded by {@link #lock}. */
    private final List<MessageSummary> summaries = new ArrayList<>();
    private final List<MessageSummary> readOnly = Collections.unmodifiableList(summaries);
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Held while applying queued events, so they are applied once and in order. */
    private final ReentrantLock drainLock = new ReentrantLock();
    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final List<Consumer<IndexChange>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService indexer;
    private final AutoCloseable subscription;
    /** Written only by the store's listener, which the store calls one event at a time. */
    private long sequence;
    private volatile long published;
    private volatile long applied;
    /** What the store held when the index started, until summarized; null after. */
    private volatile List<ReceivedMessage> initial;
    /** How much of {@link #initial} is summarized. Guarded by the drain lock. */
    private int loaded;
    private volatile boolean closed;
    /** How many listed messages are unread. Written under the write lock. */
    private volatile int unread;
    /** How many messages are listed. Written under the write lock, before listeners hear of the change. */
    private volatile int size;

    MessageIndex(MailControl control) {
        indexer = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "fakemail-web-index");
            thread.setDaemon(true);
            return thread;
        });
        // Subscribe before the snapshot: a message delivered in between is then in both, and added once.
        subscription = control.store().subscribe(this::onStoreEvent);
        initial = control.messages();
        schedule();
    }

    /**
     * Runs {@code reader} over the summaries (ascending id, read-only) as of now. Changes wait until it returns,
     * and listeners added inside it miss nothing that happens after what it saw.
     */
    <T> T read(Function<List<MessageSummary>, T> reader) {
        catchUp();
        lock.readLock().lock();
        try {
            return reader.apply(readOnly);
        } finally {
            lock.readLock().unlock();
        }
    }

    Optional<MessageSummary> byId(long id) {
        return read(all -> {
            int index = indexOf(all, id);
            return index < 0 ? Optional.empty() : Optional.of(all.get(index));
        });
    }

    /**
     * How many messages are listed, as of the last change applied, without waiting for the index to catch up
     * (for counts in events, which may be sent under the write lock).
     */
    int size() {
        return size;
    }

    /** How many listed messages are unread (as of the last change applied). */
    int unread() {
        return unread;
    }

    /**
     * Marks the messages {@code selector} picks (from the summaries, ascending, as of now) read or unread, and
     * announces those whose state changed. The selector runs under the write lock, so no event slips between
     * choosing and marking; it may throw an {@link ApiException} to refuse, and then nothing changes.
     *
     * @return how many messages the selector picked and how many of them changed
     */
    ReadMarks markRead(Function<List<MessageSummary>, List<MessageSummary>> selector, boolean read) {
        catchUp();
        lock.writeLock().lock();
        try {
            List<Long> changed = new ArrayList<>();
            List<MessageSummary> picked = selector.apply(readOnly);
            for (MessageSummary summary : picked) {
                if (summary.read != read) {
                    summary.read = read;
                    unread += read ? -1 : 1;
                    changed.add(summary.id);
                }
            }
            if (!changed.isEmpty()) {
                announce(new IndexChange.ReadChanged(List.copyOf(changed), read, unread));
            }
            return new ReadMarks(picked.size(), changed.size(), unread);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * What a change of read state did.
     *
     * @param matched the messages asked for; {@code changed} those whose state was different before
     * @param unread how many stored messages are unread now
     */
    record ReadMarks(int matched, int changed, int unread) {
    }

    /** Adds a listener, called in store order with the index's write lock held: it must be quick. */
    AutoCloseable listen(Consumer<IndexChange> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** The position of the message with this id in an ascending list, or a negative number. */
    static int indexOf(List<MessageSummary> ascending, long id) {
        return AscendingSearch.indexOf(ascending, summary -> summary.id, id);
    }

    @Override
    public void close() {
        closed = true;
        try {
            subscription.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot unsubscribe the web inbox from the store", e);
        } finally {
            indexer.shutdownNow();
            listeners.clear();
        }
    }

    private void onStoreEvent(StoreEvent event) {
        long next = ++sequence;
        pending.add(new Pending(next, event));
        published = next;
        schedule();
    }

    private void schedule() {
        if (!closed && scheduled.compareAndSet(false, true)) {
            try {
                indexer.execute(this::drainInBackground);
            } catch (RejectedExecutionException stopping) {
                scheduled.set(false);
            }
        }
    }

    private void drainInBackground() {
        scheduled.set(false);
        while (!closed && (initial != null || !pending.isEmpty())) {
            drainLock.lock();
            try {
                drainBatch(Long.MAX_VALUE);
            } finally {
                drainLock.unlock();
            }
        }
    }

    /**
     * Applies what the store published before this call, helping the background thread batch by batch, so a
     * read sees every message delivered before it. After a burst (100,000 messages delivered at once) that can
     * take seconds: then the read gives up waiting after {@link #READ_WAIT} and answers with what is indexed
     * so far, and the rest follows in the background.
     */
    private void catchUp() {
        if (initial == null && applied >= published) {
            return;
        }
        long target = published;
        long deadline = System.nanoTime() + READ_WAIT.toNanos();
        while (initial != null || applied < target) {
            long remaining = deadline - System.nanoTime();
            try {
                if (remaining <= 0 || !drainLock.tryLock(remaining, TimeUnit.NANOSECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                drainBatch(target);
            } finally {
                drainLock.unlock();
            }
        }
    }

    /** Applies one batch: of the initial snapshot first, then of queued events up to {@code target}. */
    private void drainBatch(long target) {
        List<ReceivedMessage> snapshot = initial;
        if (snapshot != null) {
            int end = Math.min(snapshot.size(), loaded + BATCH);
            List<MessageSummary> batch = new ArrayList<>(end - loaded);
            for (ReceivedMessage message : snapshot.subList(loaded, end)) {
                batch.add(MessageSummary.of(message)); // parsed before taking the lock: readers go on meanwhile
            }
            write(() -> batch.forEach(this::insert));
            loaded = end;
            if (loaded == snapshot.size()) {
                initial = null;
            }
            return;
        }
        Pending next;
        for (int count = 0; count < BATCH && applied < target && (next = pending.peek()) != null; count++) {
            apply(next.event());
            pending.poll();
            applied = next.sequence();
        }
    }

    private void apply(StoreEvent event) {
        if (event instanceof StoreEvent.MessageReceived received) {
            MessageSummary summary = MessageSummary.of(received.message());
            write(() -> {
                if (insert(summary)) {
                    announce(new IndexChange.Added(summary));
                }
            });
        } else if (event instanceof StoreEvent.ReceivedDeleted deleted) {
            write(() -> {
                int index = indexOf(summaries, deleted.id());
                if (index >= 0) {
                    if (!summaries.remove(index).read) {
                        unread--;
                    }
                    size = summaries.size(); // before announcing: listeners count with it
                    announce(new IndexChange.Removed(deleted.id()));
                }
            });
        } else if (event instanceof StoreEvent.StoreReset) {
            write(() -> {
                summaries.clear();
                unread = 0;
                size = 0;
                announce(new IndexChange.Cleared());
            });
        } else if (event instanceof StoreEvent.MessagesAppended appended) {
            announceMailbox(appended.mailbox(), "appended", uids(appended.messages()));
        } else if (event instanceof StoreEvent.MessagesExpunged expunged) {
            announceMailbox(expunged.mailbox(), "expunged", expunged.uids());
        } else if (event instanceof StoreEvent.FlagsChanged changed) {
            // (a created folder is not announced: every new user gets six at once; the page sees it on its next load)
            announceMailbox(changed.mailbox(), "flags", uids(changed.messages()));
        } else if (event instanceof StoreEvent.MailboxDeleted deleted) {
            announceMailbox(deleted.mailbox(), "deleted", List.of(0L));
        } else if (event instanceof StoreEvent.MailboxRenamed renamed) {
            announceMailbox(renamed.mailbox(), "renamed", List.of(0L));
        }
    }

    /** One change a UID, for messages of the mailbox; UID 0 stands for the mailbox itself (deleted, renamed). */
    private void announceMailbox(Mailbox mailbox, String change, List<Long> uids) {
        String user = mailbox.user();
        String name = mailbox.name();
        write(() -> uids.forEach(uid -> announce(new IndexChange.MailboxChanged(user, name, change, uid))));
    }

    private static List<Long> uids(List<StoredMessage> messages) {
        return messages.stream().map(StoredMessage::uid).toList();
    }

    /** Adds in id order; false if the message is listed already (it was in the snapshot and in the queue). */
    private boolean insert(MessageSummary summary) {
        int size = summaries.size();
        if (size == 0 || summaries.get(size - 1).id < summary.id) {
            summaries.add(summary);
        } else {
            int index = indexOf(summaries, summary.id);
            if (index >= 0) {
                return false;
            }
            summaries.add(-index - 1, summary);
        }
        if (!summary.read) {
            unread++;
        }
        this.size = summaries.size();
        return true;
    }

    private void announce(IndexChange change) {
        for (Consumer<IndexChange> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) { // one broken listener must not stop the index for all others
                LOG.log(Level.WARNING, "web inbox listener failed on " + change, e);
            }
        }
    }

    private void write(Runnable change) {
        lock.writeLock().lock();
        try {
            change.run();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
