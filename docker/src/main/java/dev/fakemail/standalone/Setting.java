package dev.fakemail.standalone;

import dev.fakemail.ProtocolName;
import dev.fakemail.ServerConfig;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the standalone server: its flag, its environment variable, and its help line. The port of
 * each mail listener ({@code --smtp-port}, {@code --imaps-port}, ...) comes from the core's protocol
 * declarations ({@link ProtocolName}), so a new protocol brings its flag along.
 *
 * @param name the upper-case name: {@code SMTP_PORT}, {@code MAX_AGE}
 * @param argument what the flag takes, or null for a switch (true when given, or {@code --flag=false})
 * @param portOf the mail listener whose port this setting is, or null
 */
record Setting(String name, String argument, String defaultValue, String description, ProtocolName portOf) {
    static final Setting BIND = new Setting("BIND", "ADDR", StandaloneOptions.DEFAULT_BIND,
            "address to listen on; 0.0.0.0 for all interfaces (the Docker image sets FAKEMAIL_BIND=0.0.0.0)");
    private static final Map<ProtocolName, Setting> LISTENER_PORTS = listenerPorts();
    static final Setting WEB_PORT = new Setting("WEB_PORT", "N|off", String.valueOf(StandaloneOptions.DEFAULT_WEB_PORT),
            "web inbox and JSON API port; 0 picks a free port, off disables it");
    static final Setting DNS_PORT = new Setting("DNS_PORT", "N|off", "off",
            "serve the fake DNS zone over UDP and TCP on this port (the image uses 1053); 0 picks a free port");
    static final Setting DNS_ZONE = new Setting("DNS_ZONE", "PATH", "(none)",
            "an RFC 1035 master file read into the fake DNS zone at start");
    static final Setting WEB_AUTH = new Setting("WEB_AUTH", "USER:PASSWORD", "(none)",
            "require this user name and password in the web inbox and JSON API (HTTP basic auth; health stays open)");
    static final Setting WEB_AUTH_FILE = new Setting("WEB_AUTH_FILE", "PATH", "(none)",
            "the same, read from a file holding USER:PASSWORD (e.g. a Docker secret); instead of --web-auth");
    static final Setting ALLOW_HOST = new Setting("ALLOW_HOST", "NAME,...", "(localhost, IP addresses)",
            "host names the web inbox answers to besides localhost and IP addresses, e.g. a compose service name; "
                    + "others are refused against DNS rebinding; * allows all");
    static final Setting USERS = new Setting("USERS", "USER:PASSWORD,...", "(any)",
            "fixed users; without it any user name and password are accepted");
    static final Setting HOSTNAME = new Setting("HOSTNAME", "NAME", StandaloneOptions.DEFAULT_HOSTNAME,
            "the server's name in greetings and Received fields");
    static final Setting MAX_MESSAGE_SIZE = new Setting("MAX_MESSAGE_SIZE", "N", "25M",
            "largest accepted message in octets; suffix K, M or G for KiB, MiB, GiB");
    static final Setting MAX_MESSAGES = new Setting("MAX_MESSAGES", "N|unlimited",
            String.valueOf(StandaloneOptions.DEFAULT_MAX_MESSAGES),
            "keep at most N received messages, the oldest dropped first, so memory stays bounded");
    static final Setting IMAP_QUOTA = new Setting("IMAP_QUOTA", "SIZE[,N]|off", "off",
            "each IMAP user's quota (RFC 9208): SIZE octets (suffix K, M or G) and at most N messages over all their "
                    + "mailboxes; APPEND, COPY and MOVE beyond it get NO [OVERQUOTA]");
    static final Setting IMAP_REV2 = new Setting("IMAP_REV2", "true|false", "true",
            "advertise IMAP4rev2 (RFC 9051) beside IMAP4rev1; a client switches to it with ENABLE IMAP4rev2, false "
                    + "keeps every client on IMAP4rev1");
    static final Setting MAX_AGE = new Setting("MAX_AGE", "DURATION|off", "off",
            "drop received messages older than this, e.g. 90s, 30m, 12h, 7d");
    static final Setting INBOX_IDLE_TIMEOUT = new Setting("INBOX_IDLE_TIMEOUT", "DURATION", "30m",
            "an isolated inbox (POST /api/inboxes) unused this long is deleted, e.g. 90s, 30m, 12h");
    static final Setting MAX_CONNECTIONS = new Setting("MAX_CONNECTIONS", "N",
            String.valueOf(ServerConfig.DEFAULT_MAX_CONNECTIONS),
            "connections each mail listener keeps open at once; more get a temporary refusal (SMTP 421 4.7.0)");
    static final Setting MAX_CONNECTIONS_PER_CLIENT = new Setting("MAX_CONNECTIONS_PER_CLIENT", "N",
            String.valueOf(ServerConfig.DEFAULT_MAX_CONNECTIONS_PER_CLIENT),
            "connections one client address keeps open at once per listener (in Docker all come from the gateway)");
    static final Setting REQUIRE_TLS = new Setting("REQUIRE_TLS", null, "false",
            "refuse MAIL, AUTH and POP3 logins until the client uses TLS");
    static final Setting REQUIRE_AUTH = new Setting("REQUIRE_AUTH", null, "false",
            "refuse MAIL until the client has authenticated");
    static final Setting TLS_CERT = new Setting("TLS_CERT", "PATH", "(built-in self-signed localhost)",
            "TLS certificate chain, PEM, the server's certificate first; needs --tls-key");
    static final Setting TLS_KEY = new Setting("TLS_KEY", "PATH", "(none)",
            "private key of --tls-cert, PEM: PKCS#8 (RSA or EC) or PKCS#1 (RSA), unencrypted");
    static final Setting TLS_KEYSTORE = new Setting("TLS_KEYSTORE", "PATH", "(none)",
            "TLS key store (PKCS12) with one private key and its chain; instead of PEM");
    static final Setting TLS_KEYSTORE_PASSWORD = new Setting("TLS_KEYSTORE_PASSWORD", "PW", "(empty)",
            "password of --tls-keystore and of its key");
    static final Setting FAULTS = new Setting("FAULTS", "RULES", "(none)",
            "fault rules, ';' between them, e.g. 'smtp rcpt bob@* -> reply 451 4.3.0 \"Later\"'");
    static final Setting FAULTS_FILE = new Setting("FAULTS_FILE", "PATH", "(none)",
            "a file of fault rules, one per line, '#' starts a comment; added before --faults");
    static final Setting FAULT_SEED = new Setting("FAULT_SEED", "N", "(random, printed)",
            "seed of random faults (probability, random delays), to replay a run");
    static final Setting QUIET = new Setting("QUIET", null, "false",
            "print no line per message or fault hit; start-up, errors and stop are still printed");

