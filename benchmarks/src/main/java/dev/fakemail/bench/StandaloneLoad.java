package dev.fakemail.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The SMTP part of {@link StandaloneBench}: one warm process per server for all rows (started afresh
 * {@code --processes} times), each row against fakemail before (if given), fakemail, GreenMail and the sink, back to
 * back.
 */
final class StandaloneLoad {
    private StandaloneLoad() {
    }

    /** One row: the runs against each server, in the order fakemail, GreenMail, sink, keeping sink. */
    record LoadRow(LoadSpec spec, List<Run> before, List<Run> fakemail, List<Run> greenMail, List<Run> sink,
            List<Run> keepingSink) {
    }

    /**
     * One run and the server process's CPU time per acknowledged message over it (warm-up included), in
     * microseconds, or NaN where the JDK cannot tell. Throughput on a shared 2-core machine swings with whatever
     * else runs; the CPU a server spends per message does much less, so the two columns side by side tell a busy
     * machine from a slower server.
     */
    record Run(LoadResult load, double cpuMicrosPerMessage, double pageFaultsPerMessage) {
    }

    /**
     * A profiled run (not in the table) and its CPU per message by package; {@code allThreads} when no thread had the
     * session threads' name (virtual threads), so every thread's samples went to packages.
     */
    record Profile(String server, LoadSpec spec, int process, LoadResult load, String cpu, boolean allThreads) {
    }

    static boolean run(StandaloneOptions options, StringBuilder out) throws Exception {
        List<LoadRow> rows = options.rows.stream().map(spec -> new LoadRow(spec, new ArrayList<>(),
                new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>())).toList();
        List<WarmUp> warmUps = new ArrayList<>();
        AsyncProfiler profiler = options.profileDir == null ? null
                : AsyncProfiler.forServers(options.serverJava, options.profileDir);
        List<Profile> profiles = new ArrayList<>();
        for (int generation = 0; generation < options.processes; generation++) {
            if (options.processes > 1) {
                Benchmarks.progress("server processes " + (generation + 1) + " of " + options.processes);
            }
            runInFreshProcesses(options, rows, generation, warmUps, profiler, profiles);
        }
        boolean withGreenMail = options.greenMail != null;
        out.append("\n### SMTP ingest, every server a process of its own, fakemail's web inbox ")
                .append(options.loadInbox ? "on" : "off (--web-port off)")
                .append(runsOfEachRow(options)).append("\n\n");
        boolean withBefore = options.beforeJar != null;
        boolean withKeeping = options.keepingSink > 0;
        out.append("| Mode | Size | Conns |").append(withBefore ? " before msg/s | before % of sink |" : "")
                .append(" fakemail msg/s | % of sink |")
                .append(withGreenMail ? " GreenMail msg/s |" : "").append(" Sink msg/s |")
                .append(withKeeping ? " Keeping sink msg/s | keeping sink % of sink |" : "")
                .append(withBefore ? " before CPU µs/msg |" : "").append(" fakemail CPU µs/msg | sink CPU µs/msg |")
                .append(withKeeping ? " keeping sink CPU µs/msg |" : "")
                .append(" fakemail faults/msg | Check |\n");
        out.append("|---|---|---:|").append(withBefore ? "---:|---:|" : "").append("---:|---:|")
                .append(withGreenMail ? "---:|" : "").append("---:|").append(withKeeping ? "---:|---:|" : "")
                .append(withBefore ? "---:|" : "").append("---:|---:|").append(withKeeping ? "---:|" : "")
                .append("---:|---|\n");
        boolean clean = true;
        for (LoadRow row : rows) {
            LoadResult fakemail = load(median(row.fakemail()));
            LoadResult sink = load(median(row.sink()));
            out.append("| ").append(row.spec().mode().label)
                    .append(" | ").append(Sizes.format(row.spec().messageSize()))
                    .append(" | ").append(row.spec().connections());
            if (withBefore) {
                LoadResult before = load(median(row.before()));
                out.append(" | ").append(rate(before)).append(" | ").append(percent(before, sink));
            }
            out.append(" | ").append(rate(fakemail)).append(" | ").append(percent(fakemail, sink));
            if (withGreenMail) {
                LoadResult greenMail = load(median(row.greenMail()));
                out.append(" | ").append(greenMail == null || !greenMail.errors().isEmpty()
                        ? "failed" + (greenMail == null ? "" : ": " + first(greenMail.errors())) : rate(greenMail));
            }
            boolean rowClean = clean(row.fakemail()) && clean(row.before()) && clean(row.sink())
                    && clean(row.keepingSink());
            clean &= rowClean;
            out.append(" | ").append(rate(sink));
            if (withKeeping) {
                LoadResult keeping = load(median(row.keepingSink()));
                out.append(" | ").append(rate(keeping)).append(" | ").append(percent(keeping, sink));
            }
            if (withBefore) {
                out.append(" | ").append(cpu(row.before()));
            }
            out.append(" | ").append(cpu(row.fakemail())).append(" | ").append(cpu(row.sink()));
            if (withKeeping) {
                out.append(" | ").append(cpu(row.keepingSink()));
            }
            out.append(" | ")
                    .append(median(row.fakemail(), Run::pageFaultsPerMessage, "%.2f")).append(" | ")
                    .append(rowClean ? "ok" : "FAILED: " + errorsOf(row)).append(" |\n");
        }
        out.append(warmUpSummary(warmUps, options));
        if (profiler != null) {
            out.append(profileTable(profiles, options));
        }
        return clean;
    }

