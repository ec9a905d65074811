package dev.fakemail.internal.session;

import dev.fakemail.internal.net.BlockOutputStream;
import dev.fakemail.internal.net.InMemoryTransport;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A transport over memory that keeps only a digest, a count and the largest single write of what the server
 * sends, so a 20 MB answer costs the test no 20 MB array, and the sizes of the writes stay visible.
 */
final class RecordingTransport extends InMemoryTransport {
    private final byte[] input;
    private final MessageDigest digest;
    private long written;
    private int largestWrite;
    private int writes;

    RecordingTransport(byte[] input) {
        this.input = input;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    long written() {
        return written;
    }

    int largestWrite() {
        return largestWrite;
    }

    int writes() {
        return writes;
    }

    byte[] digest() {
        return digest.digest();
    }

    @Override
    public InputStream input() {
        return new ByteArrayInputStream(input);
    }

    @Override
    public OutputStream output() {
        return new BlockOutputStream() {
            @Override
            public void write(byte[] bytes, int offset, int length) {
                digest.update(bytes, offset, length);
                written += length;
                writes++;
                largestWrite = Math.max(largestWrite, length);
            }
        };
    }
}
