package dev.fakemail.internal.store;

/** A mailbox operation the store refuses; the reason maps to an IMAP response code. */
public final class MailboxException extends RuntimeException {
    public enum Reason {
        /** [NONEXISTENT] */
        NONEXISTENT,
        /** [ALREADYEXISTS] */
        ALREADY_EXISTS,
        /** [CANNOT]: deleting INBOX, deleting a \Noselect name with inferiors, renaming onto itself ... */
        CANNOT,
        /** The name is empty or has an empty level ("a//b", "/a", "a/"). */
        INVALID_NAME
    }

    private final Reason reason;

    public MailboxException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
