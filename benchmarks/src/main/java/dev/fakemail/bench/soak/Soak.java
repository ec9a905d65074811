package dev.fakemail.bench.soak;

import java.time.Duration;

/**
 * The soak test of fakemail, outside the timed test suite: {@code bench/soak.sh [--minutes N] [--seconds N]
 * [--clients N] [--seed N] [--no-web]}. Prints a Markdown report; exits 1 when anything was lost, half-stored,
 * stuck, or not released.
 */
public final class Soak {
    private Soak() {
    }

    public static void main(String[] args) throws Exception {
        SoakSettings settings = SoakSettings.defaults();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--minutes" -> settings = settings.withDuration(Duration.ofMinutes(Long.parseLong(args[++i])));
                case "--seconds" -> settings = settings.withDuration(Duration.ofSeconds(Long.parseLong(args[++i])));
                case "--clients" -> settings = settings.withClients(Integer.parseInt(args[++i]));
                case "--seed" -> settings = settings.withSeed(Long.parseLong(args[++i]));
                case "--no-web" -> settings = settings.withWebInbox(false);
                case "--help" -> {
                    System.out.println("usage: bench/soak.sh [--minutes N | --seconds N] [--clients N per protocol] "
                            + "[--seed N] [--no-web]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + arg + " (try --help)");
            }
        }
        System.err.println("[soak] " + settings.duration().toSeconds() + " s, " + settings.clientsPerProtocol()
                + " clients per protocol, seed " + settings.seed());
        SoakReport report = new SoakRun(settings).run();
        System.out.print(report.markdown());
        System.exit(report.passed() ? 0 : 1);
    }
}
