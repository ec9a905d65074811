package dev.fakemail.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * The machine's ceiling: a trivial SMTP sink that answers just enough SMTP for the generator (fixed replies,
 * DATA read to CR LF . CR LF and dropped, nothing parsed, nothing stored), with the same threading and
 * flushing shape as fakemail on JDK 17 (a pooled platform thread per connection, replies flushed only before a
 * blocking read). Loading it back-to-back with fakemail shows what the client, the kernel and this machine allow
 * right now, which matters on a shared, noisy machine.
 */
final class SinkServer extends SinkListener {
    private static final byte[] GREETING = BenchMessages.ascii("220 sink ESMTP\r\n");
    private static final byte[] EHLO = BenchMessages.ascii("250-sink\r\n250-PIPELINING\r\n250 8BITMIME\r\n");
    private static final byte[] OK = BenchMessages.ascii("250 2.0.0 Ok\r\n");
    private static final byte[] GO_AHEAD = BenchMessages.ascii("354 go ahead\r\n");
    private static final byte[] BYE = BenchMessages.ascii("221 2.0.0 Bye\r\n");

    /** Octets kept in front of each read, so an end of data split across reads is still recognized. */
    private static final int KEPT = 4;

    private final LongAdder accepted = new LongAdder();
    /** The last messages kept, oldest overwritten first; null for the plain sink, which keeps nothing. */
    private final byte[][] kept;
    private long keptCount;

    SinkServer() throws IOException {
        this(0);
    }

    /**
     * With {@code keep > 0} the sink is the ceiling of a server that stores mail: each message's data is copied
     * into an array of its own and the last {@code keep} of them are held (a ring under one lock), as fakemail's
     * default count limit holds its last 5,000. Nothing is parsed or indexed. Set beside the plain sink, it says
     * what keeping the bytes alone costs on this machine (allocation, copying, memory traffic, the collector).
     */
    SinkServer(int keep) throws IOException {
        super(keep > 0 ? "keeping sink" : "sink", 256, platformThreads("sink-session"));
        this.kept = keep > 0 ? new byte[keep][] : null;
        startAccepting();
    }

    /** Messages acknowledged with 250 after their data. */
    long received() {
        return accepted.sum();
    }

    /** The data of the newest message kept (up to and including its CR LF . CR LF), or null. */
    synchronized byte[] newestKept() {
        return kept == null || keptCount == 0 ? null : kept[(int) ((keptCount - 1) % kept.length)];
    }

    private synchronized void keep(byte[] message) {
        kept[(int) (keptCount++ % kept.length)] = message;
    }

    @Override
    void serve(Socket socket) throws IOException {
        new Session(socket.getInputStream(), socket.getOutputStream()).run();
    }

    private final class Session {
        private final InputStream in;
        private final OutputStream out;
        private final byte[] buffer = new byte[16 * 1024];
        private final byte[] line = new byte[1024];
        private int position = KEPT;
        private int limit = KEPT;
        /** The data of the message being read, when messages are kept. */
        private byte[] data = new byte[16 * 1024];
        private int dataLength;

        Session(InputStream in, OutputStream out) {
            this.in = in;
            this.out = new BufferedOutputStream(out, 16 * 1024);
        }

        void run() throws IOException {
            out.write(GREETING);
            while (true) {
                int length = readLine();
                if (length < 0) {
                    return;
                }
                String verb = length >= 4 ? new String(line, 0, 4, StandardCharsets.US_ASCII) : "";
                switch (verb) {
                    case "EHLO" -> out.write(EHLO);
                    case "DATA" -> {
                        out.write(GO_AHEAD);
                        dataLength = 0;
                        if (!skipData()) {
                            return;
                        }
                        if (kept != null) {
                            keep(Arrays.copyOf(data, dataLength));
                        }
                        accepted.increment();
                        out.write(OK);
                    }
                    case "QUIT" -> {
                        out.write(BYE);
                        out.flush();
                        return;
                    }
                    default -> out.write(OK);
                }
            }
        }

        /**
         * Reads to CR LF . CR LF, keeping nothing: a tight scan for LF, then a look at the four octets before
         * it (always in the buffer: {@link #fill} keeps the last four octets in front of new data, and the
         * DATA command's own CR LF precedes the first data octet).
         */
        private boolean skipData() throws IOException {
            while (true) {
                if (position == limit && !fill()) {
                    return false;
                }
                byte[] octets = buffer;
                int end = limit;
                for (int i = position; i < end; i++) {
                    if (octets[i] == '\n' && octets[i - 1] == '\r' && octets[i - 2] == '.' && octets[i - 3] == '\n'
                            && octets[i - 4] == '\r') {
                        copyData(position, i + 1);
                        position = i + 1;
                        return true;
                    }
                }
                copyData(position, end);
                position = end;
            }
        }

        /** When messages are kept: appends the buffer's octets [from, to) to the message's data. */
        private void copyData(int from, int to) {
            if (kept == null) {
                return;
            }
            int length = to - from;
            if (dataLength + length > data.length) {
                data = Arrays.copyOf(data, Math.max(2 * data.length, dataLength + length));
            }
            System.arraycopy(buffer, from, data, dataLength, length);
            dataLength += length;
        }

        private int readLine() throws IOException {
            int length = 0;
            while (true) {
                if (position == limit && !fill()) {
                    return -1;
                }
                byte b = buffer[position++];
                if (b == '\n') {
                    return length > 0 && line[length - 1] == '\r' ? length - 1 : length;
                }
                if (length < line.length) {
                    line[length++] = b;
                }
            }
        }

        private boolean fill() throws IOException {
            out.flush(); // like fakemail: answer everything pipelined so far before blocking
            System.arraycopy(buffer, limit - KEPT, buffer, 0, KEPT);
            int read = in.read(buffer, KEPT, buffer.length - KEPT);
            if (read < 0) {
                return false;
            }
            position = KEPT;
            limit = KEPT + read;
            return true;
        }
    }
}
