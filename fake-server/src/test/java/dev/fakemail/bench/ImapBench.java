package dev.fakemail.bench;

import dev.fakemail.FakeMailServer;
import dev.fakemail.ServerConfig;
import dev.fakemail.store.Envelope;
import dev.fakemail.store.EnvelopeRecipient;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The IMAP benchmark: one INBOX of {@code --messages} messages of about {@code --size} octets, then the IMAP
 * issue's five commands, each timed from the first byte sent to the tagged reply read, median of
 * {@code --runs} after one warm-up. Three servers side by side in one run: fakemail in-process, a peer on
 * {@code --peer-port} (GreenMail standalone, filled by APPEND, see BENCHMARKS.md) and a trivial sink that answers
 * every command with the bytes fakemail sent (the wire and client ceiling).
 *
 * <pre>java -cp ... dev.fakemail.bench.ImapBench [--messages 10000] [--size 2048] [--runs 5] [--peer-port N]</pre>
 */
public final class ImapBench {
    static final String USER = "imap@bench.test";
    static final String[] COMMANDS = {"SELECT INBOX", "UID FETCH 1:* (FLAGS ENVELOPE)", "FETCH 1:* (BODY.PEEK[])",
        "SEARCH TEXT \"needle\"", "UID STORE 1:* +FLAGS (\\Seen)"};
    /** Undoes the STORE between runs, not timed. */
    static final String UNDO = "UID STORE 1:* -FLAGS (\\Seen)";

