package dev.fakemail.internal.net;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/** A transport over memory: the client's bytes arrive in the given pieces, one piece per read. */
public final class MemoryTransport extends InMemoryTransport {
    private final Deque<byte[]> pieces;
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();

    public MemoryTransport(List<byte[]> pieces) {
        this.pieces = new ArrayDeque<>(pieces);
    }

    /** The input split in two at {@code offset}. */
    public static MemoryTransport splitAt(byte[] input, int offset) {
        return new MemoryTransport(List.of(Arrays.copyOfRange(input, 0, offset),
                Arrays.copyOfRange(input, offset, input.length)));
    }

    /** The input arriving in pieces of {@code size} bytes. */
    public static MemoryTransport inPiecesOf(byte[] input, int size) {
        Deque<byte[]> pieces = new ArrayDeque<>();
        for (int i = 0; i < input.length; i += size) {
            pieces.add(Arrays.copyOfRange(input, i, Math.min(input.length, i + size)));
        }
        return new MemoryTransport(List.copyOf(pieces));
    }

    public byte[] written() {
        return written.toByteArray();
    }

    @Override
    public InputStream input() {
        return new BlockInputStream() {
            @Override
            public int read(byte[] target, int offset, int length) {
                while (!pieces.isEmpty() && pieces.peekFirst().length == 0) {
                    pieces.removeFirst();
                }
                if (pieces.isEmpty()) {
                    return -1;
                }
                byte[] piece = pieces.removeFirst();
                int count = Math.min(length, piece.length);
                System.arraycopy(piece, 0, target, offset, count);
                if (count < piece.length) {
                    pieces.addFirst(Arrays.copyOfRange(piece, count, piece.length));
                }
                return count;
            }
        };
    }

    @Override
    public OutputStream output() {
        return written;
    }
}
