package dev.fakemail.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a server's session threads spend their CPU, from async-profiler's collapsed stacks (one line per distinct
 * stack: {@code [thread name tid=N];frame;frame;...;leaf count}, kernel frames ending in {@code _[k]}). Each sample
 * goes to the innermost frame of the server's own code, by package ({@code internal/store},
 * {@code internal/journal}, ...), so the socket reads a session makes count for the package that made them, and is
 * split by whether its leaf ran in the kernel. With the sampling interval and the messages of the profiled run this
 * gives microseconds of CPU per message per package, side by side for fakemail and the sinks.
 */
final class CpuBreakdown {
    /** Samples with no frame of the server's own code (the JVM's, a thread's start). */
    static final String OUTSIDE = "(outside)";

    private final Map<String, long[]> parts; // package -> {user samples, kernel samples}
    private final long samples;

    private CpuBreakdown(Map<String, long[]> parts, long samples) {
        this.parts = parts;
        this.samples = samples;
    }

    /**
     * Reads the samples of the threads whose names start with {@code threadPrefix} and attributes them to the
     * packages below {@code codeRoot} (e.g. {@code dev/fakemail/}).
     */
    static CpuBreakdown read(Path collapsed, String threadPrefix, String codeRoot) throws IOException {
        try (BufferedReader lines = Files.newBufferedReader(collapsed, StandardCharsets.UTF_8)) {
            return parse(lines.lines().toList(), threadPrefix, codeRoot);
        }
    }

    static CpuBreakdown parse(List<String> lines, String threadPrefix, String codeRoot) {
        Map<String, long[]> parts = new LinkedHashMap<>();
        long samples = 0;
        for (String line : lines) {
            int space = line.lastIndexOf(' ');
            if (space < 0 || !line.startsWith("[" + threadPrefix)) {
                continue;
            }
            long count;
            try {
                count = Long.parseLong(line.substring(space + 1).trim());
            } catch (NumberFormatException notAStackLine) {
                continue;
            }
            String[] frames = line.substring(0, space).split(";");
            String part = OUTSIDE;
            for (int i = frames.length - 1; i > 0; i--) {
                if (frames[i].startsWith(codeRoot)) {
                    part = packageOf(frames[i].substring(codeRoot.length()));
                    break;
                }
            }
            boolean kernel = frames[frames.length - 1].endsWith("_[k]");
            parts.computeIfAbsent(part, p -> new long[2])[kernel ? 1 : 0] += count;
            samples += count;
        }
        return new CpuBreakdown(parts, samples);
    }

    /** {@code internal/store/InMemoryMailStore.deliver} -> {@code internal/store}; a class at the root -> "". */
    private static String packageOf(String frame) {
        int dot = frame.indexOf('.');
        String type = dot < 0 ? frame : frame.substring(0, dot);
        int slash = type.lastIndexOf('/');
        return slash < 0 ? "(root)" : type.substring(0, slash);
    }

    long samples() {
        return samples;
    }

    /** CPU microseconds per message: samples times the interval, over the messages of the profiled run. */
    static double micros(long samples, long intervalMicros, long messages) {
        return messages <= 0 ? Double.NaN : (double) samples * intervalMicros / messages;
    }

    /**
     * One table cell: the total, its kernel share, then the parts from the largest, each with its kernel time when
     * it has any: "20.1 (kernel 12.9): internal/net 13.0 (k 11.8) · internal/store 2.1 · ...". Parts under
     * 0.05 µs are left out.
     */
    String describe(long intervalMicros, long messages) {
        if (samples == 0 || messages <= 0) {
            return "no samples";
        }
        long kernel = parts.values().stream().mapToLong(p -> p[1]).sum();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%.1f (kernel %.1f):",
                micros(samples, intervalMicros, messages), micros(kernel, intervalMicros, messages)));
        List<Map.Entry<String, long[]>> largest = new ArrayList<>(parts.entrySet());
        largest.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0] + e.getValue()[1])
                .reversed());
        String separator = " ";
        for (Map.Entry<String, long[]> part : largest) {
            double total = micros(part.getValue()[0] + part.getValue()[1], intervalMicros, messages);
            if (total < 0.05) {
                continue;
            }
            double inKernel = micros(part.getValue()[1], intervalMicros, messages);
            text.append(separator).append(part.getKey()).append(String.format(Locale.ROOT, " %.1f", total));
            if (inKernel >= 0.05) {
                text.append(String.format(Locale.ROOT, " (k %.1f)", inKernel));
            }
            separator = " · ";
        }
        return text.toString();
    }
}