    private ImapBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int messages = Integer.parseInt(options.getOrDefault("messages", "10000"));
        int size = Integer.parseInt(options.getOrDefault("size", "2048"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "5"));
        Map<String, double[]> columns = new LinkedHashMap<>();
        Map<String, byte[]> replies;
        try (FakeMailServer server = FakeMailServer.builder().smtpPort(ServerConfig.OFF).pop3Port(ServerConfig.OFF)
                .build().start()) {
            long fill = System.nanoTime();
            for (int i = 1; i <= messages; i++) {
                Envelope envelope = new Envelope("bench@bench.test", Map.of(),
                        List.of(new EnvelopeRecipient(USER, Map.of())), "bench.test",
                        new InetSocketAddress("127.0.0.1", 1), null, null, "ESMTP");
                server.repository().deliver(envelope, message(i, size, i == messages / 2));
            }
            System.err.printf("[imap-bench] fakemail filled with %d messages in %.0f ms%n", messages,
                    (System.nanoTime() - fill) / 1e6);
            Measured fakemail = measure(server.imap().port(), runs);
            columns.put("fakemail", fakemail.medians);
            replies = fakemail.lastReplies;
        }
        String peerPort = options.get("peer-port");
        if (peerPort != null) {
            int port = Integer.parseInt(peerPort);
            fillByAppend(port, messages, size);
            columns.put("peer", measure(port, runs).medians);
        }
        try (ImapSink sink = new ImapSink(replies)) {
            columns.put("sink", measure(sink.port(), runs).medians);
        }
        report(columns, messages, size, runs);
    }

    private static void report(Map<String, double[]> columns, int messages, int size, int runs) {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "IMAP, %,d messages of about %,d octets in INBOX, median of %d runs"
                + " after one warm-up (ms)%n%n", messages, size, runs));
        table.append("| command |");
        columns.keySet().forEach(name -> table.append(' ').append(name).append(" |"));
        table.append("\n|---|");
        columns.keySet().forEach(name -> table.append("---:|"));
        table.append('\n');
        for (int c = 0; c < COMMANDS.length; c++) {
            table.append("| `").append(COMMANDS[c]).append("` |");
            for (double[] medians : columns.values()) {
                table.append(String.format(Locale.ROOT, " %.1f |", medians[c]));
            }
            table.append('\n');
        }
        System.out.print(table);
    }

    record Measured(double[] medians, Map<String, byte[]> lastReplies) {
    }

    private static Measured measure(int port, int runs) throws IOException {
        double[][] times = new double[COMMANDS.length][runs];
        Map<String, byte[]> replies = new LinkedHashMap<>();
        try (Client client = new Client(port)) {
            client.command("LOGIN " + USER + " secret");
            for (int run = -1; run < runs; run++) {
                for (int c = 0; c < COMMANDS.length; c++) {
                    long start = System.nanoTime();
                    byte[] reply = client.command(COMMANDS[c]);
                    double millis = (System.nanoTime() - start) / 1e6;
                    if (!new String(reply, Math.max(0, reply.length - 200), Math.min(200, reply.length),
                            StandardCharsets.ISO_8859_1).contains(" OK")) {
                        throw new IllegalStateException("not OK: " + COMMANDS[c]);
                    }
                    if (run >= 0) {
                        times[c][run] = millis;
                    }
                    replies.put(COMMANDS[c], reply);
                }
                client.command(UNDO);
            }
            client.command("LOGOUT");
        }
        double[] medians = new double[COMMANDS.length];
        for (int c = 0; c < COMMANDS.length; c++) {
            Arrays.sort(times[c]);
            medians[c] = times[c][runs / 2];
        }
        return new Measured(medians, replies);
    }

    private static void fillByAppend(int port, int messages, int size) throws IOException {
        long start = System.nanoTime();
        try (Client client = new Client(port)) {
            client.command("LOGIN " + USER + " secret");
            for (int i = 1; i <= messages; i++) {
                byte[] content = message(i, size, i == messages / 2);
                client.commandWithLiteral("APPEND INBOX", content);
            }
        }
        System.err.printf("[imap-bench] peer filled by APPEND in %.0f ms%n", (System.nanoTime() - start) / 1e6);
    }

    static byte[] message(int number, int size, boolean needle) {
        StringBuilder text = new StringBuilder()
                .append("From: Sender ").append(number).append(" <sender").append(number).append("@bench.test>\r\n")
                .append("To: ").append(USER).append("\r\nSubject: Benchmark message ").append(number)
                .append("\r\nDate: Fri, 4 Dec 2026 10:00:00 +0000\r\nMessage-ID: <").append(number)
                .append("@bench.test>\r\n\r\n");
        int line = 0;
        while (text.length() < size - 80) {
            text.append("Line ").append(line++).append(" of the body of a benchmark message, plain text.\r\n");
        }
        text.append(needle ? "the needle is here\r\n" : "nothing to find here\r\n");
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }

    /** A raw IMAP client reading whole responses in bulk up to the tagged line. */
    static final class Client implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final byte[] buffer = new byte[256 * 1024];
        private int tagNumber;

        Client(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(120_000);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            out = socket.getOutputStream();
            readUntil("\r\n".getBytes(StandardCharsets.US_ASCII), true); // the greeting
        }

        byte[] command(String command) throws IOException {
            String tag = "b" + (++tagNumber);
            out.write((tag + " " + command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readUntil(("\r\n" + tag + " ").getBytes(StandardCharsets.US_ASCII), false);
        }

        void commandWithLiteral(String command, byte[] literal) throws IOException {
            String tag = "b" + (++tagNumber);
            out.write((tag + " " + command + " {" + literal.length + "+}\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(literal);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            readUntil(("\r\n" + tag + " ").getBytes(StandardCharsets.US_ASCII), false);
        }

        /**
         * Reads until {@code marker} (a CR LF and the tag) and then to the end of that line. The marker is looked
         * for with a CR LF in front, so a response that is only the tagged line is read with one in front too.
         */
        private byte[] readUntil(byte[] marker, boolean greeting) throws IOException {
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            response.write('\r');
            response.write('\n');
            int matched = greeting ? 0 : 2; // the virtual CR LF in front matches the marker's start
            boolean inLastLine = greeting;
            while (true) {
                int n = in.read(buffer, 0, buffer.length);
                if (n < 0) {
                    throw new IOException("connection closed");
                }
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (inLastLine) {
                        if (b == '\n') {
                            response.write(buffer, 0, i + 1);
                            if (i + 1 < n) {
                                throw new IOException("unexpected bytes after the tagged reply");
                            }
                            return response.toByteArray();
                        }
                        continue;
                    }
                    if (b == marker[matched]) {
                        matched++;
                        if (matched == marker.length) {
                            inLastLine = true;
                        }
                    } else {
                        matched = b == '\r' ? 1 : 0;
                    }
                }
                response.write(buffer, 0, n);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** The ceiling: answers each command with the exact bytes fakemail sent for it (tags rewritten). */
    static final class ImapSink implements AutoCloseable {
        private final ServerSocket server;
        private final Thread thread;

        ImapSink(Map<String, byte[]> replies) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> serve(replies), "imap-sink");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve(Map<String, byte[]> replies) {
            try (Socket socket = server.accept()) {
                socket.setTcpNoDelay(true);
                InputStream in = new BufferedInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                out.write("* OK sink ready\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                List<Byte> line = new ArrayList<>();
                int c;
                while ((c = in.read()) >= 0) {
                    if (c != '\n') {
                        line.add((byte) c);
                        continue;
                    }
                    byte[] bytes = new byte[line.size()];
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = line.get(i);
                    }
                    line.clear();
                    String text = new String(bytes, StandardCharsets.US_ASCII).trim();
                    String tag = text.substring(0, text.indexOf(' '));
                    String command = text.substring(tag.length() + 1);
                    byte[] recorded = replies.get(command);
                    if (recorded == null) {
                        out.write((tag + " OK done\r\n").getBytes(StandardCharsets.US_ASCII));
                    } else {
                        // recorded replies start with a CR LF and end with "<tag> OK ...": keep the body as sent
                        int lastLine = recorded.length - 2;
                        while (lastLine > 0 && recorded[lastLine - 1] != '\n') {
                            lastLine--;
                        }
                        out.write(recorded, 2, lastLine - 2);
                        out.write((tag + " OK done\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                    if (command.equals("LOGOUT")) {
                        return;
                    }
                }
            } catch (IOException ignored) {
                // the benchmark is over
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
