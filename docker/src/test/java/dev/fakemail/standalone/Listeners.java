package dev.fakemail.standalone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The port flags for all seven listeners of the jar, so that a test names only the listeners it wants:
 * {@code Listeners.on("smtp", "web").args()} is {@code --smtp-port 0 ... --web-port 0} with every other one off.
 */
final class Listeners {
    private final Map<String, String> ports = new LinkedHashMap<>();

    private Listeners() {
        for (String name : List.of("smtp", "smtps", "pop3", "pop3s", "imap", "imaps", "web")) {
            ports.put(name, "off");
        }
    }

    /** These listeners on free ports (0), the others off. */
    static Listeners on(String... names) {
        Listeners listeners = new Listeners();
        for (String name : names) {
            listeners.at(name, 0);
        }
        return listeners;
    }

    /** This listener on this port. */
    Listeners at(String name, int port) {
        if (!ports.containsKey(name)) {
            throw new IllegalArgumentException("no listener " + name + "; the listeners are " + ports.keySet());
        }
        ports.put(name, String.valueOf(port));
        return this;
    }

    /** {@code --NAME-port PORT} for each listener, in the order of the jar's --help. */
    String[] args() {
        List<String> args = new ArrayList<>();
        ports.forEach((name, port) -> args.addAll(List.of("--" + name + "-port", port)));
        return args.toArray(String[]::new);
    }
}
