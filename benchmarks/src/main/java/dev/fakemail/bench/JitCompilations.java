package dev.fakemail.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    /** The jstat of the JDK of this java; {@code null} when there is none (a JRE). */
    static JitCompilations besideJava(Path java) {
        Path jstat = JdkTool.besideJava(java, "jstat");
        return Files.isExecutable(jstat) ? new JitCompilations(jstat) : null;
    }

    /** The JVM's count of compiled methods, or -1 if it cannot be read (exited, other user, no perf data). */
    long compiledMethods(long pid) {
        try {
            return parse(JdkTool.output(List.of(jstat.toString(), "-compiler", Long.toString(pid)),
                    JSTAT_TIMEOUT_SECONDS));
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