    /**
     * The profiled runs, one line each: the session threads' CPU per message and its parts by the package of the
     * innermost frame of the server's own code, kernel time apart.
     */
    static String profileTable(List<Profile> profiles, StandaloneOptions options) {
        StringBuilder out = new StringBuilder();
        out.append("\n### Where the CPU goes (async-profiler, one more run of each row per server and process, not in"
                + " the table above)\n\n")
                .append("The process's CPU per message over the profiled run (from /proc, the kernel's share in"
                        + " brackets), split by the profiler's samples of each thread's CPU time: a session"
                        + " thread's sample goes to the package of the innermost frame of the server's own code (its"
                        + " socket reads and writes, kernel time included, count for the package that made them),"
                        + " every other thread's to \"other threads\". Stacks in ")
                .append(options.profileDir).append(".\n\n")
                .append("| Mode | Size | Conns | Server | Process | msg/s | CPU µs/msg by package |\n")
                .append("|---|---|---:|---|---:|---:|---|\n");
        for (Profile profile : profiles) {
            out.append("| ").append(profile.spec().mode().label)
                    .append(" | ").append(Sizes.format(profile.spec().messageSize()))
                    .append(" | ").append(profile.spec().connections())
                    .append(" | ").append(profile.server())
                    .append(profile.allThreads() ? " (all threads)" : "")
                    .append(" | ").append(profile.process())
                    .append(" | ").append(rate(profile.load()))
                    .append(" | ").append(profile.cpu())
                    .append(" |\n");
        }
        return out.toString();
    }

    /**
     * The warm-ups under the table, per server and mode, one time per process: "fakemail: session 10 s, pipelined
     * 25 · 30 · 40 s (not settled in 1)". Empty without warm-ups.
     */
    static String warmUpSummary(List<WarmUp> warmUps, StandaloneOptions options) {
        if (warmUps.isEmpty()) {
            return "";
        }
        Map<String, Map<LoadMode, List<WarmUp>>> byServer = new LinkedHashMap<>();
        for (WarmUp warmUp : warmUps) {
            byServer.computeIfAbsent(warmUp.server(), name -> new LinkedHashMap<>())
                    .computeIfAbsent(warmUp.mode(), mode -> new ArrayList<>()).add(warmUp);
        }
        StringBuilder text = new StringBuilder("\nEach server process was warmed up before the first row, each mode in ")
                .append(SETTLING_LOAD.toSeconds()).append(" s loads (2 KB, 8 connections) until its JIT settled (a load")
                .append(" that compiled at most ").append(SETTLED_COMPILATIONS).append(" methods, after two loads at")
                .append(" least), at most ").append(options.processWarmup.toSeconds()).append(" s per mode:");
        byServer.forEach((server, modes) -> {
            text.append("\n- ").append(server).append(":");
            String separator = " ";
            for (Map.Entry<LoadMode, List<WarmUp>> mode : modes.entrySet()) {
                long unsettled = mode.getValue().stream().filter(w -> !w.settled()).count();
                text.append(separator).append(mode.getKey().id).append(' ')
                        .append(mode.getValue().stream().map(w -> Long.toString(w.took().toSeconds()))
                                .collect(Collectors.joining(" · ")))
                        .append(" s").append(unsettled == 0 ? "" : " (not settled in " + unsettled + ")");
                separator = ", ";
            }
        });
        return text.append('\n').toString();
    }

