package dev.fakemail.store;

/** A change in the store. IMAP turns these into untagged responses, the web inbox into live updates. */
public sealed interface StoreEvent {
    /** An SMTP transaction was accepted and logged. */
    record MessageReceived(ReceivedMessage message) implements StoreEvent {
    }

    /**
     * A message arrived whole but the connection ended before the server replied (a fault rule): the client
     * cannot know whether it was sent. Not delivered to any mailbox.
     */
    record MessageUnacknowledged(ReceivedMessage message) implements StoreEvent {
    }

    /** A message was added to a mailbox (by delivery or, later, IMAP APPEND/COPY). */
    record MessageAppended(Mailbox mailbox, StoredMessage message) implements StoreEvent {
    }

    /** A message left a mailbox. */
    record MessageExpunged(Mailbox mailbox, long uid) implements StoreEvent {
    }

    /** A received message was deleted from the received-message log. */
    record ReceivedDeleted(long id) implements StoreEvent {
    }

    /** Everything was removed. */
    record StoreReset() implements StoreEvent {
    }
}
