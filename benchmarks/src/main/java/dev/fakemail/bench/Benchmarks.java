package dev.fakemail.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The benchmark: SMTP ingest rate per mode, message size and connection count, heap per stored message,
 * in-process start+stop time, and one POP3 session over a large maildrop. Prints a Markdown report on stdout
 * (progress goes to stderr) and exits with 1 if any run lost, invented or failed a message, or a POP3 session
 * failed its checks. Run it with {@code bench/run.sh}; see BENCHMARKS.md.
 *
 * <p>Not a unit test: named so that surefire never picks it up. {@code SmtpLoadGeneratorTest} keeps the
 * generator itself honest, {@code Pop3BenchTest} the POP3 client.
 */
public final class Benchmarks {
    private static final double HEAP_TARGET = 1.2;

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = Cli.parseOrExit(args, BenchOptions::parse, BenchOptions.USAGE);
        if (options.help) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        StartStopTimer.First first = null;
        if (options.sections.contains(BenchOptions.Section.STARTSTOP)) {
            first = StartStopTimer.first(); // before anything else loads the server's classes
        }
        StringBuilder report = new StringBuilder();
        environment(options, report);
        boolean clean = true;
        if (options.sections.contains(BenchOptions.Section.LOAD)) {
            List<LoadSection.Row> rows = LoadSection.run(options);
            LoadSection.table(rows, options, report);
            clean = rows.stream().allMatch(LoadSection.Row::ok);
        }
        if (options.sections.contains(BenchOptions.Section.HEAP)) {
            progress("heap per stored message: " + options.heapMessages + " x 2 KB");
            heap(HeapPerMessage.measure(options.heapMessages, 2 * 1024), report);
        }
        if (options.sections.contains(BenchOptions.Section.POP3)) {
            Pop3Section.Result pop3 = Pop3Section.run(options);
            Pop3Section.table(pop3, report);
            clean &= pop3.ok();
        }
        if (first != null) {
            progress("start+stop: " + options.warmupCycles + " warm-up + " + options.cycles + " cycles");
            startStop(first, StartStopTimer.cycles(options.warmupCycles, options.cycles), report);
        }
        Cli.printReport(report, clean, "Check column or line");
    }

    private static void heap(HeapPerMessage.Result heap, StringBuilder out) {
        out.append("\n### Heap per stored message\n\n");
        out.append("| Messages | Message size | Stored size (with trace fields) | Heap retained per message |"
                + " ÷ message size | ÷ stored size | Target | Met (÷ message / ÷ stored) |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---:|---|\n");
        out.append("| ").append(heap.messages())
                .append(" | ").append(heap.messageSize()).append(" B")
                .append(" | ").append(heap.storedSize()).append(" B")
                .append(" | ").append(Sizes.grouped(heap.retainedPerMessage())).append(" B")
                .append(" | ").append(String.format(Locale.ROOT, "%.2f×", heap.perMessageSize()))
                .append(" | ").append(String.format(Locale.ROOT, "%.2f×", heap.perStoredSize()))
                .append(" | ≤ ").append(HEAP_TARGET).append("×")
                .append(" | ").append(heap.perMessageSize() <= HEAP_TARGET ? "yes" : "**no**")
                .append(" / ").append(heap.perStoredSize() <= HEAP_TARGET ? "yes" : "**no**")
                .append(" |\n");
        out.append(String.format(Locale.ROOT, "%nUsed heap after full GCs: %.1f MB before, %.1f MB after.%n",
                heap.usedBefore() / 1e6, heap.usedAfter() / 1e6));
    }

    private static void startStop(StartStopTimer.First first, StartStopTimer.Cycles cycles, StringBuilder out) {
        out.append("\n### In-process start + stop\n\n");
        out.append("| Measure | ms |\n|---|---:|\n");
        out.append(String.format(Locale.ROOT, "| First start in the JVM (build + start, class loading included) | %.1f |%n",
                first.startMillis()));
        out.append(String.format(Locale.ROOT, "| First stop | %.1f |%n", first.stopMillis()));
        out.append(String.format(Locale.ROOT, "| Start + stop, median of %d warm cycles | %.3f |%n",
                cycles.count(), cycles.medianMillis()));
        out.append(String.format(Locale.ROOT, "| Start + stop, p99 | %.3f |%n", cycles.p99Millis()));
        out.append(String.format(Locale.ROOT, "| Start + stop, max | %.3f |%n", cycles.maxMillis()));
        out.append(String.format(Locale.ROOT, "| Start only, median | %.3f |%n", cycles.medianStartMillis()));
    }

    private static void environment(BenchOptions options, StringBuilder out) {
        Runtime runtime = Runtime.getRuntime();
        String gcs = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", "));
        out.append("## fakemail benchmark\n\n");
        out.append("- JDK: ").append(System.getProperty("java.runtime.version")).append(" (")
                .append(System.getProperty("java.vendor")).append(", ").append(System.getProperty("java.vm.name"))
                .append(")\n");
        out.append("- CPUs: ").append(runtime.availableProcessors()).append(", max heap: ")
                .append(runtime.maxMemory() / (1024 * 1024)).append(" MB, GC: ").append(gcs).append('\n');
        out.append("- Server: ").append(options.external()
                ? "external, " + options.host + ":" + options.port
                : "in-process (same JVM as the clients); connections on "
                        + (Runtime.version().feature() >= 21 ? "virtual threads" : "platform threads")).append('\n');
        if (options.sections.contains(BenchOptions.Section.LOAD)) {
            loadRows(options, out);
        }
        out.append("- System load average at the start: ").append(Cli.loadAverage()).append('\n');
    }

    private static void loadRows(BenchOptions options, StringBuilder out) {
        out.append("- SMTP ingest, each row: ").append(options.warmup.toMillis()).append(" ms warm-up, then ")
                .append(options.duration.toMillis()).append(" ms measured")
                .append(options.repeat > 1 ? ", " + options.repeat + " runs per row, median shown" : "")
                .append(options.external() ? "" : "; store reset before each run (and whenever it holds more than "
                        + options.storeBudgetOctets / (1024 * 1024) + " MB)").append('\n');
        if (options.sink) {
            out.append("- Sink: each run is followed by the same run against a trivial SMTP sink in this JVM"
                    + " (fixed replies, data dropped; pooled platform thread per connection)\n");
        }
    }


    static void progress(String text) {
        System.err.println("[bench] " + text);
    }
}
