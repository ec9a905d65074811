package dev.fakemail.internal.imap.mime;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The octets of a FETCH section: a slice of a byte array that is never copied. For most sections the
 * array is the message's stored bytes; for HEADER.FIELDS(.NOT) it is a small composed array.
 */
public final class SectionContent {
    private final byte[] source;
    private final int offset;
    private final int length;
    private final boolean composed;

    SectionContent(byte[] source, int offset, int length, boolean composed) {
        this.source = source;
        this.offset = offset;
        this.length = length;
        this.composed = composed;
    }

    /** The array the octets live in: the raw message itself unless {@link #isComposed()}. Do not modify. */
    public byte[] source() {
        return source;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    /** True for HEADER.FIELDS results, which are built rather than sliced from the raw bytes. */
    public boolean isComposed() {
        return composed;
    }

    /**
     * The partial {@code <origin.count>} of this section (RFC 3501 §6.4.5): octets from {@code origin},
     * at most {@code count} of them; empty when origin lies beyond the end.
     */
    public SectionContent partial(long origin, long count) {
        if (origin < 0 || count < 0) {
            throw new IllegalArgumentException("negative partial");
        }
        int start = (int) Math.min(origin, length);
        int len = (int) Math.min(count, length - start);
        return new SectionContent(source, offset + start, len, composed);
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(source, offset, length);
    }

    /** A copy of the octets, for tests and small sections. */
    public byte[] toByteArray() {
        return java.util.Arrays.copyOfRange(source, offset, offset + length);
    }
}
