package dev.fakemail.store;

import java.util.Set;

/**
 * One line of an IMAP LIST: a mailbox name with its attributes.
 *
 * @param attributes "\\HasChildren" or "\\HasNoChildren", "\\Noselect" for a deleted mailbox kept for its
 *     inferiors, and the special-use attribute of a default mailbox ("\\Sent", "\\Drafts", "\\Trash",
 *     "\\Junk", "\\Archive")
 */
public record MailboxListing(String name, Set<String> attributes, boolean subscribed) {
    public MailboxListing {
        attributes = Set.copyOf(attributes);
    }
}
