package dev.fakemail.internal.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Items (store events) queued for one session by other threads, in order. {@link #offer} never blocks, so a
 * store listener may call it under the store's lock. The session decides when to {@link #drain} (IMAP: before
 * a tagged reply, never inside FETCH output) and how to render what it drains, on the thread that drains:
 * its own, or while idle the pusher thread inside {@link ProtocolSession#pushed}.
 *
 * @param <E> what is queued; the session renders it against its own state (message numbers)
 */
public final class Outbox<E> {
    private final ConcurrentLinkedQueue<E> queue = new ConcurrentLinkedQueue<>();
    private final SessionOutput output;

    /** An outbox that wakes {@code output} (from {@link ConnectionInfo#output()}) when filled. */
    public Outbox(SessionOutput output) {
        this.output = output;
    }

    /** Queues an item and wakes the connection; false (and nothing kept) once the session has ended. */
    public boolean offer(E item) {
        if (!output.isOpen()) {
            queue.clear();
            return false;
        }
        queue.add(item);
        if (!output.isOpen()) {
            queue.clear(); // the session ended meanwhile: nobody will drain
            return false;
        }
        output.wake();
        return true;
    }

    /** Everything queued so far, oldest first, removed from the outbox. */
    public List<E> drain() {
        List<E> drained = new ArrayList<>();
        for (E item = queue.poll(); item != null; item = queue.poll()) {
            drained.add(item);
        }
        return drained;
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }
}
