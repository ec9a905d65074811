package dev.fakemail.internal.store;

import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.store.StoredMessage;
import java.util.function.Function;

/**
 * The server's own readers (IMAP FETCH, SEARCH, the web inbox's search) reach a stored message's array without a
 * copy; users only get copies or read-only buffers. {@link StoredMessage} and {@link ReceivedMessage} register
 * their accessors when their classes are initialized, which happens before any instance exists.
 */
public final class StoredBytes {
    private static volatile Function<StoredMessage, byte[]> access;
    private static volatile Function<ReceivedMessage, byte[]> receivedAccess;

    private StoredBytes() {
    }

    /** Called once, by StoredMessage's static initializer. */
    public static void register(Function<StoredMessage, byte[]> accessor) {
        if (access != null) {
            throw new IllegalStateException("already registered");
        }
        access = accessor;
    }

    /** Called once, by ReceivedMessage's static initializer. */
    public static void registerReceived(Function<ReceivedMessage, byte[]> accessor) {
        if (receivedAccess != null) {
            throw new IllegalStateException("already registered");
        }
        receivedAccess = accessor;
    }

    /** The stored array itself: never to be modified. */
    public static byte[] of(StoredMessage message) {
        return access.apply(message);
    }

    /** The received message's array itself (shared with every mailbox it went to): never to be modified. */
    public static byte[] of(ReceivedMessage message) {
        return receivedAccess.apply(message);
    }
}
