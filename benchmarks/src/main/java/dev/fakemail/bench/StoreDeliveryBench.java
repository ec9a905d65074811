package dev.fakemail.bench;

import dev.fakemail.internal.store.InMemoryMailStore;
import dev.fakemail.store.Envelope;
import dev.fakemail.store.EnvelopeRecipient;
import dev.fakemail.store.Retention;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The store's delivery alone, at the count limit (the standalone server's default, {@code --max-messages 5000}):
 * every delivery adds a message to the log and the INBOX and drops the oldest from both, all under the store
 * lock, so the time one delivery takes is the time every other session waits. Reports deliveries per second
 * (wall) and CPU microseconds per delivery (thread CPU time, which a busy machine disturbs less than wall time),
 * per round after warm-up rounds. It uses only the store, so the same class measures any build of the jar:
 *
 * <pre>java -cp benchmarks/target/classes:path/to/fakemail.jar dev.fakemail.bench.StoreDeliveryBench
 *     [--threads 1,8] [--deliveries 1000000] [--cap 5000] [--rounds 8] [--warmup 4]</pre>
 */
public final class StoreDeliveryBench {
    private StoreDeliveryBench() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = ImapSortBench.BenchOptionsLite.parse(args);
        int deliveries = Integer.parseInt(options.getOrDefault("deliveries", "1000000"));
        int cap = Integer.parseInt(options.getOrDefault("cap", "5000"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "8"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "4"));
        System.out.println("| threads | deliveries/s (median) | CPU µs per delivery (median) |");
        System.out.println("|---:|---:|---:|");
        for (String threads : options.getOrDefault("threads", "1,8").split(",")) {
            int count = Integer.parseInt(threads.trim());
            double[][] measured = measure(count, deliveries / count, cap, rounds, warmup);
            System.out.printf(Locale.ROOT, "| %d | %,.0f | %.2f |%n", count, median(measured[0]), median(measured[1]));
        }
    }

    /** Per measured round: deliveries per second and CPU microseconds per delivery. */
    private static double[][] measure(int threads, int perThread, int cap, int rounds, int warmup)
            throws InterruptedException {
        InMemoryMailStore store = new InMemoryMailStore(Clock.systemUTC(), new Retention(cap, null));
        byte[] raw = new byte[2048];
        Arrays.fill(raw, (byte) 'x');
        Envelope envelope = new Envelope("bench@bench.test", Map.of(),
                List.of(new EnvelopeRecipient("inbox@bench.test", Map.of())), "bench.test",
                new InetSocketAddress("127.0.0.1", 40000), null, null, "ESMTP");
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[] rates = new double[rounds];
        double[] micros = new double[rounds];
        for (int round = -warmup; round < rounds; round++) {
            long[] cpuNanos = new long[threads];
            Thread[] workers = new Thread[threads];
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int index = t;
                workers[t] = new Thread(() -> {
                    long before = cpu.getCurrentThreadCpuTime();
                    for (int i = 0; i < perThread; i++) {
                        store.deliver(envelope, raw);
                    }
                    cpuNanos[index] = cpu.getCurrentThreadCpuTime() - before;
                });
                workers[t].start();
            }
            for (Thread worker : workers) {
                worker.join();
            }
            long wall = System.nanoTime() - start;
            if (round >= 0) {
                double total = (double) threads * perThread;
                rates[round] = total / (wall / 1e9);
                micros[round] = Arrays.stream(cpuNanos).sum() / 1e3 / total;
                System.err.printf(Locale.ROOT, "[bench] store, %d threads, round %d: %,.0f/s, %.2f µs CPU%n",
                        threads, round, rates[round], micros[round]);
            }
        }
        return new double[][] {rates, micros};
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
