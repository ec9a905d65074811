package dev.fakemail.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * async-profiler (the benchmarks' dependency {@code tools.profiler:async-profiler}, linux-x64) loaded into a server
 * process with {@code jcmd PID JVMTI.agent_load}, started and stopped around a run: samples of each thread's CPU time
 * with Java and native frames, inlined methods resolved, written as collapsed stacks per thread. The process should
 * run with {@link #SERVER_OPTIONS}.
 *
 * <p>The event is {@code ctimer} (a CPU-time timer per thread), not {@code cpu} (perf events): on the 2-core VM a
 * perf event per thread is switched in and out at every context switch, one or more per SMTP message, and took
 * 30 % off the pipelined rate (40,369 against 57,338-61,413 msg/s), most of it kernel time that would then be
 * measured as the server's; ctimer cost nothing measurable (60,252 and 60,364). It samples at the kernel's tick
 * (4 ms here, whatever the interval asked for) and has no kernel frames: time in a system call is the call's Java
 * frames'.
 */
final class AsyncProfiler {
    /** For the servers' command lines: agents may load later without a warning; inlined frames get their own line. */
    static final List<String> SERVER_OPTIONS = List.of("-XX:+EnableDynamicAgentLoading",
            "-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints");
    /** One sample per millisecond of a thread's CPU time asked for; the kernel's tick makes it ~4 ms. */
    static final long INTERVAL_MICROS = 1_000;
    private static final String LIBRARY = "linux-x64/libasyncProfiler.so";

    private final Path library;
    private final Path jcmd;

    private AsyncProfiler(Path library, Path jcmd) {
        this.library = library;
        this.jcmd = jcmd;
    }

    /**
     * The profiler for servers run by {@code java}, its library copied out of the dependency's jar into {@code dir};
     * throws where async-profiler has no library for this machine (it is built for Linux x64 here).
     */
    static AsyncProfiler forServers(Path java, Path dir) throws IOException {
        if (!isAvailable()) {
            throw new IOException("async-profiler: no " + LIBRARY + " on the benchmarks' classpath for "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                    + " (the dependency is tools.profiler:async-profiler, classifier linux-x64)");
        }
        Files.createDirectories(dir);
        Path library = dir.resolve("libasyncProfiler.so");
        try (InputStream in = AsyncProfiler.class.getClassLoader().getResourceAsStream(LIBRARY)) {
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
        }
        return new AsyncProfiler(library, JdkTool.besideJava(java, "jcmd"));
    }

    /** Whether this machine can profile: Linux on x64, and the library on the classpath. */
    static boolean isAvailable() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        return os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"))
                && AsyncProfiler.class.getClassLoader().getResource(LIBRARY) != null;
    }

    void start(long pid) throws IOException, InterruptedException {
        command(pid, "start,event=ctimer,interval=" + INTERVAL_MICROS + "us,threads");
    }

    /** Stops the profiler in that process and writes its samples since {@link #start} to {@code collapsed}. */
    void stop(long pid, Path collapsed) throws IOException, InterruptedException {
        Files.deleteIfExists(collapsed); // an earlier run's file must not pass for this one's
        command(pid, "stop,file=" + collapsed.toAbsolutePath() + ",collapsed");
        if (!Files.isRegularFile(collapsed)) {
            throw new IOException("async-profiler wrote no " + collapsed + " (see the server's output)");
        }
    }

    /**
     * The agent reads its command from the load's option. In quotes: jcmd would otherwise take the first "=" of
     * "start,event=cpu" as its own name=value syntax and hand the agent "start,event".
     */
    private void command(long pid, String agentCommand) throws IOException, InterruptedException {
        String output = JdkTool.output(List.of(jcmd.toString(), Long.toString(pid), "JVMTI.agent_load",
                library.toString(), "\"" + agentCommand + "\""), 30);
        // JDK 17 answers "return code: 0" (the agent's own status, 100 when it refused the command), JDK 25 "Command
        // executed successfully"; a jcmd that failed outright exited non-zero already.
        if (!output.contains("return code: 0") && !output.contains("Command executed successfully")) {
            throw new IOException("async-profiler " + agentCommand + " in process " + pid + ": " + output.trim());
        }
    }
}
