package dev.fakemail.internal.fault;

import dev.fakemail.fault.Sleeper;
import dev.fakemail.internal.net.BlockInputStream;
import java.io.IOException;
import java.io.InputStream;

/** The client's bytes as the server reads them under a bandwidth limit (the server reads slowly). */
public final class ShapedInputStream extends BlockInputStream {
    private final InputStream in;
    private final Pacer pacer;

    public ShapedInputStream(InputStream in, Shaping shaping, Sleeper sleeper) {
        this.in = in;
        this.pacer = new Pacer(shaping, sleeper);
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = in.read(buffer, offset, pacer.pieceSize(length));
        if (read > 0) {
            pacer.moved(read);
        }
        return read;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
