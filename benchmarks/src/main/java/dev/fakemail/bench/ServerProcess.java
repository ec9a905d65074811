package dev.fakemail.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server under test as its own process (the standalone jar, GreenMail standalone, the trivial sink): started,
 * waited for until its SMTP port accepts, and ended. Its output is read by a thread so it never blocks on a full
 * pipe; the last lines are kept for error messages, and "NAME listening on HOST:PORT" lines give the ports.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("(\\w+) listening on ([^ ]+):(\\d+)");
    private static final long START_TIMEOUT_MILLIS = 60_000;
    private static final int KEPT_LINES = 40;

    private final String name;
    private final Process process;
    private final List<String> lastLines = new ArrayList<>();
    private final java.util.Map<String, Integer> ports = new java.util.concurrent.ConcurrentHashMap<>();

    private volatile int apiPort = -1;

    private ServerProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(this::readOutput, name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code command}; {@code smtpPort} 0 means: learn it from a "smtp listening on ..." line. */
    static ServerProcess start(String name, List<String> command, int smtpPort) throws IOException,
            InterruptedException {
        Benchmarks.progress("starting " + name + ": " + String.join(" ", command).replaceAll("-cp [^ ]+", "-cp …"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        ServerProcess server = new ServerProcess(name, builder.start());
        if (smtpPort > 0) {
            server.ports.put("smtp", smtpPort);
        }
        server.awaitSmtp();
        return server;
    }

    /** A port nobody listens on right now, for servers that cannot pick their own (GreenMail). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    void apiPort(int port) {
        apiPort = port;
    }

    /** GreenMail's API port, which the caller chose. */
    int apiPort() {
        return apiPort;
    }

    long pid() {
        return process.pid();
    }

    String name() {
        return name;
    }

    InetSocketAddress smtp() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port("smtp"));
    }

    /** The port a "NAME listening on" line named, or -1. */
    int port(String listener) {
        return ports.getOrDefault(listener, -1);
    }

    private void awaitSmtp() throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + ": " + output());
            }
            int port = port("smtp");
            if (port > 0) {
                try (Socket probe = new Socket()) {
                    probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                    return;
                } catch (IOException notYet) {
                    // not listening yet
                }
            }
            Thread.sleep(50);
        }
        close();
        throw new IOException(name + " did not accept SMTP connections within " + START_TIMEOUT_MILLIS + " ms: "
                + output());
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                Matcher listening = LISTENING.matcher(line);
                if (listening.find()) {
                    ports.putIfAbsent(listening.group(1), Integer.parseInt(listening.group(3)));
                }
                synchronized (lastLines) {
                    if (lastLines.size() == KEPT_LINES) {
                        lastLines.remove(0);
                    }
                    lastLines.add(line);
                }
            }
        } catch (IOException ended) {
            // the process is gone
        }
    }

    String output() {
        synchronized (lastLines) {
            return String.join("\n", lastLines);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
