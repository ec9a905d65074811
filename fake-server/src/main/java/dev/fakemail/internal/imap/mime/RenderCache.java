package dev.fakemail.internal.imap.mime;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded cache of rendered ENVELOPE / BODY / BODYSTRUCTURE bytes, keyed by the caller's message id.
 * Bounded by total bytes for the whole store rather than per message, so the heap per stored message
 * stays close to its raw size while a repeated {@code FETCH 1:* (FLAGS ENVELOPE)} (clients re-sync
 * often) becomes a map lookup. Eviction is first-in-first-out, which for the sequential sweeps IMAP
 * clients make is as good as LRU and keeps hits lock-free. Thread-safe; rendering happens outside
 * any lock (two threads may render the same item once each).
 *
 * <p>Stored messages are immutable, so entries never go stale; call {@link #remove} when a message is
 * expunged so the space is reused early. Keep parsed {@link MessageStructure}s out of long-lived
 * caches: one holds about 2/3 of the raw size in offsets and small strings.
 */
public final class RenderCache {
    /** What is cached for a message. */
    public enum Item {
        ENVELOPE, BODY, BODYSTRUCTURE
    }

    /** Estimated bookkeeping per entry (map node, key, boxed id, queue node, array header). */
    static final int ENTRY_OVERHEAD = 112;

    private record Key(Object messageId, Item item) {
    }

    private final long maxBytes;
    private final AtomicLong bytes = new AtomicLong();
    private final ConcurrentHashMap<Key, byte[]> entries = new ConcurrentHashMap<>();
    /** Keys in insertion order; may hold keys already removed, which eviction skips. */
    private final ConcurrentLinkedQueue<Key> order = new ConcurrentLinkedQueue<>();

    public RenderCache(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes < 0");
        }
        this.maxBytes = maxBytes;
    }

    /** The rendered item for the message with that id, from the cache or rendered from {@code raw}. */
    public byte[] get(Object messageId, Item item, byte[] raw) {
        Key key = new Key(messageId, item);
        byte[] hit = entries.get(key);
        if (hit != null) {
            return hit;
        }
        byte[] rendered = render(item, raw);
        byte[] raced = entries.putIfAbsent(key, rendered);
        if (raced != null) {
            return raced;
        }
        order.add(key);
        bytes.addAndGet(cost(rendered));
        while (bytes.get() > maxBytes) {
            Key oldest = order.poll();
            if (oldest == null) {
                break;
            }
            byte[] evicted = entries.remove(oldest);
            if (evicted != null) {
                bytes.addAndGet(-cost(evicted));
            }
        }
        return rendered;
    }

    public void remove(Object messageId) {
        for (Item item : Item.values()) {
            byte[] removed = entries.remove(new Key(messageId, item));
            if (removed != null) {
                bytes.addAndGet(-cost(removed));
            }
        }
    }

    /** Bytes currently accounted for, entry overhead included. */
    public long sizeInBytes() {
        return bytes.get();
    }

    public int entryCount() {
        return entries.size();
    }

    private static long cost(byte[] value) {
        return value.length + (long) ENTRY_OVERHEAD;
    }

    private static byte[] render(Item item, byte[] raw) {
        ImapOut out = new ImapOut(512);
        switch (item) {
            case ENVELOPE -> MessageStructure.writeEnvelope(raw, out);
            case BODY -> MessageStructure.parse(raw).writeBody(out);
            case BODYSTRUCTURE -> MessageStructure.parse(raw).writeBodyStructure(out);
            default -> throw new IllegalStateException(item.toString());
        }
        return out.toByteArray();
    }
}
