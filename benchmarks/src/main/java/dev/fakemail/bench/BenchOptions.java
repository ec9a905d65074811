package dev.fakemail.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/** Command-line options of {@link Benchmarks}. */
final class BenchOptions {
    static final String USAGE = """
            Usage: bench/run.sh [options]     (or java -cp ... dev.fakemail.bench.Benchmarks [options])

              --quick                 short runs: 0.5 s warm-up + 1 s measured per row (whole run < 1 min)
              --warmup D              warm-up per row before measuring (default 2s); D like 500ms, 3s, 1m
              --duration D            measured interval per row (default 5s)
              --modes LIST            session,pipelined,connect (default: all)
              --sizes LIST            message sizes, e.g. 2k,100k (default: 2k,100k)
              --connections LIST      concurrent connections, e.g. 1,8,64 (default: 1,8,64)
              --sections LIST         load,heap,startstop,pop3 (default: all; heap, startstop and pop3 need
                                      in-process)
              --targets-only          only the rows that have a target (2 KB session x8, pipelined x8,
                                      connect x1; 100 KB session x8)
              --repeat N              run each row N times and report the median (default 1)
              --sink                  also run each row, back-to-back, against a trivial in-process SMTP
                                      sink (no parsing, no storing): the ceiling of this machine right now;
                                      pop3: each session also against a trivial POP3 sink
              --heap-messages N       messages stored for the heap measure (default 20000)
              --cycles N              measured start+stop cycles (default 200, after 50 warm-up cycles)
              --store-budget-mb N     reset the in-process store when it holds more than N MB (default 256)
              --pop3-messages N       messages in the POP3 maildrop (default 10000)
              --pop3-size S           their size, e.g. 2k (default 2k)
              --pop3-sessions N       measured POP3 sessions, median shown (default 5, --quick 3), after
                                      --pop3-warmup N warm-up sessions (default 1)
              --pop3-batch N          RETR commands per pipelined batch (default 100)
              --pop3-virtual-sink     with --sink: the POP3 sink runs a virtual thread per connection
                                      (JDK 21+) instead of a pooled platform thread
              --host H                external server host (default 127.0.0.1)
              --port N                load an external server (e.g. the standalone jar) instead of an
                                      in-process one; skips the stored-count check, heap, start/stop
                                      and pop3
              --help                  this text

            Modes: session   = EHLO once, then MAIL/RCPT/DATA/body/. per message, each reply awaited
                   pipelined = EHLO once, then body + . + next MAIL/RCPT/DATA in one write (RFC 2920)
                   connect   = connect, EHLO, MAIL, RCPT, DATA, body, ., QUIT for every message
            POP3:  one session: USER, PASS, STAT, LIST, UIDL, RETR 1..N lock-step, RETR 1..N pipelined, QUIT
            """;

    enum Section { LOAD, HEAP, STARTSTOP, POP3 }

    Duration warmup = Duration.ofSeconds(2);
    Duration duration = Duration.ofSeconds(5);
    List<LoadMode> modes = List.of(LoadMode.values());
    List<Integer> sizes = List.of(2 * 1024, 100 * 1024);
    List<Integer> connections = List.of(1, 8, 64);
    Set<Section> sections = EnumSet.allOf(Section.class);
    int repeat = 1;
    boolean sink;
    boolean targetsOnly;
    int heapMessages = 20_000;
    int cycles = 200;
    int warmupCycles = 50;
    int pop3Messages = 10_000;
    int pop3Size = 2 * 1024;
    int pop3Sessions = 5;
    int pop3Warmup = 1;
    int pop3Batch = 100;
    boolean pop3VirtualSink;
    long storeBudgetOctets = 256L * 1024 * 1024;
    String host = "127.0.0.1";
    int port = -1;
    boolean quick;
    boolean help;

    boolean external() {
        return port >= 0;
    }

