package dev.fakemail.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * How many methods another JVM's JIT has compiled so far, read with the JDK's {@code jstat -compiler PID} (the
 * JVM's own performance counters, no agent, nothing changed in the server). A server whose count stops moving under
 * load runs its final code; one whose count still moves is still compiling, and its rows would measure that.
 */
final class JitCompilations {
    private static final long JSTAT_TIMEOUT_SECONDS = 20;

    private final Path jstat;

    private JitCompilations(Path jstat) {
        this.jstat = jstat;
    }

    /** The jstat beside this java (a JDK's bin directory); {@code null} when there is none (a JRE). */
    static JitCompilations besideJava(Path java) {
        Path jstat = java.toAbsolutePath().resolveSibling("jstat");
        return Files.isExecutable(jstat) ? new JitCompilations(jstat) : null;
    }

    /** The JVM's count of compiled methods, or -1 if it cannot be read (exited, other user, no perf data). */
    long compiledMethods(long pid) {
        try {
            Process process = new ProcessBuilder(jstat.toString(), "-compiler", Long.toString(pid))
                    .redirectErrorStream(true).start();
            // Waited for before reading: its two short lines fit the pipe, and a jstat that hangs cannot hang us.
            if (!process.waitFor(JSTAT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            try (InputStream in = process.getInputStream()) {
                return process.exitValue() == 0 ? parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)) : -1;
            }
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * The "Compiled" column of jstat's output: a header line starting with "Compiled", then one line of numbers.
     * Anything else (an error message) gives -1.
     */
    static long parse(String jstatOutput) {
        String[] lines = jstatOutput.strip().split("\\R");
        if (lines.length < 2 || !lines[0].strip().startsWith("Compiled")) {
            return -1;
        }
        String first = lines[1].strip().split("\\s+")[0];
        try {
            return Long.parseLong(first);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
