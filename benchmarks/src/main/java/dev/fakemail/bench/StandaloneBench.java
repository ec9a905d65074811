package dev.fakemail.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standalone benchmark (issue 15): the packaged jar as a process, GreenMail standalone beside it when its jar
 * is given, and the trivial sink, each in a JVM of its own with the same options, loaded by the same generator
 * from this JVM. Two parts: heap per stored 2 KB message (jcmd class histograms before and after, web inbox on
 * and {@code --web-port off}) and SMTP ingest per mode and connection count, each row against a fresh process of
 * every server. Run it with {@code bench/run.sh --standalone}; see BENCHMARKS.md.
 */
public final class StandaloneBench {
    static final int MESSAGE_SIZE = 2 * 1024;
    static final double HEAP_TARGET = 1.3;
    private static final int HEAP_WARMUP_MESSAGES = 2_000;
    private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");
    static final String USAGE = """
            Usage: bench/run.sh --standalone [options]
              --jar PATH            the standalone jar (bench/run.sh: docker/target/fakemail.jar)
              --before-jar PATH     another build of the jar (e.g. main's), measured beside it: before/after
              --before-opts "..."   JVM options for the "before" server only; with --before-jar this, the
                                    same build, e.g. --before-opts -Dfakemail.sessionThreads=virtual
              --greenmail PATH      GreenMail standalone jar to run beside it, or none (bench/run.sh finds
                                    greenmail-standalone-2.1.13.jar in ~/.m2 if it is there)
              --server-java PATH    java for the server processes (default: the one running this)
              --server-opts "..."   their JVM options (default "-Xms2g -Xmx2g")
              --fakemail-args "..." extra flags for the jar, e.g. "--max-connections 2000"
              --sections LIST       heap,load (default both)
              --heap-messages LIST  stored messages per heap measure (default 10000,100000)
              --rows LIST           load rows MODE/SIZE/CONNS (default: session, pipelined and connect at
                                    2k x 1, 8, 64, and session/100k/8)
              --warmup D, --duration D   per run (default 3s and 5s; --quick 1s and 2s)
              --repeat N            runs per row and server, median shown (default 1)
              --load-inbox on|off   the jar's web inbox during the load rows (default on)
              --quick               short runs, heap at 10000 only
            """;

    private StandaloneBench() {
    }

    /** What to measure. */
    static final class Options {
        Path jar;
        /** Another build of the jar (e.g. main's) measured beside it in the same run: the "before" column. */
        Path beforeJar;
        /** JVM options added for the "before" server only, e.g. -Dfakemail.sessionThreads=virtual. */
        List<String> beforeOpts = List.of();
        Path greenMail;
        Path serverJava = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> serverOpts = List.of("-Xms2g", "-Xmx2g");
        List<String> fakemailArgs = List.of();
        boolean heap = true;
        boolean load = true;
        List<Integer> heapMessages = List.of(10_000, 100_000);
        List<LoadSpec> rows = new ArrayList<>();
        Duration warmup = Duration.ofSeconds(3);
        Duration duration = Duration.ofSeconds(5);
        int repeat = 1;
        /** Whether the jar runs its web inbox during the load rows (the default, as people run it). */
        boolean loadInbox = true;

