package dev.fakemail.bench.soak;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What every soak client sent and what it was told, by token, and the violations found when the server's copy
 * is compared with it. The clients write their own entries; the checker reads them.
 */
final class Ledger {
    /** What the sender knows about a message. */
    enum Fate {
        /** The whole message went out; the reply has not been read yet. */
        SENT,
        /** 250 after DATA, OK after APPEND: the server must keep it until someone deletes it. */
        ACKNOWLEDGED,
        /** A negative reply: the server must not have it. */
        REFUSED,
        /** The connection ended before a reply: either way is right. */
        NO_REPLY,
        /** The client vanished mid-message: the server must not have it. */
        ABORTED,
        /** Its sender expunged it (tagged OK): the server must not have it any more. */
        DELETED,
        /** Its sender tried to expunge it but lost the connection first: either way is right. */
        MAYBE_DELETED
    }

    enum Count {
        SMTP_SESSIONS, SMTP_ACKNOWLEDGED, SMTP_REFUSED, SMTP_NO_REPLY, SMTP_ABORTED, SMTP_GREETING_REFUSED,
        POP3_SESSIONS, POP3_RETR_VERIFIED, POP3_DELETED, POP3_ERR,
        IMAP_SESSIONS, IMAP_APPEND_ACKNOWLEDGED, IMAP_APPEND_REFUSED, IMAP_APPEND_NO_REPLY, IMAP_FETCH_VERIFIED,
        IMAP_EXPUNGES, IMAP_IDLES, IMAP_NO,
        CONNECTIONS_ENDED_EARLY, WEB_READS, STORED_VERIFIED, STORED_WITHOUT_REPLY
    }

    static final class Entry {
        final String token;
        final byte[] bodyHash;
        final String user;
        final String mailbox;
        volatile Fate fate = Fate.SENT;
        volatile boolean seenStored;

        Entry(String token, byte[] bodyHash, String user, String mailbox) {
            this.token = token;
            this.bodyHash = bodyHash;
            this.user = user;
            this.mailbox = mailbox;
        }
    }

    private static final int KEPT_VIOLATIONS = 40;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<Count, LongAdder> counts = new EnumMap<>(Count.class);
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong violationCount = new AtomicLong();
    private final AtomicLong slowestWebReadNanos = new AtomicLong();

    Ledger() {
        for (Count count : Count.values()) {
            counts.put(count, new LongAdder());
        }
    }

    Entry sent(SoakMail mail, String user, String mailbox) {
        Entry entry = new Entry(mail.token, mail.bodyHash, user, mailbox);
        entries.put(mail.token, entry);
        return entry;
    }

    Entry entry(String token) {
        return token == null ? null : entries.get(token);
    }

    Iterable<Entry> entries() {
        return entries.values();
    }

    /** Drops the per-message entries once every check is done (counts and violations stay). */
    void forgetEntries() {
        entries.clear();
    }

    void webReadTook(long nanos) {
        slowestWebReadNanos.accumulateAndGet(nanos, Math::max);
    }

    long slowestWebReadMillis() {
        return slowestWebReadNanos.get() / 1_000_000;
    }

    void add(Count count) {
        counts.get(count).increment();
    }

    long count(Count count) {
        return counts.get(count).sum();
    }

    void violation(String what) {
        if (violationCount.incrementAndGet() <= KEPT_VIOLATIONS) {
            violations.add(what);
        }
    }

    long violationCount() {
        return violationCount.get();
    }

    List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    /**
     * Checks a copy of a message read back from the server (log, RETR, FETCH): it must be one we sent, not one
     * the server was told to forget, and its body must be the octets we sent.
     *
     * @return whether it was one of ours and intact
     */
    boolean checkCopy(byte[] copy, String where) {
        String token = SoakMail.tokenOf(copy);
        Entry entry = entry(token);
        if (entry == null) {
            violation(where + ": a message the soak never sent (token " + token + ")");
            return false;
        }
        if (entry.fate == Fate.ABORTED) {
            violation(where + ": " + token + " was aborted mid-message by its client, yet it is stored");
            return false;
        }
        if (!Arrays.equals(entry.bodyHash, SoakMail.bodyHashOf(copy))) {
            violation(where + ": " + token + " differs from what was sent (body hash)");
            return false;
        }
        return true;
    }
}
