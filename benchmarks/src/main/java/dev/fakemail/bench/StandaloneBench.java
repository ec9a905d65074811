package dev.fakemail.bench;

import java.nio.file.Path;

/**
 * The standalone benchmark (issue 15): the packaged jar as a process, GreenMail standalone beside it when its jar
 * is given, and the trivial sink, each in a JVM of its own with the same options, loaded by the same generator
 * from this JVM. Two parts: heap per stored 2 KB message (jcmd class histograms before and after, web inbox on
 * and {@code --web-port off}, a fresh process per measure) and SMTP ingest per mode and connection count, one
 * warm process per server for all rows. Run it with {@code bench/run.sh --standalone}; see BENCHMARKS.md.
 */
public final class StandaloneBench {
    private StandaloneBench() {
    }

    public static void main(String[] args) throws Exception {
        StandaloneOptions options = Cli.parseOrExit(args, StandaloneOptions::parse, StandaloneOptions.USAGE);
        StringBuilder report = new StringBuilder();
        environment(options, report);
        boolean clean = true;
        if (options.heap) {
            clean &= StandaloneHeap.run(options, report);
        }
        if (options.load) {
            clean &= StandaloneLoad.run(options, report);
        }
        Cli.printReport(report, clean, "Check column");
    }

    private static void environment(StandaloneOptions options, StringBuilder out) throws Exception {
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
                .append(options.duration.toMillis()).append(" ms measured, one process per server for all rows")
                .append(options.processes > 1 ? ", started " + options.processes + " times;" : ";")
                .append(" heap: a fresh process per measure\n");
        out.append("- CPUs: ").append(Runtime.getRuntime().availableProcessors())
                .append(", load average at the start: ").append(Cli.loadAverage()).append('\n');
    }

    private static String serverVersion(Path java) throws Exception {
        Process process = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        String[] lines = output.split("\n");
        return lines.length > 1 ? lines[1].trim() : output.trim();
    }
}
