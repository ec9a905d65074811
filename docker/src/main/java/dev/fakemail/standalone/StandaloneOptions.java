package dev.fakemail.standalone;

import dev.fakemail.FakeMailServer;
import dev.fakemail.FakeMailServerBuilder;
import dev.fakemail.ProtocolName;
import dev.fakemail.ServerConfig;
import dev.fakemail.fault.FaultRule;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The standalone server's settings, from environment variables ({@code FAKEMAIL_SMTP_PORT=...}) and flags
 * ({@code --smtp-port ...}); a flag wins over its variable, an empty variable counts as unset. Every error names
 * the flag or variable it came from.
 */
public final class StandaloneOptions {
    public static final String DEFAULT_BIND = "127.0.0.1";
    /**
     * The well-known ports plus 1000, as MailHog and Mailpit do for SMTP: unprivileged, easy to recognize. Each is
     * its protocol's {@link ProtocolName#standalonePort()}.
     */
    public static final int DEFAULT_SMTP_PORT = ProtocolName.SMTP.standalonePort();
    public static final int DEFAULT_SMTPS_PORT = ProtocolName.SMTPS.standalonePort();
    public static final int DEFAULT_POP3_PORT = ProtocolName.POP3.standalonePort();
    public static final int DEFAULT_POP3S_PORT = ProtocolName.POP3S.standalonePort();
    public static final int DEFAULT_IMAP_PORT = ProtocolName.IMAP.standalonePort();
    public static final int DEFAULT_IMAPS_PORT = ProtocolName.IMAPS.standalonePort();
    public static final int DEFAULT_WEB_PORT = 8025;
    /** The DNS port the Docker image sets; outside the image DNS is off unless asked for. */
    public static final int IMAGE_DNS_PORT = 1053;
    public static final String DEFAULT_HOSTNAME = ServerConfig.DEFAULT_HOSTNAME;
    public static final long DEFAULT_MAX_MESSAGE_SIZE = ServerConfig.DEFAULT_MAX_MESSAGE_SIZE;
    /** A long-running inbox must not grow without bound; 5,000 messages is days of a busy app's mail. */
    public static final int DEFAULT_MAX_MESSAGES = 5_000;

    private boolean help;
    private boolean version;
    private InetAddress bind;
    private final Map<ProtocolName, Integer> ports = new EnumMap<>(ProtocolName.class);
    private int webPort = DEFAULT_WEB_PORT;
    private int dnsPort = dev.fakemail.ServerConfig.OFF;
    private dev.fakemail.dns.FakeZone dnsZone;
    private WebAccess webAccess = WebAccess.OPEN;
    private Map<String, String> users;
    private String hostname = DEFAULT_HOSTNAME;
    private long maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
    private int maxMessages = DEFAULT_MAX_MESSAGES;
    /** IMAP quota: octets and messages, Long.MAX_VALUE for none. */
    private long[] imapQuota = {Long.MAX_VALUE, Long.MAX_VALUE};
    private boolean imapRev2 = true;
    private Duration maxAge;
    private Duration inboxIdleTimeout = Duration.ofMinutes(30);
    private int maxConnections = ServerConfig.DEFAULT_MAX_CONNECTIONS;
    private int maxConnectionsPerClient = ServerConfig.DEFAULT_MAX_CONNECTIONS_PER_CLIENT;
    private boolean requireTls;
    private boolean requireAuth;
    private TlsIdentity tls;
    private List<FaultRule> fileFaults = List.of();
    private List<FaultRule> inlineFaults = List.of();
    private Long faultSeed;
    private boolean quiet;

    private StandaloneOptions() {
        for (ProtocolName protocol : ProtocolName.values()) {
            ports.put(protocol, protocol.standalonePort());
        }
    }

    /** Reads the environment, then the flags over it. */
    public static StandaloneOptions parse(List<String> args, Map<String, String> env) throws OptionException {
        StandaloneOptions options = new StandaloneOptions();
        Map<Setting, SettingValue> values = new HashMap<>();
        for (Setting setting : Setting.values()) {
            String value = env.get(setting.env());
            if (value != null && !value.isBlank()) {
                values.put(setting, new SettingValue(setting.env(), value.strip()));
            }
        }
        options.readFlags(args, values);
        if (options.help || options.version) {
            return options;
        }
        options.bind = SettingParsers.address(
                values.getOrDefault(Setting.BIND, new SettingValue(Setting.BIND.flag(), DEFAULT_BIND)));
        if (values.containsKey(Setting.WEB_AUTH) && values.containsKey(Setting.WEB_AUTH_FILE)) {
            throw new OptionException(values.get(Setting.WEB_AUTH).source() + " and "
                    + values.get(Setting.WEB_AUTH_FILE).source() + " are both set: give one");
        }
        for (Setting setting : Setting.values()) { // a fixed order, so the first error reported is always the same
            if (values.containsKey(setting)) {
                options.apply(setting, values.get(setting));
            }
        }
        options.checkDistinctPorts(values);
        options.tls = TlsSettings.identity(values); // last: it reads files, which is pointless after a typo
        return options;
    }

