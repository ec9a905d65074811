package dev.fakemail.bench;

import dev.fakemail.FakeMailServer;
import dev.fakemail.ServerConfig;
import dev.fakemail.store.Envelope;
import dev.fakemail.store.EnvelopeRecipient;
import dev.fakemail.web.WebInbox;
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
 * issue's five commands, each timed from the first byte sent to the tagged reply read, median of {@code --runs}
 * after {@code --warmup} untimed rounds (the JIT's warm-up; the very first, cold round is reported on its own),
 * and the time of {@code --appends} APPENDs of such messages (median of 3 rounds after one). Side by side in one
 * run: fakemail in-process, fakemail again while a second session idles on the same INBOX (it receives every
 * change as it happens) and the web inbox runs with a live page connected to its event stream, the peers named in {@code --peers} (GreenMail standalone, Dovecot; each
 * filled by APPEND, see BENCHMARKS.md) and a trivial sink that answers every command with the bytes fakemail sent (the ceiling of the
 * wire and of this client). Last, the IDLE push latency: SMTP deliveries to fakemail while an IMAP client idles,
 * from the final dot sent to {@code * n EXISTS} read, p50 and p99 of {@code --idle-samples}.
 *
 * <pre>java -cp ... dev.fakemail.bench.ImapBench [--messages 10000] [--size 2048] [--runs 5] [--warmup 60]
 *     [--appends 1000] [--idle-samples 200] [--peers "GreenMail 2.1.13=3143,Dovecot 2.3.19=4143"] [--peer-warmup 2]</pre>
 */
public final class ImapBench {
    static final String USER = "imap@bench.test";
    static final String[] COMMANDS = {"SELECT INBOX", "UID FETCH 1:* (FLAGS ENVELOPE)", "FETCH 1:* (BODY.PEEK[])",
        "SEARCH TEXT \"needle\"", "UID STORE 1:* +FLAGS (\\Seen)"};
    /** Undoes the STORE between runs, not timed. */
    static final String UNDO = "UID STORE 1:* -FLAGS (\\Seen)";
    private static final int APPEND_ROUNDS = 3;

    private ImapBench() {
    }

    /** What one server measured: a median per command (and the APPEND row last), the cold first round. */
    record Measured(double[] medians, double[] first, Map<String, byte[]> lastReplies) {
    }

    record Settings(int messages, int size, int runs, int warmup, int appends) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Settings settings = new Settings(Integer.parseInt(options.getOrDefault("messages", "10000")),
                Integer.parseInt(options.getOrDefault("size", "2048")),
                Integer.parseInt(options.getOrDefault("runs", "5")),
                Integer.parseInt(options.getOrDefault("warmup", "60")),
                Integer.parseInt(options.getOrDefault("appends", "1000")));
        int idleSamples = Integer.parseInt(options.getOrDefault("idle-samples", "200"));
        Map<String, double[]> columns = new LinkedHashMap<>();
        Map<String, byte[]> replies;
        double[] idleLatency;
        try (FakeMailServer server = FakeMailServer.builder().pop3Port(ServerConfig.OFF).build().start()) {
            long fill = System.nanoTime();
            for (int i = 1; i <= settings.messages(); i++) {
                Envelope envelope = new Envelope("bench@bench.test", Map.of(),
                        List.of(new EnvelopeRecipient(USER, Map.of())), "bench.test",
                        new InetSocketAddress("127.0.0.1", 1), null, null, "ESMTP");
                server.repository().deliver(envelope, message(i, settings.size(), i == settings.messages() / 2));
            }
            System.err.printf("[imap-bench] fakemail filled with %d messages in %.0f ms%n", settings.messages(),
                    (System.nanoTime() - fill) / 1e6);
            Measured fakemail = measure(server.imap().port(), settings);
            columns.put("fakemail, first (cold) round", fakemail.first());
            columns.put("fakemail", fakemail.medians());
            replies = fakemail.lastReplies();
            IdlingSession second = new IdlingSession(server.imap().port());
            LiveEvents events;
            try (second; WebInbox web = WebInbox.start(server); LiveEvents live = new LiveEvents(web.uri())) {
                events = live;
                columns.put("fakemail, a 2nd session idling, web inbox with a live page",
                        measure(server.imap().port(), settings).medians());
            }
            System.err.printf("[imap-bench] the idling session received %,d octets, the live page %,d%n",
                    second.received(), events.received());
            idleLatency = ImapIdleLatency.measure(server, idleSamples);
        }
        // the peers' JIT (GreenMail) or caches (Dovecot) settle in a couple of rounds; 30 of GreenMail's take minutes
        Settings peerSettings = new Settings(settings.messages(), settings.size(), settings.runs(),
                Integer.parseInt(options.getOrDefault("peer-warmup", "2")), settings.appends());
        for (Map.Entry<String, Integer> peer : peers(options).entrySet()) {
            fillByAppend(peer.getValue(), settings.messages(), settings.size());
            columns.put(peer.getKey(), measure(peer.getValue(), peerSettings).medians());
        }
        try (ImapSink sink = new ImapSink(replies)) {
            columns.put("sink", measure(sink.port(), settings).medians());
        }
        report(columns, settings);
        System.out.printf(Locale.ROOT, "%nIDLE push latency after an SMTP delivery, %d deliveries: p50 %.2f ms, "
                + "p99 %.2f ms%n", idleSamples, idleLatency[0], idleLatency[1]);
    }

    private static void report(Map<String, double[]> columns, Settings settings) {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "IMAP, %,d messages of about %,d octets in INBOX, median of %d runs"
                + " after %d warm-up rounds (ms)%n%n", settings.messages(), settings.size(), settings.runs(),
                settings.warmup()));
        table.append("| command |");
        columns.keySet().forEach(name -> table.append(' ').append(name).append(" |"));
        table.append("\n|---|");
        columns.keySet().forEach(name -> table.append("---:|"));
        table.append('\n');
        for (int c = 0; c <= COMMANDS.length; c++) {
            String name = c < COMMANDS.length ? "`" + COMMANDS[c] + "`"
                    : String.format(Locale.ROOT, "%,d × `APPEND` of %,d octets (one connection)", settings.appends(),
                            settings.size());
            table.append("| ").append(name).append(" |");
            for (double[] medians : columns.values()) {
                table.append(String.format(Locale.ROOT, " %.1f |", medians[c]));
            }
            table.append('\n');
        }
        System.out.print(table);
    }

    private static Measured measure(int port, Settings settings) throws IOException {
        int runs = settings.runs();
        double[][] times = new double[COMMANDS.length][runs];
        double[] first = new double[COMMANDS.length + 1];
        Map<String, byte[]> replies = new LinkedHashMap<>();
        try (ImapBenchClient client = new ImapBenchClient(port)) {
            client.command("LOGIN " + USER + " secret");
            for (int run = -settings.warmup() - 1; run < runs; run++) {
                for (int c = 0; c < COMMANDS.length; c++) {
                    long start = System.nanoTime();
                    client.send(COMMANDS[c]);
                    double millis = (System.nanoTime() - start) / 1e6;
                    if (!client.lastWasOk()) {
                        throw new IllegalStateException("not OK: " + COMMANDS[c]);
                    }
                    if (run == -settings.warmup() - 1) {
                        first[c] = millis;
                    }
                    if (run >= 0) {
                        times[c][run] = millis;
                    }
                    if (run == runs - 1) {
                        replies.put(COMMANDS[c], client.lastResponse());
                    }
                }
                client.command(UNDO);
            }
            double[] appendTimes = appends(client, settings);
            first[COMMANDS.length] = appendTimes[0];
            client.command("LOGOUT");
            double[] medians = new double[COMMANDS.length + 1];
            for (int c = 0; c < COMMANDS.length; c++) {
                Arrays.sort(times[c]);
                medians[c] = times[c][runs / 2];
            }
            double[] timed = Arrays.copyOfRange(appendTimes, 1, appendTimes.length);
            Arrays.sort(timed);
            medians[COMMANDS.length] = timed[timed.length / 2];
            return new Measured(medians, first, replies);
        }
    }

    /** Rounds of APPENDs into a mailbox of their own (emptied between rounds): the first is the warm-up. */
    private static double[] appends(ImapBenchClient client, Settings settings) throws IOException {
        double[] times = new double[APPEND_ROUNDS + 1];
        byte[][] contents = new byte[settings.appends()][];
        for (int i = 0; i < contents.length; i++) {
            contents[i] = message(i + 1, settings.size(), false);
        }
        for (int round = 0; round < times.length; round++) {
            client.command("CREATE Appended");
            long start = System.nanoTime();
            for (byte[] content : contents) {
                client.commandWithLiteral("APPEND Appended", content);
                if (!client.lastWasOk()) {
                    throw new IllegalStateException("APPEND refused");
                }
            }
            times[round] = (System.nanoTime() - start) / 1e6;
            client.command("DELETE Appended");
        }
        return times;
    }

    /** A browser's live connection to the web inbox ({@code /api/events}), read and dropped as it comes. */
    static final class LiveEvents implements AutoCloseable {
        private final java.net.HttpURLConnection connection;
        private final Thread reader;
        private final java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();

        LiveEvents(java.net.URI inbox) throws IOException {
            connection = (java.net.HttpURLConnection) inbox.resolve("/api/events").toURL().openConnection();
            connection.setRequestProperty("Accept", "text/event-stream");
            java.io.InputStream in = connection.getInputStream();
            reader = new Thread(() -> {
                byte[] buffer = new byte[64 * 1024];
                try {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        received.addAndGet(n);
                    }
                } catch (IOException closed) {
                    // the benchmark is over
                }
            }, "imap-bench-live-page");
            reader.setDaemon(true);
            reader.start();
        }

        long received() {
            return received.get();
        }

        @Override
        public void close() {
            connection.disconnect();
        }
    }

    /** A second client on the same INBOX, idling: every change the benchmark makes is pushed to it. */
    static final class IdlingSession implements AutoCloseable {
        private final ImapBenchClient client;
        private final Thread reader;
        private final java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();

        IdlingSession(int port) throws IOException {
            client = new ImapBenchClient(port);
            client.command("LOGIN " + USER + " secret");
            client.command("SELECT INBOX");
            client.startIdle();
            reader = new Thread(() -> received.addAndGet(client.drain()), "imap-bench-idler");
            reader.setDaemon(true);
            reader.start();
        }

        long received() {
            return received.get();
        }

        @Override
        public void close() throws IOException {
            client.close();
            try {
                reader.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void fillByAppend(int port, int messages, int size) throws IOException {
        long start = System.nanoTime();
        try (ImapBenchClient client = new ImapBenchClient(port)) {
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

    /** {@code --peers "GreenMail 2.1.13=3143,Dovecot 2.3.19=4143"}, or {@code --peer-port N} for one "peer". */
    private static Map<String, Integer> peers(Map<String, String> options) {
        Map<String, Integer> peers = new LinkedHashMap<>();
        if (options.containsKey("peer-port")) {
            peers.put("peer", Integer.parseInt(options.get("peer-port")));
        }
        if (options.containsKey("peers")) {
            for (String peer : options.get("peers").split(",")) {
                int equals = peer.lastIndexOf('=');
                peers.put(peer.substring(0, equals).trim(), Integer.parseInt(peer.substring(equals + 1).trim()));
            }
        }
        return peers;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }
}