    static BenchOptions parse(String[] args) {
        BenchOptions options = new BenchOptions();
        Set<String> given = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                value = arg.substring(equals + 1);
                arg = arg.substring(0, equals);
            }
            if (List.of("--quick", "--sink", "--pop3-virtual-sink", "--targets-only", "--help", "-h").contains(arg)) {
                options.quick |= arg.equals("--quick");
                options.pop3VirtualSink |= arg.equals("--pop3-virtual-sink");
                options.sink |= arg.equals("--sink");
                options.targetsOnly |= arg.equals("--targets-only");
                options.help |= arg.equals("--help") || arg.equals("-h");
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                value = args[++i];
            }
            given.add(arg);
            switch (arg) {
                case "--warmup" -> options.warmup = Sizes.parseDuration(value);
                case "--duration" -> options.duration = Sizes.parseDuration(value);
                case "--modes" -> options.modes = list(value, LoadMode::parse);
                case "--sizes" -> options.sizes = list(value, Sizes::parseSize);
                case "--connections" -> options.connections = list(value, Integer::parseInt);
                case "--sections", "--only" -> options.sections = EnumSet.copyOf(list(value, BenchOptions::section));
                case "--repeat" -> options.repeat = Integer.parseInt(value);
                case "--heap-messages" -> options.heapMessages = Integer.parseInt(value);
                case "--cycles" -> options.cycles = Integer.parseInt(value);
                case "--pop3-messages" -> options.pop3Messages = Integer.parseInt(value);
                case "--pop3-size" -> options.pop3Size = Sizes.parseSize(value);
                case "--pop3-sessions" -> options.pop3Sessions = Integer.parseInt(value);
                case "--pop3-warmup" -> options.pop3Warmup = Integer.parseInt(value);
                case "--pop3-batch" -> options.pop3Batch = Integer.parseInt(value);
                case "--store-budget-mb" -> options.storeBudgetOctets = Long.parseLong(value) * 1024 * 1024;
                case "--host" -> options.host = value;
                case "--port" -> options.port = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (options.quick) {
            options.warmup = given.contains("--warmup") ? options.warmup : Duration.ofMillis(500);
            options.duration = given.contains("--duration") ? options.duration : Duration.ofSeconds(1);
            options.cycles = Math.min(options.cycles, 100);
            options.warmupCycles = 20;
            options.pop3Sessions = given.contains("--pop3-sessions") ? options.pop3Sessions : 3;
        }
        if (options.duration.isZero() || options.duration.isNegative()) {
            throw new IllegalArgumentException("--duration must be positive");
        }
        if (options.repeat < 1) {
            throw new IllegalArgumentException("--repeat must be positive");
        }
        if (options.connections.stream().anyMatch(count -> count < 1)) {
            throw new IllegalArgumentException("--connections must be positive");
        }
        if (options.pop3Messages < 1 || options.pop3Sessions < 1 || options.pop3Warmup < 0
                || options.pop3Batch < 1) {
            throw new IllegalArgumentException("--pop3-messages, --pop3-sessions and --pop3-batch must be positive,"
                    + " --pop3-warmup not negative");
        }
        if (options.pop3VirtualSink && Runtime.version().feature() < 21) {
            throw new IllegalArgumentException("--pop3-virtual-sink needs JDK 21 or later");
        }
        if (options.external()) {
            options.sections.remove(Section.HEAP);
            options.sections.remove(Section.STARTSTOP);
            options.sections.remove(Section.POP3);
        }
        return options;
    }

    private static Section section(String text) {
        try {
            return Section.valueOf(text.trim().toUpperCase(Locale.ROOT).replace("-", "").replace("+", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown section '" + text + "' (load, heap, startstop, pop3)", e);
        }
    }

    private static <T> List<T> list(String value, Function<String, T> parser) {
        List<T> items = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(parser.apply(item.trim()));
            }
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("empty list: '" + value + "'");
        }
        return List.copyOf(items);
    }
}
