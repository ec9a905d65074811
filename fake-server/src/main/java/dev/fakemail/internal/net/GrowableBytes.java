package dev.fakemail.internal.net;

import java.util.Arrays;

/** A reusable byte accumulator for message data: one per session, reset per message. */
public final class GrowableBytes {
    private static final int SHRINK_ABOVE = 1 << 20;
    private byte[] bytes = new byte[8 * 1024];
    private int length;

    public void write(byte[] source, int offset, int count) {
        if (length + count > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
        }
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
    }

    public void write(byte[] source) {
        write(source, 0, source.length);
    }

    /** Appends this buffer's content to another (BDAT chunks gathered into one message). */
    public void copyTo(GrowableBytes target) {
        target.write(bytes, 0, length);
    }

    /** The backing array, valid up to {@link #length()} until the next write; for readers, never to modify. */
    public byte[] array() {
        return bytes;
    }

    public int length() {
        return length;
    }

    /** Copies the content behind {@code prefix} into one exact-size array: the only copy a message gets. */
    public byte[] toArrayWithPrefix(byte[] prefix) {
        byte[] result = new byte[prefix.length + length];
        System.arraycopy(prefix, 0, result, 0, prefix.length);
        System.arraycopy(bytes, 0, result, prefix.length, length);
        return result;
    }

    /** Empties the buffer; a buffer grown for one huge message is released rather than kept per session. */
    public void reset() {
        length = 0;
        if (bytes.length > SHRINK_ABOVE) {
            bytes = new byte[8 * 1024];
        }
    }
}