    /** The help text: usage, then one line per setting with its flag, variable and default. */
    public static String usage() {
        StringBuilder text = new StringBuilder()
                .append("Usage: java -jar fakemail.jar [OPTIONS]\n")
                .append("A fake mail server: ")
                .append(String.join(", ", Arrays.stream(ProtocolName.values()).map(ProtocolName::name).toList()))
                .append(" and a web inbox, everything kept in memory.\n\n")
                .append("Options (each also read from its environment variable; a flag wins):\n");
        for (Setting setting : Setting.values()) {
            String flag = setting.flag() + (setting.isSwitch() ? "" : " " + setting.argument());
            text.append(String.format(Locale.ROOT, "  %-26s %s%n  %-26s   env %s, default %s%n", flag,
                    setting.description(), "", setting.env(), setting.defaultValue()));
        }
        text.append(String.format(Locale.ROOT, "  %-26s %s%n", "--help", "print this help and exit"));
        text.append(String.format(Locale.ROOT, "  %-26s %s%n", "--version", "print the version and exit"));
        return text.toString();
    }

    public boolean help() {
        return help;
    }

    public boolean version() {
        return version;
    }

    public InetAddress bind() {
        return bind;
    }

    /** The port of a mail listener: 0 for a free one, or {@link ServerConfig#OFF}. */
    public int port(ProtocolName protocol) {
        return ports.get(protocol);
    }

    /** The web inbox port, 0 for a free one, or {@link ServerConfig#OFF}. */
    public int webPort() {
        return webPort;
    }

    /** The configured certificate, or empty for the built-in self-signed localhost one. */
    /** The web inbox's password and the host names it answers to. */
    WebAccess webAccess() {
        return webAccess;
    }

    public Optional<TlsIdentity> tls() {
        return Optional.ofNullable(tls);
    }

    /** The fault rules the server starts with: those of --faults-file, then those of --faults. */
    public List<FaultRule> faultRules() {
        List<FaultRule> rules = new ArrayList<>(fileFaults);
        rules.addAll(inlineFaults);
        return List.copyOf(rules);
    }

    /** Whether to leave out the per-event lines (messages, fault hits). */
    public boolean quiet() {
        return quiet;
    }

    /** A builder configured with every mail setting (not yet built, so callers may add more). */
    public FakeMailServerBuilder serverBuilder() {
        FakeMailServerBuilder builder = FakeMailServer.builder()
                .bindAddress(bind)
                .hostname(hostname)
                .maxMessageSize(maxMessageSize)
                .maxMessages(maxMessages)
                .imapQuota(imapQuota[0], imapQuota[1])
                .imapRev2(imapRev2)
                .inboxIdleTimeout(inboxIdleTimeout)
                .maxConnections(maxConnections)
                .maxConnectionsPerClient(maxConnectionsPerClient)
                .requireTls(requireTls)
                .requireAuth(requireAuth);
        ports.forEach(builder::port);
        if (users != null) {
            builder.users(users);
        }
        if (maxAge != null) {
            builder.maxAge(maxAge);
        }
        if (tls != null) {
            builder.tls(tls.keyStore(), tls.password());
        }
        if (faultSeed != null) {
            builder.faultSeed(faultSeed);
        }
        if (dnsZone != null) {
            builder.zone(dnsZone);
        }
        if (dnsPort != dev.fakemail.ServerConfig.OFF) {
            builder.dnsPort(dnsPort);
        }
        faultRules().forEach(builder::fault);
        return builder;
    }

