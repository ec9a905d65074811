package dev.fakemail.store;

import java.util.List;

/**
 * A change in the store. IMAP turns these into untagged responses, the web inbox into live updates. Each
 * event carries all a listener needs (mailbox, UIDs, new flags, MODSEQ), so listeners never call back into
 * the store (they run under its lock; see {@link MailStore#subscribe}).
 */
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

    /** Messages were added to a mailbox (one delivery, APPEND, or a whole COPY/MOVE), in UID order. */
    record MessagesAppended(Mailbox mailbox, List<StoredMessage> messages) implements StoreEvent {
        public MessagesAppended {
            messages = List.copyOf(messages);
        }
    }

    /**
     * Messages left a mailbox (IMAP EXPUNGE or MOVE, POP3 DELE at QUIT, retention, reset), ascending UIDs.
     *
     * @param highestModSeq the mailbox's MODSEQ after the expunge
     */
    record MessagesExpunged(Mailbox mailbox, List<Long> uids, long highestModSeq) implements StoreEvent {
        public MessagesExpunged {
            uids = List.copyOf(uids);
        }
    }

    /** Flags of these messages changed in one STORE; each carries its new flags and new MODSEQ. */
    record FlagsChanged(Mailbox mailbox, List<StoredMessage> messages) implements StoreEvent {
        public FlagsChanged {
            messages = List.copyOf(messages);
        }
    }

    /** A mailbox was created (explicitly, as an implied parent, or as a user's default mailbox). */
    record MailboxCreated(Mailbox mailbox) implements StoreEvent {
    }

    /**
     * A mailbox was deleted; its messages were expunged first (with their own event).
     *
     * @param keptAsNoselect true if the name stays as \Noselect because it has inferiors
     */
    record MailboxDeleted(Mailbox mailbox, boolean keptAsNoselect) implements StoreEvent {
    }

    /** A mailbox got a new name (one event for it and one for each inferior that followed it). */
    record MailboxRenamed(Mailbox mailbox, String oldName) implements StoreEvent {
    }

    /** A user subscribed to or unsubscribed from a mailbox name (which need not exist). */
    record SubscriptionChanged(String user, String name, boolean subscribed) implements StoreEvent {
    }

    /** A received message was deleted from the received-message log. */
    record ReceivedDeleted(long id) implements StoreEvent {
    }

    /**
     * Everything was removed. Mailboxes were emptied in place: {@code emptied} lists, for each mailbox that
     * held messages, the UIDs that went (an IMAP session with it selected sends EXPUNGEs and keeps its
     * {@link Mailbox}, which stays valid). One event, so a listener that only counts resets sees one.
     */
    record StoreReset(List<MessagesExpunged> emptied) implements StoreEvent {
        public StoreReset {
            emptied = List.copyOf(emptied);
        }
    }
}
