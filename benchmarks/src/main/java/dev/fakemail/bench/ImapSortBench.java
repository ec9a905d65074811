package dev.fakemail.bench;

import dev.fakemail.FakeMailServer;
import dev.fakemail.ServerConfig;
import dev.fakemail.store.Envelope;
import dev.fakemail.store.EnvelopeRecipient;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SORT and THREAD over one INBOX of {@code --messages} messages of about {@code --size} octets (issue 19's target:
 * 50 ms or less, median and p99): each command timed from the first byte sent to the tagged reply read, over
 * {@code --runs} runs after {@code --warmup} untimed ones; the first, cold run (sort values not yet read from
 * the messages) is reported on its own. The messages make the work real: a quarter are replies ("Re: ...",
 * "[list] Fwd: ...") with References and In-Reply-To into earlier ones, dates are not in arrival order, and
 * senders repeat.
 *
 * <p>{@code --peers "Dovecot 2.3.19 (mdbox)=10144"} measures other servers in the same runs, interleaved command
 * by command, after filling their empty INBOX (user {@value #USER}, password "secret") with the same messages by
 * APPEND.
 *
 * <pre>java -cp ... dev.fakemail.bench.ImapSortBench [--messages 10000] [--size 2048] [--runs 200] [--warmup 100]
 *     [--peers "NAME=PORT,..."] [--peer-warmup N]</pre>
 */
public final class ImapSortBench {
    static final String USER = "sort@bench.test";
    /**
     * "{n}" becomes a message number that changes every run: those rows sort a different set each time, so they
     * measure a fresh sort; the others repeat, as a mail client redrawing its list does, and a session answers
     * a repeated SORT from the order it remembered.
     */
    static final String[] COMMANDS = {"SORT (SUBJECT) UTF-8 NOT {n}", "SORT (REVERSE DATE) UTF-8 NOT {n}",
        "SORT (SUBJECT) UTF-8 ALL", "SORT (REVERSE DATE) UTF-8 ALL",
        "UID SORT (FROM ARRIVAL) UTF-8 ALL", "SORT (DISPLAYFROM SIZE) UTF-8 ALL",
        "SORT RETURN (MIN MAX COUNT) (SUBJECT) UTF-8 UNSEEN", "THREAD REFERENCES UTF-8 ALL",
        "THREAD ORDEREDSUBJECT UTF-8 ALL"};

    private ImapSortBench() {
    }

    /** One server's figures per command: median, p99, the cold first run, the reply's size. */
    record Measured(double[] median, double[] p99, double[] cold, int[] replyOctets) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchOptionsLite.parse(args);
        int messages = Integer.parseInt(options.getOrDefault("messages", "10000"));
        int size = Integer.parseInt(options.getOrDefault("size", "2048"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "200"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "100"));
        Map<String, Integer> ports = new java.util.LinkedHashMap<>();
        Map<String, Measured> servers;
        try (FakeMailServer server = FakeMailServer.builder().pop3Port(ServerConfig.OFF).build().start()) {
            for (int i = 1; i <= messages; i++) {
                Envelope envelope = new Envelope("bench@bench.test", Map.of(),
                        List.of(new EnvelopeRecipient(USER, Map.of())), "bench.test",
                        new InetSocketAddress("127.0.0.1", 1), null, null, "ESMTP");
                server.repository().deliver(envelope, message(i, size));
            }
            ports.put("fakemail", server.imap().port());
            // --peers "Dovecot 2.3.19 (mdbox)=10144": an empty INBOX for USER (password "secret"), filled by APPEND
            if (options.containsKey("peers")) {
                for (String peer : options.get("peers").split(",")) {
                    int equals = peer.lastIndexOf('=');
                    int port = Integer.parseInt(peer.substring(equals + 1).trim());
                    try (ImapBenchClient client = new ImapBenchClient(port)) {
                        client.command("LOGIN " + USER + " secret");
                        for (int i = 1; i <= messages; i++) {
                            client.commandWithLiteral("APPEND INBOX", message(i, size));
                        }
                        client.command("LOGOUT");
                    }
                    ports.put(peer.substring(0, equals).trim(), port);
                }
            }
            servers = measure(ports, runs, warmup);
        }
        System.out.printf(Locale.ROOT, "SORT and THREAD, %,d messages of about %,d octets in INBOX, %d runs after %d "
                + "warm-up runs, median / p99 (ms), and the first (cold) run%n%n| command |", messages, size, runs,
                warmup);
        servers.keySet().forEach(name -> System.out.print(" " + name + " | " + name + ", cold |"));
        System.out.print("\n|---|");
        servers.keySet().forEach(name -> System.out.print("---:|---:|"));
        System.out.println();
        for (int c = 0; c < COMMANDS.length; c++) {
            System.out.printf(Locale.ROOT, "| `%s` |", COMMANDS[c]);
            for (Measured measured : servers.values()) {
                System.out.printf(Locale.ROOT, " %.1f / %.1f | %.1f |", measured.median()[c], measured.p99()[c],
                        measured.cold()[c]);
            }
            System.out.println();
        }
        System.out.print("\nreply octets (fakemail):");
        for (int c = 0; c < COMMANDS.length; c++) {
            System.out.printf(Locale.ROOT, " %,d", servers.get("fakemail").replyOctets()[c]);
        }
        System.out.println();
    }

    /**
     * Every server over its own connection, interleaved: each command is sent to one server after the other
     * within the same run, so a busy moment of the machine falls on all of them alike.
     */
    private static Map<String, Measured> measure(Map<String, Integer> ports, int runs, int warmup)
            throws java.io.IOException {
        int n = ports.size();
        double[][][] times = new double[n][COMMANDS.length][runs];
        double[][] cold = new double[n][COMMANDS.length];
        int[][] replyOctets = new int[n][COMMANDS.length];
        List<ImapBenchClient> clients = new java.util.ArrayList<>();
        try {
            for (int port : ports.values()) {
                ImapBenchClient client = new ImapBenchClient(port);
                clients.add(client);
                client.command("LOGIN " + USER + " secret");
                client.command("SELECT INBOX");
            }
            for (int run = -warmup - 1; run < runs; run++) {
                for (int c = 0; c < COMMANDS.length; c++) {
                    for (int s = 0; s < n; s++) {
                        ImapBenchClient client = clients.get(s);
                        long start = System.nanoTime();
                        String command = COMMANDS[c].replace("{n}", String.valueOf(1 + (run + warmup + 1) % 9_000));
                        replyOctets[s][c] = client.send(command);
                        double millis = (System.nanoTime() - start) / 1e6;
                        if (!client.lastWasOk()) {
                            throw new IllegalStateException("not OK: " + COMMANDS[c] + ": "
                                    + new String(client.lastResponse(), StandardCharsets.US_ASCII));
                        }
                        if (run == -warmup - 1) {
                            cold[s][c] = millis;
                        } else if (run >= 0) {
                            times[s][c][run] = millis;
                        }
                    }
                }
            }
        } finally {
            for (ImapBenchClient client : clients) {
                client.close();
            }
        }
        Map<String, Measured> measured = new java.util.LinkedHashMap<>();
        int s = 0;
        for (String name : ports.keySet()) {
            double[] median = new double[COMMANDS.length];
            double[] p99 = new double[COMMANDS.length];
            for (int c = 0; c < COMMANDS.length; c++) {
                Arrays.sort(times[s][c]);
                median[c] = times[s][c][runs / 2];
                p99[c] = times[s][c][Math.min(runs - 1, (int) Math.ceil(runs * 0.99) - 1)];
            }
            measured.put(name, new Measured(median, p99, cold[s], replyOctets[s]));
            s++;
        }
        return measured;
    }

    /** Message {@code n}: every fourth a reply to an earlier one, dates shuffled against arrival, 50 senders. */
    static byte[] message(int n, int size) {
        int topic = n % 997;
        boolean reply = n % 4 == 0 && n > 8;
        int parent = reply ? n - 1 - (n * 7919) % Math.min(n - 1, 500) : 0;
        int minute = (n * 7919) % 100_000;
        StringBuilder text = new StringBuilder()
                .append("From: Sender ").append(n % 50).append(" <sender").append(n % 50).append("@bench.test>\r\n")
                .append("To: ").append(USER).append("\r\nSubject: ")
                .append(reply ? (n % 8 == 0 ? "Re: " : "[list] Fwd: ") : "").append("Topic ").append(topic)
                .append("\r\nDate: ").append(String.format(Locale.ROOT, "Fri, %d Dec 2026 %02d:%02d:00 +0000",
                        1 + minute / 1440 % 28, minute / 60 % 24, minute % 60))
                .append("\r\nMessage-ID: <").append(n).append("@bench.test>\r\n");
        if (reply) {
            text.append("In-Reply-To: <").append(parent).append("@bench.test>\r\nReferences: <").append(parent / 2 + 1)
                    .append("@bench.test> <").append(parent).append("@bench.test>\r\n");
        }
        text.append("\r\n");
        int line = 0;
        while (text.length() < size - 40) {
            text.append("Line ").append(line++).append(" of the body of a benchmark message.\r\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code --name value} pairs. */
    static final class BenchOptionsLite {
        private BenchOptionsLite() {
        }

        static Map<String, String> parse(String[] args) {
            Map<String, String> options = new java.util.HashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                if (!args[i].startsWith("--")) {
                    throw new IllegalArgumentException("expected --name value, got " + args[i]);
                }
                options.put(args[i].substring(2), args[i + 1]);
            }
            return options;
        }
    }
}
