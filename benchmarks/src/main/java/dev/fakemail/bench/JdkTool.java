package dev.fakemail.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A JDK tool (jcmd, jstat) run against another JVM, from the JDK that runs that JVM: the versions must match. */
final class JdkTool {
    private JdkTool() {
    }

    /** The tool's path in the JDK of {@code java} (its {@code bin/NAME}). */
    static Path besideJava(Path java, String name) {
        return StandaloneServers.javaHome(java).resolve("bin").resolve(name);
    }

    /**
     * Runs the command and returns what it printed (standard output and error). The output is read as it comes, so a
     * long one (a class histogram) cannot fill the pipe; a tool that has not ended {@code timeoutSeconds} after
     * closing its output is killed. Throws if it was killed or exited with a status other than 0.
     */
    static String output(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output;
        try (InputStream in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not end");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + text);
        }
        return text;
    }
}
