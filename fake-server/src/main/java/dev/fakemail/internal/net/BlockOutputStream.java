package dev.fakemail.internal.net;

import java.io.IOException;
import java.io.OutputStream;

/** An output stream that does its work in {@link #write(byte[], int, int)}; a single-byte write is a write of one. */
public abstract class BlockOutputStream extends OutputStream {
    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public abstract void write(byte[] bytes, int offset, int length) throws IOException;
}
