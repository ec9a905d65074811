package dev.fakemail.store;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Set;

/**
 * A message in a mailbox: its UID, flags and MODSEQ (RFC 7162) around bytes shared with the received-message
 * log. Immutable: a flag change replaces the value in its mailbox and raises the MODSEQ.
 */
public final class StoredMessage {
    private final long uid;
    private final long modSeq;
    private final Set<String> flags;
    private final long internalDateMillis;
    private final byte[] raw;
    /**
     * Size with CR LF line ends, computed on first use; racy but idempotent. -1 until known. An int (a Java
     * array holds under 2 GiB, and a message is far smaller) keeps the object at 48 bytes.
     */
    private int crlfSize = -1;

    StoredMessage(long uid, long modSeq, Set<String> flags, long internalDateMillis, byte[] raw) {
        this.uid = uid;
        this.modSeq = modSeq;
        this.flags = Set.copyOf(flags);
        this.internalDateMillis = internalDateMillis;
        this.raw = raw;
    }

    public long uid() {
        return uid;
    }

    public long modSeq() {
        return modSeq;
    }

    /** System flags ("\\Seen", "\\Deleted", ...) and keywords. */
    public Set<String> flags() {
        return flags;
    }

    public Instant internalDate() {
        return Instant.ofEpochMilli(internalDateMillis);
    }

    public int size() {
        return raw.length;
    }

    /**
     * The size in octets with every line ended by CR LF (a bare LF counted as CR LF, a last line without line
     * end completed): what POP3 and IMAP report and send. Equal to {@link #size()} for SMTP-delivered mail
     * that follows RFC 5321. Computed once per message, not per session.
     */
    public long crlfSize() {
        long size = crlfSize;
        if (size < 0) {
            size = raw.length;
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == '\n' && (i == 0 || raw[i - 1] != '\r')) {
                    size++;
                }
            }
            if (raw.length > 0 && raw[raw.length - 1] != '\n') {
                size += 2;
            }
            crlfSize = (int) Math.min(Integer.MAX_VALUE, size);
        }
        return size;
    }

    public byte[] bytes() {
        return raw.clone();
    }

    public InputStream openStream() {
        return new ByteArrayInputStream(raw);
    }

    /** The stored bytes, read-only and uncopied (for the server's readers: POP3 RETR, IMAP FETCH). */
    public ByteBuffer content() {
        return ByteBuffer.wrap(raw).asReadOnlyBuffer();
    }

    boolean holds(byte[] array) {
        return raw == array;
    }

    StoredMessage withFlags(Set<String> newFlags, long newModSeq) {
        StoredMessage changed = new StoredMessage(uid, newModSeq, newFlags, internalDateMillis, raw);
        changed.crlfSize = crlfSize;
        return changed;
    }
}
