package dev.fakemail.internal.pop3;

import dev.fakemail.store.Mailbox;
import dev.fakemail.store.StoredMessage;
import java.util.List;

/**
 * The maildrop as one POP3 session sees it: the INBOX at login, numbered from 1, with deletion marks that
 * take effect only at QUIT (RFC 1939 §6). Mail arriving meanwhile shows up in the next session.
 */
final class Maildrop {
    final Mailbox mailbox;
    final String user;
    private final List<StoredMessage> messages;
    private final boolean[] deleted;

    Maildrop(String user, Mailbox mailbox) {
        this.user = user;
        this.mailbox = mailbox;
        this.messages = mailbox.messages();
        this.deleted = new boolean[messages.size()];
    }

    /** Messages in the maildrop, deleted ones included (numbers never shift within a session). */
    int numbered() {
        return messages.size();
    }

    boolean exists(int number) {
        return number >= 1 && number <= messages.size();
    }

    boolean isDeleted(int number) {
        return deleted[number - 1];
    }

    StoredMessage message(int number) {
        return messages.get(number - 1);
    }

    long size(int number) {
        return messages.get(number - 1).crlfSize();
    }

    /** The unique-id listing value (RFC 1939 §7): never changes for a message and is never reused. */
    String uniqueId(int number) {
        return mailbox.uidValidity() + "." + message(number).uid();
    }

    void delete(int number) {
        deleted[number - 1] = true;
    }

    void undeleteAll() {
        java.util.Arrays.fill(deleted, false);
    }

    int visibleCount() {
        int count = 0;
        for (boolean gone : deleted) {
            if (!gone) {
                count++;
            }
        }
        return count;
    }

    long visibleSize() {
        long total = 0;
        for (int number = 1; number <= messages.size(); number++) {
            if (!deleted[number - 1]) {
                total += size(number);
            }
        }
        return total;
    }

    /** The messages marked for deletion, for the UPDATE state. */
    List<StoredMessage> markedForDeletion() {
        java.util.ArrayList<StoredMessage> marked = new java.util.ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (deleted[i]) {
                marked.add(messages.get(i));
            }
        }
        return marked;
    }
}
