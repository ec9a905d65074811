package dev.fakemail.internal.fault;

/**
 * The IMAP fault effects that act on the store as another client would: the session that met the rule
 * carries them out on its selected mailbox (INBOX when none is selected) and says what it did, for the
 * transcript line of the hit.
 */
public interface MailboxEffects {
    /** Expunges {@code first}, {@code last}, {@code all} or the message with that sequence number. */
    String expungeElsewhere(String which);

    /** Re-creates the mailbox with its messages under a new UIDVALIDITY and new UIDs. */
    String newUidValidity();

    /** Sets the user's quota: {@code full}, {@code off}, {@code storage=SIZE} and/or {@code messages=N}. */
    String quota(String limits);
}
