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
    private final Output output = new Output();
    private final Input input = new Input();

    /** The server's output, compressed onto {@code wire} (which replaces any earlier one). */
    public OutputStream compressingTo(OutputStream wire) {
        output.target = wire;
        return output;
    }

    /** The client's input, decompressed from {@code wire} (which replaces any earlier one; nothing is lost). */
    public InputStream decompressingFrom(InputStream wire) {
        input.source = wire;
        return input;
    }

    private static final class Output extends BlockOutputStream {
        private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        private final byte[] buffer = new byte[8192];
        private OutputStream target;

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            deflater.setInput(bytes, offset, length);
            while (!deflater.needsInput()) {
                int compressed = deflater.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH);
                if (compressed > 0) {
                    target.write(buffer, 0, compressed);
                }
            }
        }

        /** A sync flush: everything written so far can be decompressed by the client now. */
        @Override
        public void flush() throws IOException {
            int compressed;
            do {
                compressed = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                target.write(buffer, 0, compressed);
            } while (compressed == buffer.length);
            target.flush();
        }

        @Override
        public void close() throws IOException {
            deflater.end();
            target.close();
        }
    }

    private static final class Input extends BlockInputStream {
        private final Inflater inflater = new Inflater(true);
        private final byte[] buffer = new byte[8192];
        private InputStream source;

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
                    int read = source.read(buffer, 0, buffer.length);
                    if (read < 0) {
                        return -1;
                    }
                    inflater.setInput(buffer, 0, read);
                }
            } catch (DataFormatException e) {
                throw new IOException("the client's compressed data is not DEFLATE: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws IOException {
            inflater.end();
            source.close();
        }
    }
}
