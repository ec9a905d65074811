package dev.fakemail.internal.imap;

import dev.fakemail.store.MailStore;
import dev.fakemail.store.Mailbox;
import dev.fakemail.store.StoredMessage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each user's quota (RFC 9208): one quota root, named "", over all the user's mailboxes, with the resources
 * STORAGE (octets, told in units of 1024) and MESSAGE. Every user starts with the server's limits (none unless
 * configured); SETQUOTA and the {@code quota} fault effect change one user's. APPEND, COPY and MOVE that would
 * go over a limit are refused with [OVERQUOTA]; the check is made before the command stores anything (not
 * atomically with other sessions' appends: a fake server needs the answer, not the accounting).
 */
public final class Quotas {
    /** No limit. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    /** A user's limits: octets and messages, {@link #UNLIMITED} where there is none. */
    record Limits(long storageOctets, long messages) {
        boolean any() {
            return storageOctets != UNLIMITED || messages != UNLIMITED;
        }
    }

    /** What the user's mailboxes hold now. */
    record Usage(long octets, long messages) {
        long storageUnits() {
            return (octets + 1023) / 1024;
        }
    }

    private final Limits initial;
    private final Map<String, Limits> perUser = new ConcurrentHashMap<>();

    public Quotas(long storageOctets, long messages) {
        if (storageOctets < 0 || messages < 0) {
            throw new IllegalArgumentException("quota limits must not be negative");
        }
        this.initial = new Limits(storageOctets, messages);
    }

    public static Quotas unlimited() {
        return new Quotas(UNLIMITED, UNLIMITED);
    }

    Limits limits(String user) {
        return perUser.getOrDefault(user, initial);
    }

    void set(String user, Limits limits) {
        perUser.put(user, limits);
    }

    static Usage usage(MailStore store, String user) {
        long octets = 0;
        long messages = 0;
        for (Mailbox mailbox : store.mailboxes(user)) {
            for (StoredMessage message : mailbox.messages()) {
                octets += message.size();
                messages++;
            }
        }
        return new Usage(octets, messages);
    }

    /**
     * Why adding these messages would go over the user's quota, as the text after {@code NO [OVERQUOTA]}; null
     * when they fit.
     */
    String refusal(MailStore store, String user, long addedOctets, long addedMessages) {
        Limits limits = limits(user);
        if (!limits.any()) {
            return null;
        }
        Usage usage = usage(store, user);
        if (limits.messages() != UNLIMITED && usage.messages() + addedMessages > limits.messages()) {
            return "quota exceeded: MESSAGE would be " + (usage.messages() + addedMessages) + " of "
                    + limits.messages();
        }
        if (limits.storageOctets() != UNLIMITED && usage.octets() + addedOctets > limits.storageOctets()) {
            return "quota exceeded: STORAGE would be " + (usage.octets() + addedOctets) + " of "
                    + limits.storageOctets() + " octets";
        }
        return null;
    }
}
