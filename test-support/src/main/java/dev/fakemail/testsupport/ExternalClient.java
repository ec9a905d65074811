package dev.fakemail.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real client program (Python, Ruby, Node) run against the server: its stdout is read line by line, stderr
 * kept for the failure message, and it is killed if it runs past its time.
 */
public final class ExternalClient implements AutoCloseable {
    /** The test clients' folder of the module whose tests run (Maven runs them in the module's directory). */
    public static final Path CLIENTS = Path.of("src/test/clients");
    /** How long a client may run at most. */
    static final Duration LIFETIME = Duration.ofSeconds(120);
    private final Process process;
    private final BufferedReader stdout;
    private final List<String> lines = new ArrayList<>();
    private final Path stderr;

    private ExternalClient(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    public static ExternalClient start(String... command) throws IOException {
        Path stderr = Files.createTempFile("fakemail-client", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        builder.environment().put("PYTHONUNBUFFERED", "1");
        Process process = builder.start();
        // A client that hangs would block the test's reads for good (a read of a pipe is not interruptible):
        // after its time it is killed, its output ends, and the test fails with what it printed.
        CompletableFuture.delayedExecutor(LIFETIME.toMillis(), TimeUnit.MILLISECONDS).execute(process::destroyForcibly);
        return new ExternalClient(process, stderr);
    }

    /** Whether the program can run here; the message says how .ci/run installs it. */
    public static void require(String program, String install) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return;
            }
        }
        throw new IllegalStateException("the real-client tests need " + program + ": " + install + " (.ci/run does)");
    }

    /** Reads lines until one starts with {@code prefix}; returns it. */
    public String awaitLine(String prefix) throws IOException {
        String line;
        while ((line = stdout.readLine()) != null) {
            lines.add(line);
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("the client ended before printing \"" + prefix + "\"; it printed " + lines
                + "\nstderr: " + errors());
    }

    /** Writes a line to the program's standard input (a go-ahead for a script that waits for the test). */
    public void tell(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    /** Waits for the program to end and returns everything it printed; fails on a non-zero exit. */
    public List<String> finish() throws IOException, InterruptedException {
        String line;
        while ((line = stdout.readLine()) != null) {
            lines.add(line);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the client did not end within 60 s; it printed " + lines);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("the client failed (exit " + process.exitValue() + "); it printed " + lines
                    + "\nstderr: " + errors());
        }
        return lines;
    }

    private String errors() throws IOException {
        return Files.readString(stderr);
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        Files.deleteIfExists(stderr);
    }
}
