package dev.fakemail.bench;

import dev.fakemail.testsupport.DotStuffing;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The POP3 ceiling of the machine: a trivial server for exactly the benchmark's session, with every response
 * built once in advance (each RETR already byte-stuffed and terminated), nothing parsed beyond the first
 * letter of the command and RETR's number, no store, no transcript. Like {@link SinkServer} it has fakemail's
 * JDK 17 shape: a pooled platform thread per connection, replies buffered and flushed only before a blocking
 * read. Running the same sessions against it shows how much of a RETR round trip is fakemail and how much is
 * the client, the kernel and the threads. On JDK 21+ it can serve from a virtual thread per connection
 * instead, fakemail's shape there, which separates the cost of virtual threads from the cost of fakemail.
 */
final class Pop3SinkServer extends SinkListener {
    private static final byte[] GREETING = BenchMessages.ascii("+OK pop3 sink ready\r\n");
    private static final byte[] OK = BenchMessages.ascii("+OK\r\n");
    private static final byte[] BYE = BenchMessages.ascii("+OK bye\r\n");
    private static final byte[] ERR = BenchMessages.ascii("-ERR sink knows only the benchmark's commands\r\n");

    private final byte[][] retr;
    private final byte[] stat;
    private final byte[] list;
    private final byte[] uidl;

    /**
     * Serves {@link Pop3Section#message}s 1..count of {@code size} octets, on pooled platform threads or, with
     * {@code virtualThreads} (JDK 21+ only), on a virtual thread per connection.
     */
    Pop3SinkServer(int count, int size, boolean virtualThreads) throws IOException {
        super("pop3-sink", 16, virtualThreads ? virtualThreadPerTask() : platformThreads("pop3-sink-session"));
        retr = new byte[count][];
        ByteArrayOutputStream listing = new ByteArrayOutputStream();
        ByteArrayOutputStream ids = new ByteArrayOutputStream();
        listing.writeBytes(OK);
        ids.writeBytes(OK);
        for (int number = 1; number <= count; number++) {
            retr[number - 1] = retrResponse(Pop3Section.message(number, size));
            listing.writeBytes(BenchMessages.ascii(number + " " + size + "\r\n"));
            ids.writeBytes(BenchMessages.ascii(number + " sink-" + number + "\r\n"));
        }
        listing.writeBytes(BenchMessages.ascii(".\r\n"));
        ids.writeBytes(BenchMessages.ascii(".\r\n"));
        list = listing.toByteArray();
        uidl = ids.toByteArray();
        stat = BenchMessages.ascii("+OK " + count + " " + (long) count * size + "\r\n");
        startAccepting();
    }

    /** Executors.newVirtualThreadPerTaskExecutor(), found reflectively since the benchmark compiles for 17. */
    static ExecutorService virtualThreadPerTask() {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new UnsupportedOperationException("virtual threads need JDK 21 or later", e);
        }
    }

    /** "+OK n octets", the message with CR LF line ends byte-stuffed, ".\r\n". */
    private static byte[] retrResponse(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 64);
        out.writeBytes(BenchMessages.ascii("+OK " + message.length + " octets\r\n"));
        out.writeBytes(DotStuffing.stuffed(message));
        out.writeBytes(BenchMessages.ascii(".\r\n"));
        return out.toByteArray();
    }

    @Override
    void serve(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        byte[] buffer = new byte[16 * 1024];
        byte[] line = new byte[64];
        int position = 0;
        int limit = 0;
        out.write(GREETING);
        while (true) {
            int length = 0;
            while (true) {
                if (position == limit) {
                    out.flush(); // only before blocking: pipelined commands get one write
                    limit = in.read(buffer, 0, buffer.length);
                    position = 0;
                    if (limit < 0) {
                        return;
                    }
                }
                byte b = buffer[position++];
                if (b == '\n') {
                    break;
                }
                if (b != '\r' && length < line.length) {
                    line[length++] = b;
                }
            }
            byte verb = length >= 4 ? line[0] : 0;
            if (verb == 'R') {
                int number = 0;
                for (int i = 5; i < length; i++) {
                    number = number * 10 + (line[i] - '0');
                }
                out.write(number >= 1 && number <= retr.length ? retr[number - 1] : ERR);
            } else if (verb == 'S') {
                out.write(stat);
            } else if (verb == 'L') {
                out.write(list);
            } else if (verb == 'U' && line[1] == 'I') {
                out.write(uidl);
            } else if (verb == 'U' || verb == 'P') {
                out.write(OK);
            } else if (verb == 'Q') {
                out.write(BYE);
                out.flush();
                return;
            } else {
                out.write(ERR);
            }
        }
    }
}