        static Options parse(String[] args) {
            Options options = new Options();
            List<String> rowTexts = List.of("session/2k/1", "session/2k/8", "session/2k/64", "pipelined/2k/1",
                    "pipelined/2k/8", "pipelined/2k/64", "connect/2k/1", "connect/2k/8", "connect/2k/64",
                    "session/100k/8");
            boolean quick = false;
            boolean timesSet = false;
            boolean heapSet = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--quick")) {
                    quick = true;
                    continue;
                }
                if (arg.equals("--help") || arg.equals("-h")) {
                    throw new IllegalArgumentException("");
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                String value = args[++i];
                switch (arg) {
                    case "--jar" -> options.jar = Path.of(value);
                    case "--before-jar" -> options.beforeJar = value.isBlank() || value.equals("none") ? null
                            : Path.of(value);
                    case "--greenmail" -> options.greenMail = value.isBlank() || value.equals("none") ? null
                            : Path.of(value);
                    case "--server-java" -> options.serverJava = Path.of(value);
                    case "--server-opts" -> options.serverOpts = words(value);
                    case "--before-opts" -> options.beforeOpts = words(value);
                    case "--fakemail-args" -> options.fakemailArgs = words(value);
                    case "--sections" -> {
                        List<String> sections = List.of(value.split(","));
                        options.heap = sections.contains("heap");
                        options.load = sections.contains("load");
                    }
                    case "--heap-messages" -> {
                        options.heapMessages = Arrays.stream(value.split(",")).map(String::trim)
                                .map(Integer::parseInt).toList();
                        heapSet = true;
                    }
                    case "--rows" -> rowTexts = List.of(value.split(","));
                    case "--warmup" -> {
                        options.warmup = Sizes.parseDuration(value);
                        timesSet = true;
                    }
                    case "--duration" -> {
                        options.duration = Sizes.parseDuration(value);
                        timesSet = true;
                    }
                    case "--repeat" -> options.repeat = Integer.parseInt(value);
                    case "--load-inbox" -> options.loadInbox = !value.equals("off");
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            if (quick && !timesSet) {
                options.warmup = Duration.ofSeconds(1);
                options.duration = Duration.ofSeconds(2);
            }
            if (quick && !heapSet) {
                options.heapMessages = List.of(10_000);
            }
            if (options.beforeJar != null && options.beforeJar.toString().equals("this")) {
                options.beforeJar = options.jar; // the same build, e.g. with other --before-opts
            }
            if (options.jar == null || !Files.isRegularFile(options.jar)) {
                throw new IllegalArgumentException("--jar must name the standalone jar, got " + options.jar);
            }
            for (String row : rowTexts) {
                String[] parts = row.trim().split("/");
                if (parts.length != 3) {
                    throw new IllegalArgumentException("a row is MODE/SIZE/CONNS, e.g. session/2k/8, got " + row);
                }
                options.rows.add(LoadSpec.timed(LoadMode.parse(parts[0]), Sizes.parseSize(parts[1]),
                        Integer.parseInt(parts[2]), options.warmup, options.duration));
            }
            return options;
        }

        private static List<String> words(String value) {
            return Arrays.stream(value.trim().split("\\s+")).filter(word -> !word.isEmpty()).toList();
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        StringBuilder report = new StringBuilder();
        environment(options, report);
        boolean clean = true;
        if (options.heap) {
            clean &= heapSection(options, report);
        }
        if (options.load) {
            clean &= loadSection(options, report);
        }
        report.append("\nSystem load average at the end: ").append(loadAverage()).append('\n');
        System.out.print(report);
        System.out.flush();
        if (!clean) {
            System.err.println("SOME RUNS FAILED THEIR CHECK (see the Check column)");
            System.exit(1);
        }
    }

    // ---------------------------------------------------------------------------------------------- heap

    /** One heap measure: live bytes before and after storing {@code messages} more messages. */
    record HeapResult(String server, int messages, long before, long after, String error) {
        double perMessage() {
            return (after - before) / (double) messages;
        }
    }

    /** One request of the web inbox's JSON API, timed over real HTTP with the heap measure's messages stored. */
    record RequestTiming(String server, int messages, String request, double medianMillis, double p95Millis,
            String total) {
    }

    /** The requests timed: the list, and searches that look at every message. */
    private static final List<String[]> REQUESTS = List.of(
            new String[] {"list, page 1", "/api/messages?limit=50"},
            new String[] {"list, last page", "/api/messages?limit=50&offset=LAST"},
            new String[] {"search, no match, any field", "/api/messages?q=zzzz-nowhere"},
            new String[] {"search text:, no match", "/api/messages?q=text:token-nowhere"},
            new String[] {"search subject:, all match", "/api/messages?q=subject:benchmark"},
            new String[] {"search from:, all match", "/api/messages?q=from:load"});
    private static final int REQUEST_WARMUP = 10;
    private static final int REQUEST_RUNS = 21;

    private static final List<RequestTiming> TIMINGS = new ArrayList<>();

    private static boolean heapSection(Options options, StringBuilder out) throws Exception {
        List<HeapResult> results = new ArrayList<>();
        for (int messages : options.heapMessages) {
            if (options.beforeJar != null) {
                results.add(heap(options, "fakemail before, web inbox on", messages,
                        fakemailCommand(options, true, true), true));
            }
            results.add(heap(options, "fakemail standalone, web inbox on", messages, fakemailCommand(options, true),
                    true));
            if (options.beforeJar != null) {
                results.add(heap(options, "fakemail before, --web-port off", messages,
                        fakemailCommand(options, true, false), false));
            }
            results.add(heap(options, "fakemail standalone, --web-port off", messages,
                    fakemailCommand(options, false), false));
            if (options.greenMail != null) {
                results.add(heap(options, "GreenMail standalone (its API on)", messages, greenMailCommand(options),
                        false));
            }
        }
        out.append("\n### Heap per stored 2 KB message (live bytes after full GC, jcmd GC.class_histogram)\n\n");
        out.append("| Server | Messages | Live before | Live after | Per message | ÷ 2,048 | Target | Met |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
        boolean clean = true;
        for (HeapResult result : results) {
            if (result.error() != null) {
                clean = false;
                out.append("| ").append(result.server()).append(" | ").append(result.messages())
                        .append(" | FAILED: ").append(result.error().replace('|', '/').replace('\n', ' '))
                        .append(" | | | | | |\n");
                continue;
            }
            double ratio = result.perMessage() / MESSAGE_SIZE;
            boolean fakemail = result.server().startsWith("fakemail");
            out.append("| ").append(result.server())
                    .append(" | ").append(Sizes.grouped(result.messages()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f MB", result.before() / 1e6))
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f MB", result.after() / 1e6))
                    .append(" | ").append(Sizes.grouped(result.perMessage())).append(" B")
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f×", ratio))
                    .append(" | ").append(fakemail ? "≤ " + HEAP_TARGET + "×" : "")
                    .append(" | ").append(fakemail ? (ratio <= HEAP_TARGET ? "yes" : "**no**") : "")
                    .append(" |\n");
        }
        if (!TIMINGS.isEmpty()) {
            out.append("\n### Web inbox JSON API with those messages stored (over HTTP, median of ")
                    .append(REQUEST_RUNS).append(" after ").append(REQUEST_WARMUP).append(" warm-up calls)\n\n");
            out.append("| Server | Messages | Request | median ms | p95 ms | total |\n|---|---:|---|---:|---:|---:|\n");
            for (RequestTiming timing : TIMINGS) {
                out.append("| ").append(timing.server()).append(" | ").append(Sizes.grouped(timing.messages()))
                        .append(" | ").append(timing.request())
                        .append(String.format(Locale.ROOT, " | %.1f | %.1f | ", timing.medianMillis(),
                                timing.p95Millis()))
                        .append(timing.total()).append(" |\n");
            }
        }
        return clean;
    }

    private static void timeRequests(ServerProcess process, String server, int messages, int stored)
            throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (String[] request : REQUESTS) {
            URI uri = URI.create("http://127.0.0.1:" + process.port("web")
                    + request[1].replace("LAST", Integer.toString(Math.max(0, stored - 50))));
            String total = "";
            double[] millis = new double[REQUEST_RUNS];
            for (int i = 0; i < REQUEST_WARMUP + REQUEST_RUNS; i++) {
                long start = System.nanoTime();
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofString());
                double elapsed = (System.nanoTime() - start) / 1e6;
                if (response.statusCode() != 200) {
                    throw new IOException(uri + " answered " + response.statusCode() + ": " + response.body());
                }
                if (i >= REQUEST_WARMUP) {
                    millis[i - REQUEST_WARMUP] = elapsed;
                }
                Matcher matcher = TOTAL.matcher(response.body());
                total = matcher.find() ? matcher.group(1) : "?";
            }
            Arrays.sort(millis);
            TIMINGS.add(new RequestTiming(server, messages, request[0], millis[REQUEST_RUNS / 2],
                    millis[(int) Math.ceil(REQUEST_RUNS * 0.95) - 1], total));
        }
    }

    private static HeapResult heap(Options options, String server, int messages, List<String> command,
            boolean webInbox) throws Exception {
        ProcessHeap heap = new ProcessHeap(javaHome(options.serverJava));
        try (ServerProcess process = start(server, command)) {
            SmtpLoadGenerator generator = new SmtpLoadGenerator(process.smtp(), null);
            fill(generator, HEAP_WARMUP_MESSAGES, server);
            awaitIndexed(process, webInbox, HEAP_WARMUP_MESSAGES);
            long before = heap.liveBytes(process.pid());
            fill(generator, messages, server);
            awaitIndexed(process, webInbox, HEAP_WARMUP_MESSAGES + messages);
            long after = heap.liveBytes(process.pid());
            if (webInbox) {
                timeRequests(process, server, messages, HEAP_WARMUP_MESSAGES + messages);
            }
            HeapResult result = new HeapResult(server, messages, before, after, null);
            Benchmarks.progress(String.format(Locale.ROOT, "  %s, %d messages: %.0f B per message", server,
                    messages, result.perMessage()));
            return result;
        } catch (IOException | RuntimeException e) {
            Benchmarks.progress("  " + server + " failed: " + e);
            return new HeapResult(server, messages, 0, 0, e.toString());
        }
    }

    private static void fill(SmtpLoadGenerator generator, int messages, String server) throws Exception {
        Benchmarks.progress("  " + server + ": storing " + messages + " x 2 KB");
        LoadResult result = generator.run(LoadSpec.counted(LoadMode.SESSION, MESSAGE_SIZE, 8, messages));
        if (!result.errors().isEmpty() || result.acknowledged() != messages) {
            throw new IOException("filling failed: " + result.acknowledged() + " of " + messages + " acknowledged, "
                    + result.errors());
        }
    }

    /** With the web inbox on: until its list counts every message, so the index is built when the heap is read. */
    private static void awaitIndexed(ServerProcess process, boolean webInbox, int expected) throws Exception {
        if (!webInbox) {
            return;
        }
        int port = process.port("web");
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/messages?limit=1");
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 300_000;
        long total = -1;
        while (System.currentTimeMillis() < deadline) {
            String body = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher matcher = TOTAL.matcher(body);
            total = matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
            if (total == expected) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IOException("the web inbox lists " + total + " messages, expected " + expected);
    }

    // ---------------------------------------------------------------------------------------------- load

    /** One row: the runs against each server, in the order fakemail, GreenMail, sink. */
    record LoadRow(LoadSpec spec, List<LoadResult> before, List<LoadResult> fakemail, List<LoadResult> greenMail,
            List<LoadResult> sink) {
    }

    private static boolean loadSection(Options options, StringBuilder out) throws Exception {
        List<LoadRow> rows = new ArrayList<>();
        // One process per server for all rows (warm, as a server people keep running), each emptied between runs:
        // fakemail by its default cap of 5,000 received messages, GreenMail through its purge API.
        try (ServerProcess before = options.beforeJar == null ? null
                        : start("fakemail before", fakemailLoadCommand(options, true));
                ServerProcess fakemail = start("fakemail", fakemailLoadCommand(options, false));
                ServerProcess greenMail = options.greenMail == null ? null
                        : start("GreenMail", greenMailCommand(options));
                ServerProcess sink = start("sink", sinkCommand(options))) {
            for (LoadSpec spec : options.rows) {
                LoadRow row = new LoadRow(spec, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                        new ArrayList<>());
                for (int i = 0; i < options.repeat; i++) {
                    if (before != null) {
                        row.before().add(loadOnce(before, spec));
                    }
                    row.fakemail().add(loadOnce(fakemail, spec));
                    if (greenMail != null) {
                        purgeGreenMail(greenMail);
                        row.greenMail().add(loadOnce(greenMail, spec));
                    }
                    row.sink().add(loadOnce(sink, spec));
                }
                rows.add(row);
            }
        }
        boolean withGreenMail = options.greenMail != null;
        out.append("\n### SMTP ingest, every server a process of its own, fakemail's web inbox ")
                .append(options.loadInbox ? "on" : "off (--web-port off)")
                .append(options.repeat > 1 ? " (median of " + options.repeat + " runs)" : "").append("\n\n");
        boolean withBefore = options.beforeJar != null;
        out.append("| Mode | Size | Conns |").append(withBefore ? " before msg/s | before % of sink |" : "")
                .append(" fakemail msg/s | % of sink |")
                .append(withGreenMail ? " GreenMail msg/s |" : "").append(" Sink msg/s | Check |\n");
        out.append("|---|---|---:|").append(withBefore ? "---:|---:|" : "").append("---:|---:|")
                .append(withGreenMail ? "---:|" : "").append("---:|---|\n");
        boolean clean = true;
        for (LoadRow row : rows) {
            LoadResult fakemail = median(row.fakemail());
            LoadResult sink = median(row.sink());
            out.append("| ").append(row.spec().mode().label)
                    .append(" | ").append(Sizes.format(row.spec().messageSize()))
                    .append(" | ").append(row.spec().connections());
            if (withBefore) {
                LoadResult before = median(row.before());
                out.append(" | ").append(rate(before)).append(" | ").append(percent(before, sink));
            }
            out.append(" | ").append(rate(fakemail)).append(" | ").append(percent(fakemail, sink));
            if (withGreenMail) {
                LoadResult greenMail = median(row.greenMail());
                out.append(" | ").append(greenMail == null || !greenMail.errors().isEmpty()
                        ? "failed" + (greenMail == null ? "" : ": " + first(greenMail.errors())) : rate(greenMail));
            }
            boolean rowClean = row.fakemail().stream().allMatch(r -> r != null && r.errors().isEmpty())
                    && row.before().stream().allMatch(r -> r != null && r.errors().isEmpty())
                    && row.sink().stream().allMatch(r -> r != null && r.errors().isEmpty());
            clean &= rowClean;
            out.append(" | ").append(rate(sink)).append(" | ")
                    .append(rowClean ? "ok" : "FAILED: " + errorsOf(row)).append(" |\n");
        }
        return clean;
    }

    private static LoadResult loadOnce(ServerProcess server, LoadSpec spec) throws Exception {
        Benchmarks.progress(server.name() + ": " + spec);
        LoadResult result = new SmtpLoadGenerator(server.smtp(), null).run(spec);
        Benchmarks.progress("  " + Sizes.grouped(result.messagesPerSecond()) + " msg/s"
                + (result.errors().isEmpty() ? "" : " " + result.errors()));
        return result;
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

    private static String errorsOf(LoadRow row) {
        List<LoadResult> all = new ArrayList<>(row.fakemail());
        all.addAll(row.before());
        all.addAll(row.sink());
        return all.stream().filter(r -> r != null && !r.errors().isEmpty()).map(r -> first(r.errors()))
                .findFirst().orElse("?");
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

    private static LoadResult median(List<LoadResult> results) {
        if (results.isEmpty()) {
            return null;
        }
        List<LoadResult> sorted = new ArrayList<>(results);
        sorted.sort((a, b) -> Double.compare(a.messagesPerSecond(), b.messagesPerSecond()));
        return sorted.get((sorted.size() - 1) / 2);
    }

    // ---------------------------------------------------------------------------------------------- processes

    private static ServerProcess start(String name, List<String> command) throws IOException, InterruptedException {
        int smtpPort = 0;
        int index = command.indexOf("-Dgreenmail.smtp.port=PORT");
        if (index >= 0) { // GreenMail cannot pick a free port itself
            smtpPort = ServerProcess.freePort();
            command = new ArrayList<>(command);
            command.set(index, "-Dgreenmail.smtp.port=" + smtpPort);
            int api = command.indexOf("-Dgreenmail.api.port=PORT");
            int apiPort = ServerProcess.freePort();
            command.set(api, "-Dgreenmail.api.port=" + apiPort);
            ServerProcess process = ServerProcess.start(name, command, smtpPort);
            process.apiPort(apiPort);
            return process;
        }
        return ServerProcess.start(name, command, smtpPort);
    }

    /**
     * The jar as a user runs it, every listener on a free port, one line per message off (--quiet), the
     * received-message cap off so the heap measure keeps every message, the web inbox on a free port or off.
     */
    static List<String> fakemailCommand(Options options, boolean webInbox) {
        return fakemailCommand(options, false, webInbox);
    }

    /** The jar under test, or with {@code before} the other build (--before-jar) with its extra options. */
    static List<String> fakemailCommand(Options options, boolean before, boolean webInbox) {
        Path jar = before ? options.beforeJar : options.jar;
        List<String> command = new ArrayList<>();
        command.add(options.serverJava.toString());
        command.addAll(options.serverOpts);
        if (before) {
            command.addAll(options.beforeOpts);
        }
        command.addAll(List.of("-jar", jar.toString(), "--quiet", "--max-messages", "unlimited",
                "--smtp-port", "0", "--smtps-port", "0", "--pop3-port", "0", "--pop3s-port", "0", "--imap-port", "0",
                "--imaps-port", "0", "--web-port", webInbox ? "0" : "off"));
        command.addAll(options.fakemailArgs);
        return command;
    }

    /** For the load rows: the jar with its default cap of received messages, which bounds its heap. */
    static List<String> fakemailLoadCommand(Options options, boolean before) {
        List<String> command = fakemailCommand(options, before, options.loadInbox);
        int cap = command.indexOf("--max-messages");
        command.remove(cap + 1);
        command.remove(cap);
        return command;
    }

    private static List<String> greenMailCommand(Options options) {
        List<String> command = new ArrayList<>();
        command.add(options.serverJava.toString());
        command.addAll(options.serverOpts);
        command.addAll(List.of("-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=PORT",
                "-Dgreenmail.api.hostname=127.0.0.1", "-Dgreenmail.api.port=PORT", "-Dgreenmail.auth.disabled",
                "-jar", options.greenMail.toString()));
        return command;
    }

    private static List<String> sinkCommand(Options options) {
        List<String> command = new ArrayList<>();
        command.add(options.serverJava.toString());
        command.addAll(options.serverOpts);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SinkServerMain.class.getName()));
        return command;
    }

    private static Path javaHome(Path java) {
        return java.toAbsolutePath().getParent().getParent();
    }

    private static void environment(Options options, StringBuilder out) throws Exception {
        out.append("## fakemail standalone benchmark\n\n");
        out.append("- Servers: ").append(options.serverJava).append(' ').append(String.join(" ", options.serverOpts))
                .append(" (").append(serverVersion(options.serverJava)).append(")\n");
        if (options.beforeJar != null) {
            out.append("- fakemail before: ").append(options.beforeJar).append(' ')
                    .append(String.join(" ", options.beforeOpts)).append('\n');
        }
        out.append("- fakemail: ").append(options.jar).append(options.fakemailArgs.isEmpty() ? ""
                : " " + String.join(" ", options.fakemailArgs)).append('\n');
        out.append("- GreenMail: ").append(options.greenMail == null ? "not run" : options.greenMail).append('\n');
        out.append("- Load generator: this JVM, ").append(System.getProperty("java.runtime.version"))
                .append("; each row: ").append(options.warmup.toMillis()).append(" ms warm-up, ")
                .append(options.duration.toMillis()).append(" ms measured, a fresh server process per run\n");
        out.append("- CPUs: ").append(Runtime.getRuntime().availableProcessors())
                .append(", load average at the start: ").append(loadAverage()).append('\n');
    }

    private static String serverVersion(Path java) throws Exception {
        Process process = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        String[] lines = output.split("\n");
        return lines.length > 1 ? lines[1].trim() : output.trim();
    }

    private static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", load);
    }
}
