package dev.fakemail.internal.store;

/** How IMAP STORE combines the given flags with a message's current flags. */
public enum FlagOperation {
    /** FLAGS: the given flags become the message's flags. */
    REPLACE,
    /** +FLAGS. */
    ADD,
    /** -FLAGS. */
    REMOVE
}
