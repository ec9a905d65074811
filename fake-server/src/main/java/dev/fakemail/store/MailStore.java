package dev.fakemail.store;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The read-only view of the store every front door gets ({@link dev.fakemail.MailControl#store()}): the
 * received-message log (each accepted SMTP transaction, once), the users' mailboxes, which share the same
 * bytes, and change events. Reads return snapshots; nothing here changes the store and no lookup creates a
 * user or mailbox. Protocol sessions write through the server's internal store interface.
 */
public interface MailStore {
    /** The mailbox SMTP delivers to; every user has it. */
    String INBOX = "INBOX";

    /** The received-message log, oldest first, as of now (a quiet server still forgets what is past its age). */
    List<ReceivedMessage> received();

    /** Received messages matching the query, oldest first. */
    List<ReceivedMessage> find(MailQuery query);

    /** The received message with this id, unless it was deleted, dropped by retention or never existed. */
    Optional<ReceivedMessage> byId(long id);

    /**
     * Messages that arrived whole but got no reply because a fault rule ended the connection first, oldest
     * first; they are in no mailbox and not in {@link #received()}.
     */
    List<ReceivedMessage> unacknowledged();

    /**
     * Waits until at least {@code count} received messages match, waking on each delivery.
     *
     * @return the matches, oldest first; fewer than {@code count} if the timeout passed first
     */
    List<ReceivedMessage> await(MailQuery query, int count, Duration timeout) throws InterruptedException;

    /** Users that have mailboxes, in order of creation (lower case). */
    List<String> users();

    /** The user's mailboxes in order of creation (INBOX, Sent, Drafts, Trash, Junk, Archive first). */
    List<Mailbox> mailboxes(String user);

    /** One mailbox, if it exists; a lookup never creates one. INBOX is matched case-insensitively. */
    Optional<Mailbox> mailbox(String user, String name);

    /** The user's mailboxes with their IMAP LIST attributes, in order of creation. */
    List<MailboxListing> list(String user);

    /**
     * Adds a listener; close the returned handle to remove it. Listeners are called for every change, in
     * order, on the thread that made it, <em>while the store's lock is held</em>: a listener must only record
     * or enqueue the event and return. It must never block, wait for another thread, or call a method of the
     * store (every event carries what a listener needs).
     */
    AutoCloseable subscribe(StoreListener listener);
}
