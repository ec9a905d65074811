package dev.fakemail.standalone;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged jar running as a child process, its output read line by line. Always close it. */
final class StandaloneProcess implements AutoCloseable {
    private static final String END = "\u0000end";

    private final Process process;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> stderr = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private StandaloneProcess(Process process) {
        this.process = process;
        pump(process.getInputStream(), stdout, "stdout");
        pump(process.getErrorStream(), stderr, "stderr");
    }

    /** Starts {@code java -jar fakemail.jar ARGS} with these extra environment variables (FAKEMAIL_* cleared). */
    static StandaloneProcess start(Map<String, String> env, String... args) throws IOException {
        return start(List.of("-Xmx128m"), env, args);
    }

    /** Starts {@code java JVM-OPTIONS -jar fakemail.jar ARGS}, as the Docker image's ENTRYPOINT does. */
    static StandaloneProcess start(List<String> jvmOptions, Map<String, String> env, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("FAKEMAIL_"));
        builder.environment().putAll(env);
        return new StandaloneProcess(builder.start());
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("fakemail.jar", "target/fakemail.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing; run the 'package' phase first");
        }
        return jar;
    }

    /**
     * Runs the jar with settings it must refuse and returns the one line it printed: it has to exit with 2
     * (a bad setting) and print nothing else, on either stream.
     */
    static String refusal(Map<String, String> env, String... args) throws IOException, InterruptedException {
        try (StandaloneProcess fakemail = start(env, args)) {
            int exit = fakemail.awaitExit(Duration.ofSeconds(20));
            String line = fakemail.awaitStderr(".+", Duration.ofSeconds(10)).group();
            if (exit != Main.EXIT_BAD_SETTING || fakemail.seen().size() != 1) {
                throw new AssertionError("expected exit 2 and one line, got exit " + exit + " and "
                        + fakemail.seen());
            }
            return line;
        }
    }

    /** The arguments followed by more, for tests that add to a shared set of flags. */
    static String[] args(String[] args, String... more) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static String java() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Waits for a stdout line matching the pattern and returns its match. */
    Matcher awaitStdout(String regex, Duration timeout) throws InterruptedException {
        return await(stdout, Pattern.compile(regex), timeout, "stdout");
    }

    /** Waits for a stderr line matching the pattern and returns its match. */
    Matcher awaitStderr(String regex, Duration timeout) throws InterruptedException {
        return await(stderr, Pattern.compile(regex), timeout, "stderr");
    }

    /** Waits for the process to end and returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + timeout + "; output so far: " + seen());
        }
        return process.exitValue();
    }

    /**
     * Sends SIGTERM (on Unix), as docker stop does. Through the handle: {@link Process#destroy()} also closes our
     * end of the pipes, and the output printed while stopping would be lost.
     */
    void terminate() {
        process.toHandle().destroy();
    }

    /** Lines read so far from both streams, for failure messages. */
    synchronized List<String> seen() {
        return List.copyOf(seen);
    }

    /** The rest of stdout after the process ended. */
    List<String> remainingStdout() throws InterruptedException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = stdout.poll(5, TimeUnit.SECONDS);
            if (line == null || line.equals(END)) {
                return lines;
            }
            lines.add(line);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private Matcher await(BlockingQueue<String> lines, Pattern pattern, Duration timeout, String name)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null || line.equals(END)) {
                throw new AssertionError("no " + name + " line matching /" + pattern + "/ within " + timeout
                        + (line == null ? "" : " (stream ended)") + "; output so far: " + seen());
            }
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return matcher;
            }
        }
    }

    private void pump(InputStream stream, BlockingQueue<String> lines, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    if (line.startsWith("WARNING: ")) {
                        // The JVM's own warnings, e.g. JDK 24+ on sun.misc.Unsafe use inside Undertow's
                        // jboss-threads: not fakemail's output, which always starts with "fakemail:".
                        continue;
                    }
                    synchronized (this) {
                        seen.add(name + ": " + line);
                    }
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process is gone
            } finally {
                lines.add(END);
            }
        }, "fakemail-it-" + name);
        thread.setDaemon(true);
        thread.start();
    }
}