    private void readFlags(List<String> args, Map<Setting, SettingValue> values) throws OptionException {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (arg.equals("--version")) {
                version = true;
                continue;
            }
            int equals = arg.indexOf('=');
            String flag = equals < 0 ? arg : arg.substring(0, equals);
            Setting setting = arg.startsWith("--") ? Setting.byFlag(flag) : null;
            if (setting == null) {
                throw new OptionException(arg.startsWith("-")
                        ? "unknown option '" + flag + "' (see --help)"
                        : "unexpected argument '" + arg + "' (options start with --; see --help)");
            }
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (setting.isSwitch()) {
                value = "true";
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            } else {
                throw new OptionException(flag + " needs a value (" + setting.argument() + ")");
            }
            values.put(setting, new SettingValue(flag, value));
        }
    }

    private void apply(Setting setting, SettingValue value) throws OptionException {
        Optional<ProtocolName> listener = setting.listener();
        if (listener.isPresent()) {
            ports.put(listener.get(), SettingParsers.port(value));
        } else if (setting == Setting.WEB_PORT) {
            webPort = SettingParsers.port(value);
        } else if (setting == Setting.DNS_PORT) {
            dnsPort = SettingParsers.port(value);
        } else if (setting == Setting.DNS_ZONE) {
            try {
                dnsZone = dev.fakemail.dns.FakeZone.create().load(java.nio.file.Path.of(value.text()));
            } catch (RuntimeException e) {
                throw value.problem(e.getMessage());
            }
        } else if (setting == Setting.WEB_AUTH) {
            webAccess = webAccess.withCredentials(value);
        } else if (setting == Setting.WEB_AUTH_FILE) {
            webAccess = webAccess.withCredentialsFile(value);
        } else if (setting == Setting.ALLOW_HOST) {
            webAccess = webAccess.withAllowedHosts(value);
        } else if (setting == Setting.USERS) {
            users = SettingParsers.users(value);
        } else if (setting == Setting.HOSTNAME) {
            hostname = SettingParsers.hostname(value);
        } else if (setting == Setting.MAX_MESSAGE_SIZE) {
            maxMessageSize = SettingParsers.size(value);
        } else if (setting == Setting.MAX_MESSAGES) {
            maxMessages = SettingParsers.count(value);
        } else if (setting == Setting.IMAP_QUOTA) {
            imapQuota = SettingParsers.imapQuota(value);
        } else if (setting == Setting.IMAP_REV2) {
            imapRev2 = SettingParsers.bool(value);
        } else if (setting == Setting.MAX_AGE) {
            maxAge = SettingParsers.age(value);
        } else if (setting == Setting.INBOX_IDLE_TIMEOUT) {
            Duration timeout = SettingParsers.age(value);
            if (timeout == null) {
                throw value.invalid("is not a duration like 90s, 30m or 12h (an inbox idle timeout cannot be off)");
            }
            inboxIdleTimeout = timeout;
        } else if (setting == Setting.MAX_CONNECTIONS) {
            maxConnections = SettingParsers.connections(value);
        } else if (setting == Setting.MAX_CONNECTIONS_PER_CLIENT) {
            maxConnectionsPerClient = SettingParsers.connections(value);
        } else if (setting == Setting.REQUIRE_TLS) {
            requireTls = SettingParsers.bool(value);
        } else if (setting == Setting.REQUIRE_AUTH) {
            requireAuth = SettingParsers.bool(value);
        } else if (setting == Setting.FAULTS) {
            inlineFaults = FaultSettings.rules(value);
        } else if (setting == Setting.FAULTS_FILE) {
            fileFaults = FaultSettings.rulesFile(value);
        } else if (setting == Setting.FAULT_SEED) {
            faultSeed = SettingParsers.seed(value);
        } else if (setting == Setting.QUIET) {
            quiet = SettingParsers.bool(value);
        }
        // BIND was read first; the TLS settings are read together, after the others.
    }

    private void checkDistinctPorts(Map<Setting, SettingValue> values) throws OptionException {
        Map<Integer, Setting> seen = new LinkedHashMap<>();
        for (Setting setting : Setting.values()) { // help order: the first one keeps its port
            int port;
            if (setting.listener().isPresent()) {
                port = port(setting.listener().get());
            } else if (setting == Setting.WEB_PORT) {
                port = webPort;
            } else if (setting == Setting.DNS_PORT) {
                port = dnsPort;
            } else {
                continue;
            }
            if (port > 0) {
                Setting other = seen.putIfAbsent(port, setting);
                if (other != null) {
                    String name = values.containsKey(setting) ? values.get(setting).source() : setting.flag();
                    throw new OptionException(name + ": port " + port + " is already taken by " + other.flag());
                }
            }
        }
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add("bind=" + (bind == null ? null : bind.getHostAddress()));
        ports.forEach((protocol, port) -> parts.add(protocol.id() + "=" + port));
        parts.add("web=" + webPort);
        parts.add("dns=" + dnsPort);
        parts.add("webAuth=" + (webAccess.hasPassword() ? "set" : "none"));
        parts.add("allowHosts=" + webAccess.allowedHosts());
        parts.add("users=" + (users == null ? "any" : users.keySet()));
        parts.add("hostname=" + hostname);
        parts.add("maxMessageSize=" + maxMessageSize);
        parts.add("maxMessages=" + maxMessages);
        parts.add("maxAge=" + maxAge);
        parts.add("imapQuota=" + (imapQuota[0] == Long.MAX_VALUE && imapQuota[1] == Long.MAX_VALUE ? "off"
                : imapQuota[0] + "," + imapQuota[1]));
        parts.add("imapRev2=" + imapRev2);
        parts.add("inboxIdleTimeout=" + inboxIdleTimeout);
        parts.add("maxConnections=" + maxConnections);
        parts.add("maxConnectionsPerClient=" + maxConnectionsPerClient);
        parts.add("requireTls=" + requireTls);
        parts.add("requireAuth=" + requireAuth);
        parts.add("tls=" + (tls == null ? "built-in" : tls.origin()));
        parts.add("faults=" + faultRules().size());
        parts.add("faultSeed=" + faultSeed);
        parts.add("quiet=" + quiet);
        return String.join(" ", parts);
    }
}
