package dev.fakemail.store;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * A message in a mailbox: its UID, flags and MODSEQ (RFC 7162), its internal date with the zone offset it was
 * given, around bytes shared with the received-message log and with every copy. An immutable value: a flag
 * change replaces it in its mailbox with a new value and a new MODSEQ.
 */
public final class StoredMessage {
    static {
        dev.fakemail.internal.store.StoredBytes.register(message -> message.raw);
    }

    private final long uid;
    private final long modSeq;
    private final Set<String> flags;
    /**
     * The internal date as epoch milliseconds and zone offset, not an OffsetDateTime: that is four objects
     * (about 96 bytes) per stored message, a twentieth of a 2 KB message's heap.
     */
    private final long internalMillis;
    private final int offsetSeconds;
    private final byte[] raw;
    /**
     * Size with CR LF line ends, computed on first use; racy but idempotent. -1 until known. An int (a Java
     * array holds under 2 GiB, and a message is far smaller) keeps the object at 48 bytes.
     */
    private int crlfSize = -1;

    /**
     * For the store and its tests. The array is kept as given, never copied: the caller must not modify it.
     */
    public StoredMessage(long uid, long modSeq, Set<String> flags, OffsetDateTime internalDate, byte[] raw) {
        this(uid, modSeq, Set.copyOf(flags), internalDate.toInstant().toEpochMilli(),
                internalDate.getOffset().getTotalSeconds(), raw);
    }

    private StoredMessage(long uid, long modSeq, Set<String> flags, long internalMillis, int offsetSeconds,
            byte[] raw) {
        this.uid = uid;
        this.modSeq = modSeq;
        this.flags = flags;
        this.internalMillis = internalMillis;
        this.offsetSeconds = offsetSeconds;
        this.raw = raw;
    }

    /**
     * A delivery of a received message: the same array, not copied; its internal date is {@code internalMillis}
     * at a zone offset of {@code offsetSeconds}.
     */
    public static StoredMessage delivered(ReceivedMessage from, long uid, long modSeq, long internalMillis,
            int offsetSeconds) {
        return new StoredMessage(uid, modSeq, Set.of(), internalMillis, offsetSeconds, from.sharedBytes());
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

    /** When the message arrived (delivery) or the date APPEND gave, with its zone offset (to the millisecond). */
    public OffsetDateTime internalDate() {
        // Not OffsetDateTime.ofInstant: it asks the offset for its rules, which JDK 17 builds afresh on every call.
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(offsetSeconds);
        return OffsetDateTime.of(LocalDateTime.ofEpochSecond(Math.floorDiv(internalMillis, 1000),
                (int) Math.floorMod(internalMillis, 1000) * 1_000_000, offset), offset);
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

    /** The decoded Subject header, or "" when there is none (read from the bytes each time, not kept). */
    public String subject() {
        return header("Subject").orElse("");
    }

    /** The first header field of that name, decoded (RFC 2047) and unfolded; read from the bytes each time. */
    public java.util.Optional<String> header(String name) {
        String value = dev.fakemail.internal.imap.mime.HeaderIndex.parse(raw, 0, raw.length).value(name);
        return java.util.Optional.ofNullable(value)
                .map(v -> dev.fakemail.internal.imap.mime.SearchText.decodeHeaderValue(v).replaceAll("\\s+", " ")
                        .strip());
    }

    /** True if this is a delivery of that received message (the same array, not merely equal bytes). */
    public boolean isDeliveryOf(ReceivedMessage message) {
        return raw == message.sharedBytes();
    }

    /** The same message with other flags and a new MODSEQ. */
    public StoredMessage withFlags(Set<String> newFlags, long newModSeq) {
        StoredMessage changed = new StoredMessage(uid, newModSeq, Set.copyOf(newFlags), internalMillis, offsetSeconds,
                raw);
        changed.crlfSize = crlfSize;
        return changed;
    }

    /** A copy for another mailbox (COPY, MOVE): new UID and MODSEQ, same flags, date and array. */
    public StoredMessage copyAs(long newUid, long newModSeq) {
        StoredMessage copy = new StoredMessage(newUid, newModSeq, flags, internalMillis, offsetSeconds, raw);
        copy.crlfSize = crlfSize;
        return copy;
    }

    @Override
    public String toString() {
        return "UID " + uid + " MODSEQ " + modSeq + " " + flags + " (" + raw.length + " octets)";
    }
}
