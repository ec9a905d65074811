package dev.fakemail.store;

import java.util.ArrayList;
import java.util.List;

/**
 * One mailbox of one user. UIDs grow and are never reused within a UIDVALIDITY; every change raises the
 * mailbox's MODSEQ. All access goes through the {@link MailStore}'s lock; readers get snapshots.
 */
public final class Mailbox {
    private final String user;
    private final String name;
    private final long uidValidity;
    private final List<StoredMessage> messages = new ArrayList<>();
    private long uidNext = 1;
    private long highestModSeq = 1;

    Mailbox(String user, String name, long uidValidity) {
        this.user = user;
        this.name = name;
        this.uidValidity = uidValidity;
    }

    public String user() {
        return user;
    }

    public String name() {
        return name;
    }

    public long uidValidity() {
        return uidValidity;
    }

    synchronized StoredMessage append(byte[] raw, java.util.Set<String> flags, long internalDateMillis) {
        StoredMessage message = new StoredMessage(uidNext++, ++highestModSeq, flags, internalDateMillis, raw);
        messages.add(message);
        return message;
    }

    /** The UID of the message holding exactly this array (delivered from the log), or -1. */
    synchronized long uidOf(byte[] raw) {
        for (StoredMessage message : messages) {
            if (message.holds(raw)) {
                return message.uid();
            }
        }
        return -1;
    }

    synchronized boolean expunge(long uid) {
        boolean removed = messages.removeIf(message -> message.uid() == uid);
        if (removed) {
            highestModSeq++;
        }
        return removed;
    }

    public synchronized long uidNext() {
        return uidNext;
    }

    public synchronized long highestModSeq() {
        return highestModSeq;
    }

    public synchronized int size() {
        return messages.size();
    }

    /** The messages in UID order, as of now. */
    public synchronized List<StoredMessage> messages() {
        return List.copyOf(messages);
    }

    @Override
    public String toString() {
        return user + "/" + name;
    }
}
