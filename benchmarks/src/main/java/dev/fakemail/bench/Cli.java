package dev.fakemail.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.function.Function;

/** What the benchmark programs' command lines share. */
final class Cli {
    private Cli() {
    }

    /**
     * The options {@code parse} reads from {@code args}; if it refuses them, prints why and the usage to stderr and
     * exits with 2, or with 0 when the message is empty (how {@link StandaloneOptions} answers --help).
     */
    static <T> T parseOrExit(String[] args, Function<String[], T> parse, String usage) {
        try {
            return parse.apply(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(usage);
            System.exit("".equals(e.getMessage()) ? 0 : 2);
            throw e; // not reached
        }
    }

    /** Prints the report, the load average at the end last; exits with 1 if a run failed its check. */
    static void printReport(StringBuilder report, boolean clean, String whereFailuresShow) {
        report.append("\nSystem load average at the end: ").append(loadAverage()).append('\n');
        System.out.print(report);
        System.out.flush();
        if (!clean) {
            System.err.println("SOME RUNS FAILED THEIR CHECK (see the " + whereFailuresShow + ")");
            System.exit(1);
        }
    }

    /** The system's load average over the last minute, or "n/a". */
    static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", load);
    }
}
