package dev.fakemail.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The options of {@link StandaloneBench}. */
final class StandaloneOptions {
    static final String USAGE = """
            Usage: bench/run.sh --standalone [options]
              --jar PATH            the standalone jar (bench/run.sh: docker/target/fakemail.jar)
              --before-jar PATH     another build of the jar (e.g. main's), measured beside it: before/after
              --before-opts "..."   JVM options for the "before" server only; with --before-jar this, the
                                    same build, e.g. --before-opts -Dfakemail.sessionThreads=virtual
              --greenmail PATH      GreenMail standalone jar to run beside it, or none (bench/run.sh finds
                                    greenmail-standalone-2.1.13.jar in ~/.m2 if it is there)
              --server-java PATH    java for the server processes (default: the one running this)
              --server-opts "..."   their JVM options (default "-Xms2g -Xmx2g -XX:+AlwaysPreTouch": every
                                    server starts with its heap touched, as one that has run a while)
              --fakemail-args "..." extra flags for the jar, e.g. "--max-connections 2000"
              --sections LIST       heap,load (default both)
              --heap-messages LIST  stored messages per heap measure (default 10000,100000)
              --rows LIST           load rows MODE/SIZE/CONNS (default: session, pipelined and connect at
                                    2k x 1, 8, 64, and session/100k/8)
              --warmup D, --duration D   per run (default 3s and 5s; --quick 1s and 2s)
              --process-warmup D    before the first row, load each server process in every mode of the
                                    rows until its JIT settles, at most this long per mode (default
                                    60s; --quick 0s)
              --repeat N            runs per row and server, median shown (default 1)
              --processes N         start every server N times, each time warmed up and running every row
                                    --repeat times; the median is over all runs (default 1): one
                                    process of a jar can be faster than the next by 20 % and more
              --load-inbox on|off   the jar's web inbox during the load rows (default on)
              --keeping-sink N|off  also run the keeping sink: the sink, but each message copied into an
                                    array of its own and the last N held, as fakemail's default count
                                    limit holds 5,000 (default off): what storing the bytes alone costs
              --profile DIR         after each row's measured runs, one more run of it per server
                                    (GreenMail aside) with async-profiler attached: collapsed stacks
                                    per thread in DIR (a path without commas; relative to the
                                    repository), and under the table the process's CPU per message,
                                    kernel apart, split by the package its session threads were in
              --quick               short runs, heap at 10000 only
            """;

    Path jar;
    /** Another build of the jar (e.g. main's) measured beside it in the same run: the "before" column. */
    Path beforeJar;
    /** JVM options added for the "before" server only, e.g. -Dfakemail.sessionThreads=virtual. */
    List<String> beforeOpts = List.of();
    Path greenMail;
    Path serverJava = Path.of(System.getProperty("java.home"), "bin", "java");
    /**
     * The same for every server. AlwaysPreTouch: a JVM touches each page of its heap for the first time only once,
     * and each first touch is a page fault and a zeroed page (system time); with a 2 GB heap a server needs about a
     * million 2 KB messages to get past them, far more than a run's warm-up, so without it the rows measured start-up
     * (0.5 to 1.2 faults and 4 µs of system time per message, against none for the sink, which allocates nothing).
     */
    List<String> serverOpts = List.of("-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch");
    List<String> fakemailArgs = List.of();
    boolean heap = true;
    boolean load = true;
    List<Integer> heapMessages = List.of(10_000, 100_000);
    List<LoadSpec> rows = new ArrayList<>();
    Duration warmup = Duration.ofSeconds(3);
    Duration duration = Duration.ofSeconds(5);
    /**
     * The most unmeasured load on each server process per mode before the first row (see
     * {@code StandaloneLoad.warmUp}: it ends as soon as the JIT has settled). A bigger program than the sink is
     * still compiling for its first 20 to 40 s under load, which a row's own warm-up does not cover.
     */
    Duration processWarmup = Duration.ofSeconds(60);
    int repeat = 1;
    /**
     * How many times each server process is started for the load rows. The same jar's pipelined rate can differ by
     * 20 % from one process to the next (77,000 against 64,000 msg/s, warmed the same way), more than between runs
     * in one process, so repeats in one process cannot average it out; fresh processes can.
     */
    int processes = 1;
    /** Whether the jar runs its web inbox during the load rows (the default, as people run it). */
    boolean loadInbox = true;
    /** Messages the keeping sink holds (see {@link SinkServer#SinkServer(int)}); 0: no keeping sink. */
    int keepingSink;
    /** Where the profiled runs' stacks go (see {@link AsyncProfiler}); null: no profiled runs. */
    Path profileDir;

    static StandaloneOptions parse(String[] args) {
        StandaloneOptions options = new StandaloneOptions();
        List<String> rowTexts = List.of("session/2k/1", "session/2k/8", "session/2k/64", "pipelined/2k/1",
                "pipelined/2k/8", "pipelined/2k/64", "connect/2k/1", "connect/2k/8", "connect/2k/64",
                "session/100k/8");
        boolean quick = false;
        Set<String> given = new HashSet<>();
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
            given.add(arg);
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
                case "--heap-messages" -> options.heapMessages = Arrays.stream(value.split(",")).map(String::trim)
                        .map(Integer::parseInt).toList();
                case "--rows" -> rowTexts = List.of(value.split(","));
                case "--warmup" -> options.warmup = Sizes.parseDuration(value);
                case "--duration" -> options.duration = Sizes.parseDuration(value);
                case "--process-warmup" -> options.processWarmup = Sizes.parseDuration(value);
                case "--repeat" -> options.repeat = Integer.parseInt(value);
                case "--processes" -> options.processes = Integer.parseInt(value);
                case "--load-inbox" -> options.loadInbox = !value.equals("off");
                case "--keeping-sink" -> options.keepingSink = value.equals("off") ? 0 : Integer.parseInt(value);
                case "--profile" -> options.profileDir = profileDir(value);
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (quick && !given.contains("--warmup") && !given.contains("--duration")) {
            options.warmup = Duration.ofSeconds(1);
            options.duration = Duration.ofSeconds(2);
        }
        if (quick && !given.contains("--process-warmup")) {
            options.processWarmup = Duration.ZERO;
        }
        if (quick && !given.contains("--heap-messages")) {
            options.heapMessages = List.of(10_000);
        }
        if (options.beforeJar != null && options.beforeJar.toString().equals("this")) {
            options.beforeJar = options.jar; // the same build, e.g. with other --before-opts
        }
        if (options.repeat < 1 || options.processes < 1) {
            throw new IllegalArgumentException("--repeat and --processes take a whole number from 1 up");
        }
        if (options.profileDir != null) {
            List<String> serverOpts = new ArrayList<>(options.serverOpts);
            serverOpts.addAll(AsyncProfiler.SERVER_OPTIONS);
            options.serverOpts = List.copyOf(serverOpts);
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

    /** The agent's command takes the output file after "file=" up to the next comma. */
    private static Path profileDir(String value) {
        if (value.contains(",")) {
            throw new IllegalArgumentException("--profile: async-profiler cannot write to a path with a comma: "
                    + value);
        }
        return Path.of(value).toAbsolutePath();
    }

    private static List<String> words(String value) {
        return Arrays.stream(value.trim().split("\\s+")).filter(word -> !word.isEmpty()).toList();
    }
}
