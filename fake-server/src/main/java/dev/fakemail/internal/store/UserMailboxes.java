package dev.fakemail.internal.store;

import dev.fakemail.store.MailboxListing;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One user's mailbox tree in {@link InMemoryMailStore}: mailboxes by canonical name in creation order and the
 * subscribed names. Plain data and hierarchy rules; the store calls it under its lock and publishes events.
 */
final class UserMailboxes {
    final Map<String, InMemoryMailbox> mailboxes = new LinkedHashMap<>();
    final Set<String> subscriptions = new LinkedHashSet<>();

    InMemoryMailbox existing(String name) {
        InMemoryMailbox mailbox = mailboxes.get(name);
        if (mailbox == null) {
            throw new MailboxException(MailboxException.Reason.NONEXISTENT, "no mailbox " + name);
        }
        return mailbox;
    }

    boolean hasInferiors(String name) {
        for (String candidate : mailboxes.keySet()) {
            if (MailboxNames.isInferior(candidate, name)) {
                return true;
            }
        }
        return false;
    }

    /** The ancestors of {@code name} that do not exist yet, outermost first. */
    List<String> missingParents(String name) {
        List<String> missing = new ArrayList<>();
        for (String parent = MailboxNames.parent(name); parent != null; parent = MailboxNames.parent(parent)) {
            if (!mailboxes.containsKey(parent)) {
                missing.add(parent);
            }
        }
        Collections.reverse(missing);
        return missing;
    }

    /** The mailbox and its inferiors, in creation order. */
    List<InMemoryMailbox> subtree(InMemoryMailbox root) {
        List<InMemoryMailbox> subtree = new ArrayList<>();
        for (InMemoryMailbox candidate : mailboxes.values()) {
            if (candidate == root || MailboxNames.isInferior(candidate.name(), root.name())) {
                subtree.add(candidate);
            }
        }
        return subtree;
    }

    /** Gives a mailbox a new name; a subscription to the old name follows it. */
    void rename(InMemoryMailbox mailbox, String newName) {
        String oldName = mailbox.name();
        mailboxes.remove(oldName);
        mailbox.rename(newName);
        mailboxes.put(newName, mailbox);
        if (subscriptions.remove(oldName)) {
            subscriptions.add(newName);
        }
    }

    /** Removes the \Noselect ancestors of a removed name that are left without inferiors; returns them. */
    List<InMemoryMailbox> pruneNoselectParents(String removed) {
        List<InMemoryMailbox> pruned = new ArrayList<>();
        for (String parent = MailboxNames.parent(removed); parent != null; parent = MailboxNames.parent(parent)) {
            InMemoryMailbox mailbox = mailboxes.get(parent);
            if (mailbox == null || mailbox.selectable() || hasInferiors(parent)) {
                break;
            }
            mailboxes.remove(parent);
            pruned.add(mailbox);
        }
        return pruned;
    }

    List<MailboxListing> listings() {
        List<MailboxListing> listings = new ArrayList<>();
        for (InMemoryMailbox mailbox : mailboxes.values()) {
            Set<String> attributes = new LinkedHashSet<>();
            attributes.add(hasInferiors(mailbox.name()) ? "\\HasChildren" : "\\HasNoChildren");
            if (!mailbox.selectable()) {
                attributes.add("\\Noselect");
            }
            mailbox.specialUse().ifPresent(attributes::add);
            listings.add(new MailboxListing(mailbox.name(), attributes, mailbox.subscribed()));
        }
        return listings;
    }
}
