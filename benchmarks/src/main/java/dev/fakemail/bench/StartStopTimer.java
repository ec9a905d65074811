package dev.fakemail.bench;

import dev.fakemail.FakeMailServer;
import java.util.Arrays;

/** How long an in-process server takes to start (bind, accept) and stop, cold and warm. */
final class StartStopTimer {
    private StartStopTimer() {
    }

    /** The first start of the JVM: build + start, then stop, in milliseconds (class loading included). */
    record First(double startMillis, double stopMillis) {
    }

    /** Warm start+stop cycles, in milliseconds. */
    record Cycles(int count, double medianMillis, double p99Millis, double maxMillis, double medianStartMillis) {
    }

    /** Call before anything else in the JVM touches the server, or it is not the first start. */
    static First first() {
        double[] start = new double[1];
        double total = cycle(start, 0);
        return new First(start[0], total - start[0]);
    }

    static Cycles cycles(int warmup, int count) {
        for (int i = 0; i < warmup; i++) {
            cycle(null, i);
        }
        double[] total = new double[count];
        double[] start = new double[count];
        for (int i = 0; i < count; i++) {
            total[i] = cycle(start, i);
        }
        Arrays.sort(total);
        Arrays.sort(start);
        return new Cycles(count, percentile(total, 50), percentile(total, 99), total[count - 1],
                percentile(start, 50));
    }

    private static double cycle(double[] startMillis, int index) {
        long t0 = System.nanoTime();
        FakeMailServer server = FakeMailServer.builder().build().start();
        server.smtp().port();
        long t1 = System.nanoTime();
        server.stop();
        long t2 = System.nanoTime();
        if (startMillis != null) {
            startMillis[index] = (t1 - t0) / 1e6;
        }
        return (t2 - t0) / 1e6;
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
