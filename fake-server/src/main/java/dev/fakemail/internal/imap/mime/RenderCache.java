package dev.fakemail.internal.imap.mime;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded, least-recently-used cache of rendered ENVELOPE / BODY / BODYSTRUCTURE bytes, keyed by the
 * caller's message id. Bounded by total bytes for the whole store rather than per message, so the
 * heap per stored message stays close to its raw size while a repeated {@code FETCH 1:* ENVELOPE}
 * (clients re-sync often) becomes a copy. Rendering happens outside the lock; thread-safe.
 *
 * <p>Stored messages are immutable, so entries never go stale; call {@link #remove} when a message is
 * expunged so the space is reused early.
 */
public final class RenderCache {
    /** What is cached for a message. */
    public enum Item {
        ENVELOPE, BODY, BODYSTRUCTURE
    }

    /** Estimated bookkeeping per entry (map entry, key, array header), counted against the budget. */
    static final int ENTRY_OVERHEAD = 96;

    private record Key(Object messageId, Item item) {
    }

    private final long maxBytes;
    private long bytes;
    /** In access order: iteration starts at the least recently used entry. */
    private final LinkedHashMap<Key, byte[]> entries = new LinkedHashMap<>(256, 0.75f, true);

    public RenderCache(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes < 0");
        }
        this.maxBytes = maxBytes;
    }

    /** The rendered item for the message with that id, from the cache or rendered from {@code raw}. */
    public byte[] get(Object messageId, Item item, byte[] raw) {
        Key key = new Key(messageId, item);
        synchronized (this) {
            byte[] hit = entries.get(key);
            if (hit != null) {
                return hit;
            }
        }
        byte[] rendered = render(item, raw);
        synchronized (this) {
            byte[] previous = entries.put(key, rendered);
            bytes += cost(rendered) - (previous == null ? 0 : cost(previous));
            Iterator<Map.Entry<Key, byte[]>> it = entries.entrySet().iterator();
            while (bytes > maxBytes && it.hasNext()) {
                bytes -= cost(it.next().getValue());
                it.remove();
            }
        }
        return rendered;
    }

    public synchronized void remove(Object messageId) {
        for (Item item : Item.values()) {
            byte[] removed = entries.remove(new Key(messageId, item));
            if (removed != null) {
                bytes -= cost(removed);
            }
        }
    }

    /** Bytes currently accounted for, entry overhead included. */
    public synchronized long sizeInBytes() {
        return bytes;
    }

    public synchronized int entryCount() {
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
