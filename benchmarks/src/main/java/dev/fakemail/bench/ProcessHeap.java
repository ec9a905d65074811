package dev.fakemail.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live heap of another JVM, read with {@code jcmd}: {@code GC.class_histogram} runs a full collection and then
 * counts every live object, so its total is exact to the byte, with no allowance for free space in regions.
 */
final class ProcessHeap {
    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

    private final Path jcmd;

    /** @param javaHome the JDK of the process to inspect (jcmd must match its version) */
    ProcessHeap(Path javaHome) {
        this.jcmd = javaHome.resolve("bin").resolve("jcmd");
    }

    /** Bytes of live objects after a full GC (the median of three histograms, each its own full GC). */
    long liveBytes(long pid) throws IOException, InterruptedException {
        long[] totals = new long[3];
        for (int i = 0; i < totals.length; i++) {
            totals[i] = histogramTotal(pid);
        }
        java.util.Arrays.sort(totals);
        return totals[1];
    }

    private long histogramTotal(long pid) throws IOException, InterruptedException {
        String output = run(List.of(jcmd.toString(), Long.toString(pid), "GC.class_histogram"));
        Matcher total = TOTAL.matcher(output);
        if (!total.find()) {
            throw new IOException("no Total line in jcmd GC.class_histogram output: "
                    + output.substring(0, Math.min(500, output.length())));
        }
        return Long.parseLong(total.group(2));
    }

    /** {@code jcmd PID GC.heap_info}, for the report: the collector's own view (regions, used, committed). */
    String heapInfo(long pid) throws IOException, InterruptedException {
        run(List.of(jcmd.toString(), Long.toString(pid), "GC.run"));
        return run(List.of(jcmd.toString(), Long.toString(pid), "GC.heap_info"));
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        return JdkTool.output(command, 60);
    }
}
