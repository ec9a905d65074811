package dev.fakemail.standalone;

import java.util.Locale;

/** Every setting of the standalone server: its flag, its environment variable, and its help line. */
enum Setting {
    BIND("ADDR", StandaloneOptions.DEFAULT_BIND,
            "address to listen on; 0.0.0.0 for all interfaces (the Docker image sets FAKEMAIL_BIND=0.0.0.0)"),
    SMTP_PORT("N|off", String.valueOf(StandaloneOptions.DEFAULT_SMTP_PORT),
            "SMTP port (with STARTTLS); 0 picks a free port, off disables it"),
    SMTPS_PORT("N|off", String.valueOf(StandaloneOptions.DEFAULT_SMTPS_PORT),
            "SMTPS port (implicit TLS); 0 picks a free port, off disables it"),
    POP3_PORT("N|off", String.valueOf(StandaloneOptions.DEFAULT_POP3_PORT),
            "POP3 port (with STLS); 0 picks a free port, off disables it"),
    POP3S_PORT("N|off", String.valueOf(StandaloneOptions.DEFAULT_POP3S_PORT),
            "POP3S port (implicit TLS); 0 picks a free port, off disables it"),
    IMAP_PORT("N|off", String.valueOf(StandaloneOptions.DEFAULT_IMAP_PORT),
            "IMAP port (with STARTTLS); 0 picks a free port, off disables it"),
    IMAPS_PORT("N|off", String.valueOf(StandaloneOptions.DEFAULT_IMAPS_PORT),
            "IMAPS port (implicit TLS); 0 picks a free port, off disables it"),
    WEB_PORT("N|off", String.valueOf(StandaloneOptions.DEFAULT_WEB_PORT),
            "web inbox and JSON API port; 0 picks a free port, off disables it"),
    USERS("USER:PASSWORD,...", "(any)",
            "fixed users; without it any user name and password are accepted"),
    HOSTNAME("NAME", StandaloneOptions.DEFAULT_HOSTNAME, "the server's name in greetings and Received fields"),
    MAX_MESSAGE_SIZE("N", "25M", "largest accepted message in octets; suffix K, M or G for KiB, MiB, GiB"),
    MAX_MESSAGES("N|unlimited", String.valueOf(StandaloneOptions.DEFAULT_MAX_MESSAGES),
            "keep at most N received messages, the oldest dropped first, so memory stays bounded"),
    MAX_AGE("DURATION|off", "off", "drop received messages older than this, e.g. 90s, 30m, 12h, 7d"),
    REQUIRE_TLS(null, "false", "refuse MAIL, AUTH and POP3 logins until the client uses TLS"),
    REQUIRE_AUTH(null, "false", "refuse MAIL until the client has authenticated"),
    TLS_CERT("PATH", "(built-in self-signed localhost)",
            "TLS certificate chain, PEM, the server's certificate first; needs --tls-key"),
    TLS_KEY("PATH", "(none)", "private key of --tls-cert, PEM: PKCS#8 (RSA or EC) or PKCS#1 (RSA), unencrypted"),
    TLS_KEYSTORE("PATH", "(none)", "TLS key store (PKCS12) with one private key and its chain; instead of PEM"),
    TLS_KEYSTORE_PASSWORD("PW", "(empty)", "password of --tls-keystore and of its key"),
    FAULTS("RULES", "(none)", "fault rules, ';' between them, e.g. 'smtp rcpt bob@* -> reply 451 4.3.0 \"Later\"'"),
    FAULTS_FILE("PATH", "(none)", "a file of fault rules, one per line, '#' starts a comment; added before --faults"),
    FAULT_SEED("N", "(random, printed)", "seed of random faults (probability, random delays), to replay a run"),
    QUIET(null, "false", "print no line per message or fault hit; start-up, errors and stop are still printed");

    private final String argument;
    private final String defaultValue;
    private final String description;

    Setting(String argument, String defaultValue, String description) {
        this.argument = argument;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The command-line flag, e.g. {@code --smtp-port}. */
    String flag() {
        return "--" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The environment variable, e.g. {@code FAKEMAIL_SMTP_PORT}. */
    String env() {
        return "FAKEMAIL_" + name();
    }

    /** What the flag takes, or null for a switch (true when given, or {@code --flag=false}). */
    String argument() {
        return argument;
    }

    boolean isSwitch() {
        return argument == null;
    }

    String defaultValue() {
        return defaultValue;
    }

    String description() {
        return description;
    }

    static Setting byFlag(String flag) {
        for (Setting setting : values()) {
            if (setting.flag().equals(flag)) {
                return setting;
            }
        }
        return null;
    }
}
