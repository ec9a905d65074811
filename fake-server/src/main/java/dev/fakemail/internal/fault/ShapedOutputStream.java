package dev.fakemail.internal.fault;

import dev.fakemail.fault.Sleeper;
import dev.fakemail.internal.net.BlockOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** The server's writes under the connection's {@link Shaping}: paced, sliced, cut off. */
public final class ShapedOutputStream extends BlockOutputStream {
    private final OutputStream out;
    private final Shaping shaping;
    private final Sleeper sleeper;
    private final Pacer pacer;
    private final Runnable cutOff;

    /** {@code cutOff} closes the connection once the byte allowance is used up. */
    public ShapedOutputStream(OutputStream out, Shaping shaping, Sleeper sleeper, Runnable cutOff) {
        this.out = out;
        this.shaping = shaping;
        this.sleeper = sleeper;
        this.pacer = new Pacer(shaping, sleeper);
        this.cutOff = cutOff;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        int position = offset;
        int end = offset + length;
        boolean first = true;
        while (position < end) {
            int piece = pacer.pieceSize(end - position);
            Shaping.Slicing slicing = shaping.slicing();
            if (slicing.bytes() > 0) {
                piece = Math.min(piece, slicing.bytes());
                if (!first) {
                    Pacer.pause(sleeper, slicing.pauseMillis());
                }
            }
            int allowed = (int) shaping.allow(piece);
            if (allowed > 0) {
                out.write(bytes, position, allowed);
                out.flush(); // each piece is its own segment: that is what slicing and pacing are for
                position += allowed;
            }
            if (allowed < piece || shaping.exhausted()) {
                cutOff.run(); // the allowance is used up: close now, not at the next write
                throw new IOException("connection cut by a fault rule after its byte allowance");
            }
            pacer.moved(allowed);
            first = false;
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
