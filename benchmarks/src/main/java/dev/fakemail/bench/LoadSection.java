package dev.fakemail.bench;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The ingest part of the benchmark: every row (mode x size x connections), optionally repeated and compared. */
final class LoadSection {
    static final Map<String, Double> TARGETS = Map.of(
            key(LoadMode.SESSION, 2 * 1024, 8), 12_000.0,
            key(LoadMode.PIPELINED, 2 * 1024, 8), 20_000.0,
            key(LoadMode.CONNECT, 2 * 1024, 1), 1_300.0,
            key(LoadMode.SESSION, 100 * 1024, 8), 3_000.0);

    private LoadSection() {
    }

    /** One row: its runs against fakemail and, with --sink, against the trivial sink. */
    record Row(LoadSpec spec, List<LoadResult> runs, List<LoadResult> sinkRuns) {
        LoadResult median() {
            return medianOf(runs);
        }

        LoadResult sinkMedian() {
            return sinkRuns.isEmpty() ? null : medianOf(sinkRuns);
        }

        boolean ok() {
            return runs.stream().allMatch(LoadResult::ok) && sinkRuns.stream().allMatch(LoadResult::ok);
        }

        private static LoadResult medianOf(List<LoadResult> results) {
            List<LoadResult> sorted = new ArrayList<>(results);
            sorted.sort(Comparator.comparingDouble(LoadResult::messagesPerSecond));
            return sorted.get((sorted.size() - 1) / 2);
        }
    }

    static List<Row> run(BenchOptions options) throws Exception {
        List<Row> rows = new ArrayList<>();
        InProcessServer inProcess = options.external() ? null : new InProcessServer(options.storeBudgetOctets);
        SinkServer sink = options.sink ? new SinkServer() : null;
        try {
            SmtpLoadGenerator generator = inProcess == null
                    ? new SmtpLoadGenerator(new InetSocketAddress(options.host, options.port), null)
                    : new SmtpLoadGenerator(inProcess.address(), inProcess::received);
            SmtpLoadGenerator sinkGenerator = sink == null ? null : new SmtpLoadGenerator(sink.address(), sink::received);
            for (LoadMode mode : options.modes) {
                for (int size : options.sizes) {
                    for (int connections : options.connections) {
                        if (options.targetsOnly && !TARGETS.containsKey(key(mode, size, connections))) {
                            continue;
                        }
                        LoadSpec spec = LoadSpec.timed(mode, size, connections, options.warmup, options.duration);
                        Row row = new Row(spec, new ArrayList<>(), new ArrayList<>());
                        for (int i = 0; i < options.repeat; i++) {
                            if (inProcess != null) {
                                inProcess.reset();
                            }
                            row.runs().add(runOne(generator, spec, inProcess == null ? "external" : "fakemail"));
                            if (inProcess != null && inProcess.janitorResets() > 0) {
                                Benchmarks.progress("  store emptied by the janitor " + inProcess.janitorResets()
                                        + " time(s) so far (heap budget)");
                            }
                            if (sinkGenerator != null) {
                                row.sinkRuns().add(runOne(sinkGenerator, spec, "sink"));
                            }
                        }
                        rows.add(row);
                    }
                }
            }
        } finally {
            if (inProcess != null) {
                inProcess.close();
            }
            if (sink != null) {
                sink.close();
            }
        }
        return rows;
    }

    private static LoadResult runOne(SmtpLoadGenerator generator, LoadSpec spec, String server) throws Exception {
        HeapPerMessage.usedHeapAfterGc(); // every run starts from a collected heap
        Benchmarks.progress(server + ": " + spec);
        LoadResult result = generator.run(spec);
        Benchmarks.progress("  " + Sizes.grouped(result.messagesPerSecond()) + " msg/s, " + result.check()
                + (result.errors().isEmpty() ? "" : " " + result.errors()));
        return result;
    }

    static void table(List<Row> rows, BenchOptions options, StringBuilder out) {
        boolean sink = rows.stream().anyMatch(row -> !row.sinkRuns().isEmpty());
        boolean repeated = options.repeat > 1;
        out.append("\n### SMTP ingest\n\n");
        out.append("| Mode | Size | Conns | msg/s | MiB/s |").append(repeated ? " Runs (min–max msg/s) |" : "")
                .append(" Measured msgs | Acked (run) | Stored (run) | Check |")
                .append(sink ? " Sink msg/s | % of sink |" : "").append(" Target | Met |\n");
        out.append("|---|---|---:|---:|---:|").append(repeated ? "---:|" : "").append("---:|---:|---:|---|")
                .append(sink ? "---:|---:|" : "").append("---:|---|\n");
        for (Row row : rows) {
            LoadSpec spec = row.spec();
            LoadResult result = row.median();
            Double target = TARGETS.get(key(spec.mode(), spec.messageSize(), spec.connections()));
            out.append("| ").append(spec.mode().label)
                    .append(" | ").append(Sizes.format(spec.messageSize()))
                    .append(" | ").append(spec.connections())
                    .append(" | ").append(Sizes.grouped(result.messagesPerSecond()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f", result.mebibytesPerSecond()));
            if (repeated) {
                double min = row.runs().stream().mapToDouble(LoadResult::messagesPerSecond).min().orElse(0);
                double max = row.runs().stream().mapToDouble(LoadResult::messagesPerSecond).max().orElse(0);
                out.append(" | ").append(row.runs().size()).append(" (").append(Sizes.grouped(min)).append("–")
                        .append(Sizes.grouped(max)).append(')');
            }
            out.append(" | ").append(result.measured())
                    .append(" | ").append(result.acknowledged())
                    .append(" | ").append(result.verifiable() ? String.valueOf(result.serverReceived()) : "n/a")
                    .append(" | ").append(row.ok() ? result.check() : "FAILED in some run, see below");
            if (sink) {
                LoadResult sinkResult = row.sinkMedian();
                out.append(" | ").append(Sizes.grouped(sinkResult.messagesPerSecond()))
                        .append(" | ").append(String.format(Locale.ROOT, "%.0f%%",
                                100 * result.messagesPerSecond() / sinkResult.messagesPerSecond()));
            }
            out.append(" | ").append(target == null ? "" : "≥ " + Sizes.grouped(target))
                    .append(" | ").append(target == null ? "" : result.messagesPerSecond() >= target ? "yes" : "**no**")
                    .append(" |\n");
        }
        for (Row row : rows) {
            List<LoadResult> all = new ArrayList<>(row.runs());
            all.addAll(row.sinkRuns());
            for (LoadResult result : all) {
                if (!result.ok()) {
                    out.append("\n- ").append(result.spec()).append(": ").append(result.check());
                    result.errors().forEach(error -> out.append("\n  - ").append(error));
                }
            }
        }
        out.append('\n');
    }

    static String key(LoadMode mode, int size, int connections) {
        return mode.id + "/" + size + "/" + connections;
    }
}
