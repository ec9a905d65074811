package dev.fakemail.standalone;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The standalone server: {@code java -jar fakemail.jar [--smtp-port N] [--pop3-port N] [--web-port N] ...}.
 * Exit codes: 0 after --help or --version, 2 for a bad setting, 1 when a listener cannot start. SIGTERM or
 * Ctrl-C stop it cleanly.
 */
public final class Main {
    static final int EXIT_START_FAILED = 1;
    static final int EXIT_BAD_SETTING = 2;

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

        StandaloneServer server;
        try {
            server = StandaloneServer.start(options);
        } catch (UncheckedIOException e) {
            err.println("fakemail: " + e.getMessage());
            System.exit(EXIT_START_FAILED);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
                out.println("fakemail: stopped");
            } catch (RuntimeException e) {
                err.println("fakemail: error while stopping: " + e);
            }
        }, "fakemail-shutdown"));
        server.describe().forEach(line -> out.println("fakemail: " + line));
        out.flush();
        new CountDownLatch(1).await(); // listener threads may all be daemons; the shutdown hook ends the JVM
    }
}
