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
 * Where a server's CPU goes, from async-profiler's collapsed stacks (one line per distinct stack:
 * {@code [thread name tid=N];frame;...;leaf count}). A sample of a session thread goes to the innermost frame of
 * the server's own code, by package ({@code internal/store}, {@code internal/journal}, ...), so the socket reads
 * and writes a session makes (their time in the kernel included) count for the package that made them; samples of
 * every other thread (JIT, GC) are one part. The samples only give shares: the microseconds come from the process's
 * own CPU time over the same run, so the figures add up to what {@code /proc} says the process spent.
 */
final class CpuBreakdown {
    /** Session samples with no frame of the server's own code (the JVM's, a thread's start). */
    static final String OUTSIDE = "(outside)";
    /** Every thread that is not a session thread. */
    static final String OTHER_THREADS = "other threads";

    private final Map<String, Long> parts;
    private final long samples;
    private final long sessionSamples;

    private CpuBreakdown(Map<String, Long> parts, long samples, long sessionSamples) {
        this.parts = parts;
        this.samples = samples;
        this.sessionSamples = sessionSamples;
    }

    /**
     * Reads every sample; those of threads whose names start with {@code sessionPrefix} go to the packages below
     * {@code codeRoot} (e.g. {@code dev/fakemail/}), the rest to {@link #OTHER_THREADS}. An empty prefix takes every
     * thread as a session thread (virtual threads: the samples are their carriers').
     */
    static CpuBreakdown read(Path collapsed, String sessionPrefix, String codeRoot) throws IOException {
        try (BufferedReader lines = Files.newBufferedReader(collapsed, StandardCharsets.UTF_8)) {
            return parse(lines.lines().toList(), sessionPrefix, codeRoot);
        }
    }

    static CpuBreakdown parse(List<String> lines, String sessionPrefix, String codeRoot) {
        Map<String, Long> parts = new LinkedHashMap<>();
        long samples = 0;
        long sessionSamples = 0;
        for (String line : lines) {
            int space = line.lastIndexOf(' ');
            if (space < 0 || !line.startsWith("[")) {
                continue;
            }
            long count;
            try {
                count = Long.parseLong(line.substring(space + 1).trim());
            } catch (NumberFormatException notAStackLine) {
                continue;
            }
            String part = OTHER_THREADS;
            if (line.startsWith("[" + sessionPrefix)) {
                String[] frames = line.substring(0, space).split(";");
                part = OUTSIDE;
                for (int i = frames.length - 1; i > 0; i--) {
                    if (frames[i].startsWith(codeRoot)) {
                        part = packageOf(frames[i].substring(codeRoot.length()));
                        break;
                    }
                }
                sessionSamples += count;
            }
            parts.merge(part, count, Long::sum);
            samples += count;
        }
        return new CpuBreakdown(parts, samples, sessionSamples);
    }

    /** {@code internal/store/InMemoryMailStore.deliver} -> {@code internal/store}. */
    private static String packageOf(String frame) {
        int dot = frame.indexOf('.');
        String type = dot < 0 ? frame : frame.substring(0, dot);
        int slash = type.lastIndexOf('/');
        return slash < 0 ? "(root)" : type.substring(0, slash);
    }

    long samples() {
        return samples;
    }

    long sessionSamples() {
        return sessionSamples;
    }

    /**
     * One table cell, in microseconds per message: the process's CPU and its kernel time, then the parts from the
     * largest, each its share of the samples times the process's CPU: "20.1 (kernel 12.9): internal/net 15.2 ·
     * internal/store 2.1 · ... · other threads 0.6". Parts under 0.05 µs are left out.
     */
    String describe(double cpuMicrosPerMessage, double kernelMicrosPerMessage) {
        if (samples == 0 || Double.isNaN(cpuMicrosPerMessage)) {
            return "no samples";
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%.1f (kernel %.1f):", cpuMicrosPerMessage,
                kernelMicrosPerMessage));
        List<Map.Entry<String, Long>> largest = new ArrayList<>(parts.entrySet());
        largest.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
        String separator = " ";
        for (Map.Entry<String, Long> part : largest) {
            double micros = cpuMicrosPerMessage * part.getValue() / samples;
            if (micros >= 0.05) {
                text.append(separator).append(part.getKey()).append(String.format(Locale.ROOT, " %.1f", micros));
                separator = " · ";
            }
        }
        return text.toString();
    }
}
