package dev.fakemail.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How long the real jar takes from process start until every listener accepts connections, and from SIGTERM
 * to exit: five runs, the medians printed and written to target/startup-time.txt.
 */
@Timeout(120)
class StartupTimeIT {
    private static final int RUNS = 5;
    /**
     * The target is 1 s on an idle two-core machine (reported from this test's output). A shared CI machine can
     * be much slower, so the test fails only at three times that: a regression, not a noisy neighbour.
     */
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(3);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(1);

    @Test
    void everyListenerAcceptsSoonAfterStartAndSigtermEndsItWithinASecond() throws Exception {
        List<Duration> startups = new ArrayList<>();
        List<Duration> stops = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            long started = System.nanoTime();
            try (StandaloneProcess fakemail = StandaloneProcess.start(Map.of(), "--smtp-port", "0",
                    "--smtps-port", "0", "--pop3-port", "0", "--pop3s-port", "0", "--imap-port", "off", "--imaps-port", "off", "--web-port", "0")) {
                List<Integer> ports = new ArrayList<>();
                for (String listener : List.of("smtp", "smtps", "pop3", "pop3s", "web")) {
                    Matcher line = fakemail.awaitStdout("^fakemail: " + listener
                            + " listening on 127\\.0\\.0\\.1:(\\d+)$", Duration.ofSeconds(20));
                    ports.add(Integer.parseInt(line.group(1)));
                }
                fakemail.awaitStdout("^fakemail: ready$", Duration.ofSeconds(10));
                startups.add(Duration.ofNanos(System.nanoTime() - started));
                for (int port : ports) {
                    assertAccepts(port); // "ready" means every port takes connections now
                }

                long terminated = System.nanoTime();
                fakemail.terminate();
                assertThat(fakemail.awaitExit(Duration.ofSeconds(5))).isEqualTo(143);
                stops.add(Duration.ofNanos(System.nanoTime() - terminated));
            }
        }

        Duration startup = median(startups);
        Duration stop = median(stops);
        String report = String.format(Locale.ROOT, "start-up to every listener accepting: median %d ms of %s; "
                        + "SIGTERM to exit: median %d ms of %s; %d cores, load average %.1f, java %s",
                startup.toMillis(), millis(startups), stop.toMillis(), millis(stops),
                Runtime.getRuntime().availableProcessors(), loadAverage(), Runtime.version());
        System.out.println(report);
        Files.writeString(Path.of(System.getProperty("fakemail.jar", "target/fakemail.jar")).resolveSibling(
                "startup-time.txt"), report + "\n", StandardCharsets.UTF_8);
        assertThat(startup).as(report).isLessThan(STARTUP_LIMIT);
        assertThat(stop).as(report).isLessThan(STOP_LIMIT);
    }

    private static void assertAccepts(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
        }
    }

    private static Duration median(List<Duration> durations) {
        return durations.stream().sorted().toList().get(durations.size() / 2);
    }

    private static List<Long> millis(List<Duration> durations) {
        return durations.stream().map(Duration::toMillis).toList();
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