    /** Help and error order: the address, the mail listeners, the web inbox, then the rest. */
    private static final List<Setting> ALL = all();

    private Setting(String name, String argument, String defaultValue, String description) {
        this(name, argument, defaultValue, description, null);
    }

    /** Every setting, in help order. */
    static Setting[] values() {
        return ALL.toArray(new Setting[0]);
    }

    /** The port setting of a mail listener, e.g. {@code --pop3s-port} for POP3S. */
    static Setting port(ProtocolName protocol) {
        return LISTENER_PORTS.get(protocol);
    }

    /** The mail listener whose port this setting is, if it is one. */
    Optional<ProtocolName> listener() {
        return Optional.ofNullable(portOf);
    }

    /** The command-line flag, e.g. {@code --smtp-port}. */
    String flag() {
        return "--" + name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The environment variable, e.g. {@code FAKEMAIL_SMTP_PORT}. */
    String env() {
        return "FAKEMAIL_" + name;
    }

    boolean isSwitch() {
        return argument == null;
    }

    static Setting byFlag(String flag) {
        for (Setting setting : ALL) {
            if (setting.flag().equals(flag)) {
                return setting;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return name;
    }

    private static Map<ProtocolName, Setting> listenerPorts() {
        Map<ProtocolName, Setting> ports = new EnumMap<>(ProtocolName.class);
        for (ProtocolName protocol : ProtocolName.values()) {
            String tls = protocol.implicitTls() ? "implicit TLS" : "with " + protocol.startTlsCommand();
            ports.put(protocol, new Setting(protocol.name() + "_PORT", "N|off", String.valueOf(protocol.standalonePort()),
                    protocol.name() + " port (" + tls + "); 0 picks a free port, off disables it", protocol));
        }
        return ports;
    }

    private static List<Setting> all() {
        List<Setting> all = new ArrayList<>();
        all.add(BIND);
        all.addAll(LISTENER_PORTS.values());
        all.addAll(List.of(WEB_PORT, DNS_PORT, DNS_ZONE, WEB_AUTH, WEB_AUTH_FILE, ALLOW_HOST, USERS, HOSTNAME, MAX_MESSAGE_SIZE, MAX_MESSAGES, MAX_AGE, IMAP_QUOTA, IMAP_REV2, INBOX_IDLE_TIMEOUT,
                MAX_CONNECTIONS,
                MAX_CONNECTIONS_PER_CLIENT, REQUIRE_TLS, REQUIRE_AUTH, TLS_CERT, TLS_KEY, TLS_KEYSTORE, TLS_KEYSTORE_PASSWORD, FAULTS, FAULTS_FILE, FAULT_SEED, QUIET));
        return List.copyOf(all);
    }
}
