package dev.fakemail.internal.store;

import dev.fakemail.authentication.AuthenticationResults;
import dev.fakemail.store.Envelope;
import dev.fakemail.store.MailStore;
import dev.fakemail.store.Mailbox;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.store.StoredMessage;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The writable store the protocol sessions use; front doors get only the read-only {@link MailStore}.
 *
 * <p>Every mutation runs under one store lock and publishes its {@link dev.fakemail.store.StoreEvent} before
 * the lock is released, so listeners see changes in order. Reads return snapshots.
 *
 * <p>Mailbox names use {@code /} as hierarchy delimiter; INBOX is matched case-insensitively. Every user gets
 * INBOX and the special-use mailboxes Sent, Drafts, Trash, Junk and Archive when first seen. Operations on a
 * mailbox take the {@link Mailbox} view handed out by this store; a mailbox that was deleted meanwhile makes
 * them fail with {@link MailboxException.Reason#NONEXISTENT}.
 *
 * <p><b>Retention.</b> The received log keeps at most {@code maxMessages}, none older than {@code maxAge}; a
 * message dropped from the log is expunged from the INBOXes it was delivered to. Every mailbox also keeps at
 * most {@code maxMessages} messages whatever their origin (delivery, APPEND, COPY, MOVE): when one more
 * arrives, the lowest UIDs (the oldest arrivals) are expunged. The age limit applies to received mail only,
 * since an APPEND carries a date of the client's choosing.
 */
public interface MailRepository extends MailStore {
    /** The mailboxes every user gets, in creation order; all but INBOX carry their RFC 6154 attribute. */
    List<String> DEFAULT_MAILBOXES = List.of(INBOX, "Sent", "Drafts", "Trash", "Junk", "Archive");

    /**
     * Logs an accepted SMTP transaction and appends its bytes to each recipient's INBOX (creating users on
     * first delivery). The array is kept as it is, never copied: the caller must not modify it.
     */
    default ReceivedMessage deliver(Envelope envelope, byte[] raw) {
        return deliver(envelope, raw, null);
    }

    /** As {@link #deliver(Envelope, byte[])}, with the message's checks against the fake zone (null: none). */
    ReceivedMessage deliver(Envelope envelope, byte[] raw, AuthenticationResults authentication);

    /**
     * Delivers as {@link #deliver} unless {@code replyArrives}, asked with the id the message would get, says the
     * success reply naming that id cannot reach the client whole (a cut-off fault rule); then the message is
     * recorded as unacknowledged with {@code fate}. The id and the decision are one step under the store lock:
     * no other delivery can take the id (and lengthen the reply by a digit) in between.
     */
    default ReceivedMessage deliverIfReplyArrives(Envelope envelope, byte[] raw,
            java.util.function.LongPredicate replyArrives, String fate) {
        return deliverIfReplyArrives(envelope, raw, replyArrives, fate, null);
    }

    /** As {@link #deliverIfReplyArrives(Envelope, byte[], java.util.function.LongPredicate, String)}, with checks. */
    ReceivedMessage deliverIfReplyArrives(Envelope envelope, byte[] raw, java.util.function.LongPredicate replyArrives,
            String fate, AuthenticationResults authentication);

    /** Logs a message that arrived whole but whose client got no reply (see {@link #unacknowledged()}). */
    default ReceivedMessage recordUnacknowledged(Envelope envelope, byte[] raw, String fate) {
        return recordUnacknowledged(envelope, raw, fate, null);
    }

    /** As {@link #recordUnacknowledged(Envelope, byte[], String)}, with the message's checks (null: none). */
    ReceivedMessage recordUnacknowledged(Envelope envelope, byte[] raw, String fate,
            AuthenticationResults authentication);

    /** The id the next message will get (unless another delivery takes it first). */
    long peekNextId();

    /** Removes one message from the received-message log (mailboxes keep their copies). */
    boolean deleteReceived(long id);

    /**
     * Empties the store in place: every mailbox is emptied (one {@code StoreReset} event lists the UIDs that
     * went from each), then log, users, mailboxes and subscriptions are forgotten. A {@link Mailbox} a session holds stays valid: when its user
     * comes back, the same object is used again, with UIDs continuing and the same UIDVALIDITY. Ids keep
     * counting up.
     */
    void reset();

    /** The user's INBOX, creating the user (with the default mailboxes) if new. */
    Mailbox inbox(String user);

    /** Creates a mailbox and any missing parents; fails if it exists (and is selectable). */
    Mailbox createMailbox(String user, String name);

    /**
     * Deletes a mailbox and its messages. One with inferiors stays as \Noselect (RFC 3501 6.3.4); deleting INBOX
     * or a \Noselect mailbox that has inferiors fails.
     */
    void deleteMailbox(String user, String name);

    /**
     * Renames a mailbox; its inferiors follow. Renaming INBOX moves its messages to a new mailbox of that name
     * and leaves INBOX empty. Missing parents of the new name are created.
     */
    void renameMailbox(String user, String from, String to);

    /**
     * Deletes the mailbox and creates it again under the same name with a new UIDVALIDITY: the same messages
     * (bytes, flags, internal dates) get new UIDs from 1 in their order; nothing is \Recent. Sessions that held
     * the old mailbox see it deleted. For the IMAP fault effect new-uidvalidity.
     *
     * @return the new mailbox
     */
    Mailbox recreateMailbox(Mailbox mailbox);

    /** Subscribes the user to a name (which need not exist: IMAP LSUB lists it anyway). */
    void subscribe(String user, String name);

    void unsubscribe(String user, String name);

    /** The user's subscribed names, in order of subscription. */
    List<String> subscriptions(String user);

    /**
     * IMAP APPEND. The array is kept as given, never copied; the message is \Recent.
     *
     * @return the stored message (its UID, MODSEQ)
     */
    StoredMessage append(Mailbox mailbox, byte[] raw, Set<String> flags, OffsetDateTime internalDate);

    /** IMAP COPY of the UIDs that exist in the source (others are skipped); the copies share the bytes. */
    UidMap copy(Mailbox source, long[] uids, Mailbox destination);

    /** IMAP MOVE: a copy, then an expunge of the copied source UIDs, all under one lock. */
    UidMap move(Mailbox source, long[] uids, Mailbox destination);

    /**
     * Changes flags of the UIDs that exist, atomically against the current flags. Each message whose flags
     * actually change gets a new MODSEQ; all changes are published as one {@code FlagsChanged} event.
     *
     * @param unchangedSince if present, messages with a greater MODSEQ are left alone and reported as failed
     *     (RFC 7162 UNCHANGEDSINCE)
     */
    FlagUpdate changeFlags(Mailbox mailbox, long[] uids, FlagOperation operation, Set<String> flags,
            OptionalLong unchangedSince);

    /**
     * Removes the UIDs that exist, publishing one event; returns them in ascending order. Works on a mailbox
     * deleted or emptied meanwhile too (finding nothing to remove), so a late POP3 QUIT does not fail.
     */
    List<Long> expunge(Mailbox mailbox, long[] uids);

    /**
     * The UIDs expunged from the mailbox after {@code modSeq}, ascending (QRESYNC's VANISHED); null when the
     * bounded history no longer reaches back that far.
     */
    long[] expungedAfter(Mailbox mailbox, long modSeq);

    /**
     * Claims the mailbox's \Recent messages for the calling session: returns the UIDs that arrived since the
     * last claim (ascending); every later claim, by any session, gets only newer arrivals.
     */
    List<Long> claimRecent(Mailbox mailbox);

    /**
     * The UIDs that are \Recent and not yet claimed, without claiming them (EXAMINE and STATUS RECENT, RFC 3501
     * §6.3.2: a read-only look must not take \Recent from the session that selects next).
     */
    List<Long> unclaimedRecent(Mailbox mailbox);
}
