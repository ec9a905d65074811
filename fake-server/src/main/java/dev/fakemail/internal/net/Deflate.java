package dev.fakemail.internal.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * One connection's COMPRESS=DEFLATE (RFC 4978): raw DEFLATE (RFC 1951, no zlib header) in both directions,
 * each flush of the server's output ending in a sync flush so the client can read every response at once.
 * The compressor and decompressor keep their state for the life of the connection while the streams below
 * them may be replaced (fault shaping starting later): faults then act on the compressed octets, as a network
 * would.
 */
public final class Deflate {
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final byte[] deflated = new byte[8192];
    private final Inflater inflater = new Inflater(true);
    /** What the inflater reads from: it keeps the part it has not inflated yet across a change of stream. */
    private final byte[] received = new byte[8192];

    /** The server's output, compressed onto {@code wire} (which replaces any earlier one). */
    public OutputStream compressingTo(OutputStream wire) {
        return new BlockOutputStream() {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                deflater.setInput(bytes, offset, length);
                while (!deflater.needsInput()) {
                    int compressed = deflater.deflate(deflated, 0, deflated.length, Deflater.NO_FLUSH);
                    if (compressed > 0) {
                        wire.write(deflated, 0, compressed);
                    }
                }
            }

            /** A sync flush: everything written so far can be decompressed by the client now. */
            @Override
            public void flush() throws IOException {
                int compressed;
                do {
                    compressed = deflater.deflate(deflated, 0, deflated.length, Deflater.SYNC_FLUSH);
                    wire.write(deflated, 0, compressed);
                } while (compressed == deflated.length);
                wire.flush();
            }

            @Override
            public void close() throws IOException {
                deflater.end();
                wire.close();
            }
        };
    }

    /** The client's input, decompressed from {@code wire} (which replaces any earlier one; nothing is lost). */
    public InputStream decompressingFrom(InputStream wire) {
        return new BlockInputStream() {
            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                try {
                    while (true) {
                        int inflated = inflater.inflate(bytes, offset, length);
                        if (inflated > 0) {
                            return inflated;
                        }
                        if (inflater.finished() || inflater.needsDictionary()) {
                            return -1; // the client ended its compressed stream: nothing more can follow
                        }
                        int read = wire.read(received, 0, received.length);
                        if (read < 0) {
                            return -1;
                        }
                        inflater.setInput(received, 0, read);
                    }
                } catch (DataFormatException e) {
                    throw new IOException("the client's compressed data is not DEFLATE: " + e.getMessage(), e);
                }
            }

            @Override
            public void close() throws IOException {
                inflater.end();
                wire.close();
            }
        };
    }
}
