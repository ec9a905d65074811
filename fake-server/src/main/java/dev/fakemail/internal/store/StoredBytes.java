package dev.fakemail.internal.store;

import dev.fakemail.store.StoredMessage;
import java.util.function.Function;

/**
 * The server's own readers (IMAP FETCH, SEARCH) reach a stored message's array without a copy; users only get
 * copies or read-only buffers. {@link StoredMessage} registers the accessor when its class is initialized, which
 * happens before any instance exists.
 */
public final class StoredBytes {
    private static volatile Function<StoredMessage, byte[]> access;

    private StoredBytes() {
    }

    /** Called once, by StoredMessage's static initializer. */
    public static void register(Function<StoredMessage, byte[]> accessor) {
        if (access != null) {
            throw new IllegalStateException("already registered");
        }
        access = accessor;
    }

    /** The stored array itself: never to be modified. */
    public static byte[] of(StoredMessage message) {
        return access.apply(message);
    }
}
