package dev.fakemail;

import dev.fakemail.fault.FaultPlan;
import dev.fakemail.journal.Transcript;
import dev.fakemail.store.MailQuery;
import dev.fakemail.store.MailStore;
import dev.fakemail.store.ReceivedMessage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What every front door (tests, the JUnit extension, the web inbox, the standalone server) can ask of a
 * running server. One API, so no front door has a capability another lacks.
 */
public interface MailControl {
    /** Every received message, oldest first. */
    List<ReceivedMessage> messages();

    /** Received messages matching the query, oldest first. */
    List<ReceivedMessage> messages(MailQuery query);

    /** The received message with this id, unless it was deleted (or never existed). */
    Optional<ReceivedMessage> message(long id);

    /**
     * Waits until a matching message has arrived (or is already there), waking on each delivery.
     *
     * @return the matching messages; empty if none arrived within the timeout
     */
    default List<ReceivedMessage> await(MailQuery query, Duration timeout) {
        return await(query, 1, timeout);
    }

    /**
     * Waits until at least {@code count} matching messages have arrived.
     *
     * @return the matches so far, oldest first; fewer than {@code count} if the timeout passed first or the
     *     waiting thread was interrupted (its interrupt flag is then set again)
     */
    List<ReceivedMessage> await(MailQuery query, int count, Duration timeout);

    /**
     * Messages that arrived whole but whose client never got a reply, because a fault rule ended the
     * connection first (the "was it sent?" case); not delivered, not in {@link #messages()}.
     */
    List<ReceivedMessage> unacknowledged();

    /** The scripted faults: add, list and remove rules while the server runs. */
    FaultPlan faults();

    /**
     * Deletes one message from the received-message log (mailboxes keep their copies: a POP3 or IMAP client
     * still sees it). Published as a {@code ReceivedDeleted} event.
     *
     * @return false if there was no such message
     */
    boolean delete(long id);

    /** The shared store, read-only: mailboxes, the received-message log, change events. */
    MailStore store();

    /** Transcripts of recent sessions, oldest first. */
    List<Transcript> transcripts();

    /**
     * Whether each running listener accepts connections, in start order; empty when the server is stopped or
     * this control has no listeners of its own. A health check fails while any of them is not accepting.
     */
    default List<ListenerHealth> listenerHealth() {
        return List.of();
    }

    /** Forgets all messages, mailboxes, transcripts and added fault rules; listeners and ports stay. */
    void reset();
}
