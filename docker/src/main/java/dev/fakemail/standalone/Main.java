package dev.fakemail.standalone;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The standalone server: {@code java -jar fakemail.jar [--smtp-port N] [--pop3-port N] [--web-port N] ...}.
 * Exit codes: 0 after --help or --version, 2 for a bad setting, 1 when a listener cannot start. SIGTERM or
 * Ctrl-C stop it cleanly. Everything it says is one "fakemail: ..." line per event on stdout; errors on stderr.
 */
public final class Main {
    static final int EXIT_START_FAILED = 1;
    static final int EXIT_BAD_SETTING = 2;
    /**
     * How long SIGTERM waits for the server to stop. Stopping closes every socket at once; what remains is waiting
     * for threads to notice, which an in-process restart needs (the ports must be free again) but an exiting JVM
     * does not, as the ports go with the process. So a thread slow to notice (busy, say, loading the built-in
     * certificate for a first TLS client: half a second of CPU on a cold JVM) cannot hold SIGTERM past a second.
     */
    private static final long STOP_WAIT_MILLIS = 300;

    /** Held here: java.util.logging keeps loggers weakly, and would forget their levels. */
    private static final List<Logger> QUIET_LOGGERS = List.of(Logger.getLogger("io.undertow"),
            Logger.getLogger("org.xnio"), Logger.getLogger("org.jboss.threads"));

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = System.out;
        PrintStream err = System.err;
        StandaloneOptions options;
        try {
            options = StandaloneOptions.parse(List.of(args), System.getenv());
        } catch (OptionException e) {
            err.println("fakemail: " + e.getMessage());
            System.exit(EXIT_BAD_SETTING);
            return;
        }
        if (options.help()) {
            out.print(StandaloneOptions.usage());
            return;
        }
        if (options.version()) {
            out.println("fakemail " + Version.get());
            return;
        }
        QUIET_LOGGERS.forEach(logger -> logger.setLevel(Level.WARNING)); // the libraries' startup banners

        EventLog log = new EventLog(out, !options.quiet());
        StandaloneServer server;
        try {
            server = StandaloneServer.start(options, log);
        } catch (UncheckedIOException e) {
            err.println("fakemail: " + e.getMessage());
            System.exit(EXIT_START_FAILED);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, log, err), "fakemail-shutdown"));
        for (String line : server.configuration(Instant.now())) {
            log.line(line);
        }
        for (String line : server.describe()) {
            log.line(line);
        }
        log.line("ready"); // every listener is up: scripts and tests can wait for this line
        new CountDownLatch(1).await(); // listener threads may all be daemons; the shutdown hook ends the JVM
    }

    private static void stop(StandaloneServer server, EventLog log, PrintStream err) {
        Thread closing = new Thread(() -> {
            try {
                server.close();
            } catch (RuntimeException e) {
                err.println("fakemail: error while stopping: " + e);
            }
        }, "fakemail-close");
        closing.setDaemon(true);
        closing.start();
        try {
            closing.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.close("stopped"); // after the lines of the last messages; bounded even if stdout is not read
    }
}