    /**
     * Starts every server once, warms each up, and runs every row {@code --repeat} times against each. One process
     * per server for all rows (warm, as a server people keep running), each emptied between runs: fakemail by its
     * default cap of 5,000 received messages, GreenMail through its purge API.
     */
    private static void runInFreshProcesses(StandaloneOptions options, List<LoadRow> rows, int generation,
            List<WarmUp> warmUps, AsyncProfiler profiler, List<Profile> profiles) throws Exception {
        try (ServerProcess before = options.beforeJar == null ? null
                        : StandaloneServers.start("fakemail before", StandaloneServers.fakemailLoadCommand(options, true));
                ServerProcess fakemail = StandaloneServers.start("fakemail", StandaloneServers.fakemailLoadCommand(options, false));
                ServerProcess greenMail = options.greenMail == null ? null
                        : StandaloneServers.start("GreenMail", StandaloneServers.greenMailCommand(options));
                ServerProcess sink = StandaloneServers.start("sink", StandaloneServers.sinkCommand(options));
                ServerProcess keepingSink = options.keepingSink <= 0 ? null : StandaloneServers.start("keeping sink",
                        StandaloneServers.sinkCommand(options, options.keepingSink))) {
            for (ServerProcess server : Arrays.asList(before, fakemail, greenMail, sink, keepingSink)) {
                if (server != null) {
                    warmUps.addAll(warmUp(server, options));
                }
            }
            if (greenMail != null) {
                purgeGreenMail(greenMail);
            }
            for (LoadRow row : rows) {
                List<Turn> turns = new ArrayList<>();
                if (before != null) {
                    turns.add(() -> row.before().add(loadOnce(before, row.spec())));
                }
                turns.add(() -> row.fakemail().add(loadOnce(fakemail, row.spec())));
                if (greenMail != null) {
                    turns.add(() -> {
                        purgeGreenMail(greenMail);
                        row.greenMail().add(loadOnce(greenMail, row.spec()));
                    });
                }
                turns.add(() -> row.sink().add(loadOnce(sink, row.spec())));
                if (keepingSink != null) {
                    turns.add(() -> row.keepingSink().add(loadOnce(keepingSink, row.spec())));
                }
                for (int i = 0; i < options.repeat; i++) {
                    // Each repeat starts one server later: a server measured right after a JVM that is still busy
                    // with its last run (collecting, compiling) loses a little, so no server should always be
                    // the one that follows another.
                    int shift = generation * options.repeat + i;
                    for (int turn = 0; turn < turns.size(); turn++) {
                        turns.get((turn + shift) % turns.size()).run();
                    }
                }
                if (profiler != null) {
                    for (ServerProcess server : Arrays.asList(before, fakemail, sink, keepingSink)) {
                        if (server != null) {
                            profiles.add(profiledRun(profiler, server, row.spec(), generation + 1, options));
                        }
                    }
                }
            }
        }
    }

    /** One more run of the row with the profiler attached to the server; its stacks go to the profile directory. */
    private static Profile profiledRun(AsyncProfiler profiler, ServerProcess server, LoadSpec spec, int process,
            StandaloneOptions options) throws Exception {
        String name = server.name().replace(' ', '-') + "-p" + process + "-" + spec.mode().id + "-"
                + Sizes.format(spec.messageSize()).replace(" ", "").toLowerCase(Locale.ROOT) + "-c"
                + spec.connections() + ".collapsed";
        Path stacks = options.profileDir.resolve(name);
        Benchmarks.progress(server.name() + ": " + spec + ", profiled");
        profiler.start(server.pid());
        long[] cpuBefore = ProcessCpu.userAndSystemMicros(server.pid());
        LoadResult result;
        long[] cpuAfter;
        try {
            result = new SmtpLoadGenerator(server.smtp(), null).run(spec);
        } finally {
            cpuAfter = ProcessCpu.userAndSystemMicros(server.pid());
            profiler.stop(server.pid(), stacks);
        }
        String sessionThreads = server.name().contains("sink") ? "sink-session" : "fakemail-session";
        CpuBreakdown breakdown = CpuBreakdown.read(stacks, sessionThreads, "dev/fakemail/");
        boolean allThreads = breakdown.sessionSamples() == 0;
        if (allThreads) { // virtual session threads: the samples are their carriers'
            breakdown = CpuBreakdown.read(stacks, "", "dev/fakemail/");
        }
        double messages = result.acknowledged();
        double cpu = cpuBefore == null || cpuAfter == null || messages == 0 ? Double.NaN
                : (cpuAfter[0] + cpuAfter[1] - cpuBefore[0] - cpuBefore[1]) / messages;
        double kernel = Double.isNaN(cpu) ? Double.NaN : (cpuAfter[1] - cpuBefore[1]) / messages;
        String described = breakdown.describe(cpu, kernel);
        Benchmarks.progress("  " + Sizes.grouped(result.messagesPerSecond()) + " msg/s; " + described);
        return new Profile(server.name(), spec, process, result, described, allThreads);
    }

