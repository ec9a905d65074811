package dev.fakemail.internal.imap;

import java.util.List;
import java.util.Set;

/**
 * One event group of NOTIFY SET (RFC 5465 §6): which mailboxes (SELECTED, SELECTED-DELAYED, INBOXES, PERSONAL,
 * SUBSCRIBED, SUBTREE names, MAILBOXES names) and which events there (MessageNew, MessageExpunge, FlagChange,
 * MailboxName, SubscriptionChange; empty for NONE).
 */
record NotifyFilter(String kind, List<String> names, Set<String> events) {
    boolean isSelected() {
        return kind.startsWith("SELECTED");
    }

    /** Whether this group watches the (non-selected) mailbox of that name. */
    boolean covers(ImapSession session, String name) {
        switch (kind) {
            case "PERSONAL":
                return true;
            case "INBOXES":
                return name.equals("INBOX"); // mail is delivered to INBOX only
            case "SUBSCRIBED":
                return session.store.subscriptions(session.user).contains(name);
            case "MAILBOXES":
                return names.contains(name);
            case "SUBTREE":
                return names.stream().anyMatch(root -> name.equals(root)
                        || name.startsWith(root + MailboxNames.DELIMITER));
            default:
                return false;
        }
    }

    boolean hasMessageEvents() {
        return events.contains("MessageNew") || events.contains("MessageExpunge") || events.contains("FlagChange");
    }

    /** STATUS items telling what these events change, in a fixed order (as Dovecot sends them). */
    List<String> statusItems() {
        List<String> items = new java.util.ArrayList<>();
        if (events.contains("MessageNew") || events.contains("MessageExpunge")) {
            items.add("MESSAGES");
        }
        if (events.contains("MessageNew")) {
            items.add("UIDNEXT");
        }
        if (events.contains("MessageNew") || events.contains("FlagChange")) {
            items.add("UIDVALIDITY");
        }
        if (events.contains("FlagChange")) {
            items.add("HIGHESTMODSEQ");
        }
        return items;
    }
}
