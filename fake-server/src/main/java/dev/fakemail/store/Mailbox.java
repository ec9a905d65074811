package dev.fakemail.store;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A read-only view of one mailbox of one user. UIDs grow and are never reused within a UIDVALIDITY; every
 * change raises the mailbox's MODSEQ. The same object stays valid while the mailbox lives (also across a
 * store reset, which empties it); a mailbox that was deleted and created again is a new object with a larger
 * UIDVALIDITY.
 */
public interface Mailbox {
    String user();

    /** The full name, levels separated by {@code /} ("Archive/2026"); a rename changes it. */
    String name();

    long uidValidity();

    long uidNext();

    long highestModSeq();

    int size();

    /**
     * The messages in ascending UID order, as of now: an immutable snapshot, made at most once per change of
     * the mailbox however often it is read, so take it once per command and index into it.
     */
    List<StoredMessage> messages();

    /** The message with this UID, by binary search. */
    Optional<StoredMessage> message(long uid);

    /** The RFC 6154 attribute ("\\Sent", "\\Drafts", "\\Trash", "\\Junk", "\\Archive") of a default mailbox. */
    Optional<String> specialUse();

    boolean subscribed();

    /** False for a \Noselect name: a deleted mailbox kept because it has inferiors. */
    boolean selectable();

    /** The keywords (flags without a backslash) used in this mailbox so far, for IMAP's FLAGS response. */
    Set<String> keywords();
}