    private static String runsOfEachRow(StandaloneOptions options) {
        int runs = options.repeat * options.processes;
        return runs == 1 ? "" : " (median of " + runs + " runs" + (options.processes == 1 ? ")"
                : ", " + options.repeat + " in each of " + options.processes + " processes per server)");
    }

    /** One server's run of a row. */
    private interface Turn {
        void run() throws Exception;
    }

    /**
     * Runs each mode of the rows (2 KB, 8 connections) against the server, unmeasured, in loads of
     * {@link #SETTLING_LOAD}, until its JIT has settled: a load in which it compiled at most
     * {@link #SETTLED_COMPILATIONS} methods, after at least two loads (so that clients have left and new ones
     * arrived: a process that has not seen that recompiles its session code when it first does, the end of a
     * session and the first message of the next taking branches the JIT never saw). At most
     * {@code --process-warmup} per mode. A fixed time was not enough: fakemail compiled 1,279 methods in its first
     * 10 s of pipelined load, 122 in the next 10 s, 46 in the third and 5 to 26 from the fourth on (BENCHMARKS.md,
     * twelfth round), while the sink, a few classes, settles in one load. Returns how long each mode took.
     */
    private static List<WarmUp> warmUp(ServerProcess server, StandaloneOptions options) throws Exception {
        List<LoadMode> modes = options.rows.stream().map(LoadSpec::mode).distinct().toList();
        List<WarmUp> warmUps = new ArrayList<>();
        if (options.processWarmup.isZero() || modes.isEmpty()) {
            return warmUps;
        }
        JitCompilations jit = JitCompilations.besideJava(options.serverJava); // the servers' JDK reads them best
        for (LoadMode mode : modes) {
            Benchmarks.progress(server.name() + ": warming up, " + mode.id + ", until its JIT settles (at most "
                    + options.processWarmup.toSeconds() + " s)");
            long started = System.nanoTime();
            long compiled = jit == null ? -1 : jit.compiledMethods(server.pid());
            int loads = 0;
            long lastLoadCompilations = -1;
            boolean settled = false;
            while (!settled && (loads == 0 || Duration.ofNanos(System.nanoTime() - started).plus(SETTLING_LOAD)
                    .compareTo(options.processWarmup) <= 0)) { // no load that would end past the limit
                new SmtpLoadGenerator(server.smtp(), null)
                        .run(LoadSpec.timed(mode, 2048, 8, Duration.ZERO, SETTLING_LOAD));
                loads++;
                long now = jit == null ? -1 : jit.compiledMethods(server.pid());
                lastLoadCompilations = compiled < 0 || now < 0 ? -1 : now - compiled;
                compiled = now;
                settled = loads >= 2 && lastLoadCompilations >= 0 && lastLoadCompilations <= SETTLED_COMPILATIONS;
            }
            WarmUp warmUp = new WarmUp(server.name(), mode, Duration.ofNanos(System.nanoTime() - started), loads,
                    lastLoadCompilations, settled);
            Benchmarks.progress("  " + warmUp);
            warmUps.add(warmUp);
        }
        return warmUps;
    }

    /** One load of a server's warm-up. */
    static final Duration SETTLING_LOAD = Duration.ofSeconds(5);
    /** A load that compiled no more than this many methods ends the warm-up of its mode. */
    static final int SETTLED_COMPILATIONS = 10;

    /** A server's warm-up in one mode: how long, how many loads, and the methods compiled in the last load. */
    record WarmUp(String server, LoadMode mode, Duration took, int loads, long lastLoadCompilations,
            boolean settled) {
        @Override
        public String toString() {
            return server + ", " + mode.id + ": " + (settled ? "settled" : "not settled") + " after "
                    + took.toSeconds() + " s (" + loads + " loads; "
                    + (lastLoadCompilations < 0 ? "compilations unknown" : lastLoadCompilations
                            + (lastLoadCompilations == 1 ? " method" : " methods") + " compiled in the last)");
        }
    }

