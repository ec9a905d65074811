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
 * <pre>java -cp ... dev.fakemail.bench.ImapSortBench [--messages 10000] [--size 2048] [--runs 200] [--warmup 100]</pre>
 */
public final class ImapSortBench {
    static final String USER = "sort@bench.test";
    static final String[] COMMANDS = {"SORT (SUBJECT) UTF-8 ALL", "SORT (REVERSE DATE) UTF-8 ALL",
        "UID SORT (FROM ARRIVAL) UTF-8 ALL", "SORT (DISPLAYFROM SIZE) UTF-8 ALL",
        "SORT RETURN (MIN MAX COUNT) (SUBJECT) UTF-8 UNSEEN", "THREAD REFERENCES UTF-8 ALL",
        "THREAD ORDEREDSUBJECT UTF-8 ALL"};

    private ImapSortBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchOptionsLite.parse(args);
        int messages = Integer.parseInt(options.getOrDefault("messages", "10000"));
        int size = Integer.parseInt(options.getOrDefault("size", "2048"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "200"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "100"));
        double[][] times = new double[COMMANDS.length][runs];
        double[] cold = new double[COMMANDS.length];
        int[] replyOctets = new int[COMMANDS.length];
        try (FakeMailServer server = FakeMailServer.builder().pop3Port(ServerConfig.OFF).build().start()) {
            for (int i = 1; i <= messages; i++) {
                Envelope envelope = new Envelope("bench@bench.test", Map.of(),
                        List.of(new EnvelopeRecipient(USER, Map.of())), "bench.test",
                        new InetSocketAddress("127.0.0.1", 1), null, null, "ESMTP");
                server.repository().deliver(envelope, message(i, size));
            }
            try (ImapBenchClient client = new ImapBenchClient(server.imap().port())) {
                client.command("LOGIN " + USER + " secret");
                client.command("SELECT INBOX");
                for (int run = -warmup - 1; run < runs; run++) {
                    for (int c = 0; c < COMMANDS.length; c++) {
                        long start = System.nanoTime();
                        replyOctets[c] = client.send(COMMANDS[c]);
                        double millis = (System.nanoTime() - start) / 1e6;
                        if (!client.lastWasOk()) {
                            throw new IllegalStateException("not OK: " + COMMANDS[c] + ": "
                                    + new String(client.lastResponse(), StandardCharsets.US_ASCII));
                        }
                        if (run == -warmup - 1) {
                            cold[c] = millis;
                        } else if (run >= 0) {
                            times[c][run] = millis;
                        }
                    }
                }
                client.command("LOGOUT");
            }
        }
        System.out.printf(Locale.ROOT, "SORT and THREAD, %,d messages of about %,d octets in INBOX, %d runs after %d "
                + "warm-up runs (ms)%n%n| command | median | p99 | first (cold) run | reply octets |%n"
                + "|---|---:|---:|---:|---:|%n", messages, size, runs, warmup);
        for (int c = 0; c < COMMANDS.length; c++) {
            Arrays.sort(times[c]);
            System.out.printf(Locale.ROOT, "| `%s` | %.1f | %.1f | %.1f | %,d |%n", COMMANDS[c], times[c][runs / 2],
                    times[c][Math.min(runs - 1, (int) Math.ceil(runs * 0.99) - 1)], cold[c], replyOctets[c]);
        }
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
