package dev.fakemail.web.internal;

import java.util.List;

/** A change of the {@link MessageIndex}, announced in store order to its listeners (live events, waiters). */
sealed interface IndexChange {
    /** A received message was summarized and listed. */
    record Added(MessageSummary message) implements IndexChange {
    }

    /** A received message was deleted (by a user, or by the server's retention). */
    record Removed(long id) implements IndexChange {
    }

    /** The server was reset: every message, mailbox and transcript is gone. */
    record Cleared() implements IndexChange {
    }

    /**
     * Messages were marked read or unread (only those whose state changed).
     *
     * @param unread how many stored messages are unread now
     */
    record ReadChanged(List<Long> ids, boolean read, int unread) implements IndexChange {
    }

    /** A message was appended to or expunged from a user's mailbox ("appended" or "expunged"). */
    record MailboxChanged(String user, String mailbox, String change, long uid) implements IndexChange {
    }
}