    private static Run loadOnce(ServerProcess server, LoadSpec spec) throws Exception {
        Benchmarks.progress(server.name() + ": " + spec);
        long cpuBefore = cpuNanos(server);
        long faultsBefore = ProcessFaults.minor(server.pid());
        LoadResult result = new SmtpLoadGenerator(server.smtp(), null).run(spec);
        long cpuAfter = cpuNanos(server);
        long faultsAfter = ProcessFaults.minor(server.pid());
        double cpuMicros = cpuBefore < 0 || cpuAfter < 0 || result.acknowledged() == 0 ? Double.NaN
                : (cpuAfter - cpuBefore) / 1e3 / result.acknowledged();
        double faults = faultsBefore < 0 || faultsAfter < 0 || result.acknowledged() == 0 ? Double.NaN
                : (double) (faultsAfter - faultsBefore) / result.acknowledged();
        Benchmarks.progress("  " + Sizes.grouped(result.messagesPerSecond()) + " msg/s, "
                + String.format(Locale.ROOT, "%.1f", cpuMicros) + " µs CPU per message, "
                + String.format(Locale.ROOT, "%.2f", faults) + " page faults per message"
                + (result.errors().isEmpty() ? "" : " " + result.errors()));
        return new Run(result, cpuMicros, faults);
    }

    /** The server process's CPU time so far (user + system, all threads), or -1. */
    private static long cpuNanos(ServerProcess server) {
        return ProcessHandle.of(server.pid()).flatMap(process -> process.info().totalCpuDuration())
                .map(Duration::toNanos).orElse(-1L);
    }

    private static boolean clean(List<Run> runs) {
        return runs.stream().allMatch(r -> r != null && r.load().errors().isEmpty());
    }

    /** The median of the runs' CPU per message (its own median: the run with the median rate may be an outlier). */
    private static String cpu(List<Run> runs) {
        return median(runs, Run::cpuMicrosPerMessage, "%.1f");
    }

    private static String median(List<Run> runs, ToDoubleFunction<Run> measure, String format) {
        double[] values = runs.stream().mapToDouble(measure).filter(v -> !Double.isNaN(v)).sorted().toArray();
        return values.length == 0 ? "" : String.format(Locale.ROOT, format, values[(values.length - 1) / 2]);
    }

    private static LoadResult load(Run run) {
        return run == null ? null : run.load();
    }

    /** GreenMail keeps every message until purged: without this its heap would fill up over the rows. */
    private static void purgeGreenMail(ServerProcess greenMail) {
        try {
            URI uri = URI.create("http://127.0.0.1:" + greenMail.apiPort() + "/api/mail/purge");
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException | InterruptedException e) {
            Benchmarks.progress("  GreenMail purge failed: " + e);
        }
    }

    /** The first error of the row, named after the server that had it. */
    private static String errorsOf(LoadRow row) {
        String found = firstError("fakemail", row.fakemail());
        found = found != null ? found : firstError("before", row.before());
        found = found != null ? found : firstError("sink", row.sink());
        found = found != null ? found : firstError("keeping sink", row.keepingSink());
        return found != null ? found : "?";
    }

    private static String firstError(String server, List<Run> runs) {
        return runs.stream().map(StandaloneLoad::load).filter(r -> r != null && !r.errors().isEmpty())
                .map(r -> server + ": " + first(r.errors())).findFirst().orElse(null);
    }

    private static String first(List<String> errors) {
        String error = errors.isEmpty() ? "" : errors.get(0);
        error = error.replace('|', '/');
        return error.length() > 80 ? error.substring(0, 80) + "…" : error;
    }

    private static String percent(LoadResult result, LoadResult sink) {
        return result == null || sink == null || sink.messagesPerSecond() == 0 ? ""
                : String.format(Locale.ROOT, "%.0f%%", 100 * result.messagesPerSecond() / sink.messagesPerSecond());
    }

    private static String rate(LoadResult result) {
        return result == null ? "" : Sizes.grouped(result.messagesPerSecond());
    }

    private static Run median(List<Run> runs) {
        if (runs.isEmpty()) {
            return null;
        }
        List<Run> sorted = new ArrayList<>(runs);
        sorted.sort((a, b) -> Double.compare(a.load().messagesPerSecond(), b.load().messagesPerSecond()));
        return sorted.get((sorted.size() - 1) / 2);
    }
}
