package dev.fakemail.internal.session;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * The output of a streamed {@link Reply}, written when the loop sends it, on the thread that sends it, under
 * the connection's output lock. The stream is buffered and carries the connection's byte faults (throttle,
 * slicing, cut-off), so a body writes stored bytes straight through and never builds the whole answer.
 */
@FunctionalInterface
public interface ReplyBody {
    /**
     * Writes the output to {@code out} (never closes or needs to flush it) and gives {@code transcript} one
     * summary line per response ("* 1 FETCH (BODY[] {2048})"), never content.
     */
    void writeTo(OutputStream out, Consumer<String> transcript) throws IOException;

    /** Copies stored bytes ({@code StoredMessage.content()}) to {@code out} without copying them whole. */
    static void copy(ByteBuffer content, OutputStream out) throws IOException {
        ByteBuffer source = content.duplicate();
        if (source.hasArray()) {
            out.write(source.array(), source.arrayOffset() + source.position(), source.remaining());
            return;
        }
        byte[] chunk = new byte[Math.min(8192, Math.max(1, source.remaining()))];
        while (source.hasRemaining()) {
            int count = Math.min(chunk.length, source.remaining());
            source.get(chunk, 0, count);
            out.write(chunk, 0, count);
        }
    }
}
