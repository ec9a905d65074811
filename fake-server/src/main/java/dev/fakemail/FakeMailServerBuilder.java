package dev.fakemail;

import dev.fakemail.fault.FaultRule;
import dev.fakemail.fault.Sleeper;
import dev.fakemail.internal.tls.TlsContexts;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/** Configures a server; every setting has a default that suits tests. */
public final class FakeMailServerBuilder {
    InetAddress bindAddress = InetAddress.getLoopbackAddress();
    /** Every listener's port: 0 (a free one) for those on by default, {@link ServerConfig#OFF} for the others. */
    final Map<ProtocolName, Integer> ports = new EnumMap<>(ProtocolName.class);
    String hostname = ServerConfig.DEFAULT_HOSTNAME;
    Map<String, String> users;
    boolean requireTls;
    boolean requireAuth;
    long maxMessageSize = ServerConfig.DEFAULT_MAX_MESSAGE_SIZE;
    int maxRecipients = 1000;
    int maxLineLength = 1000;
    int maxDataLineLength = 64 * 1024;
    int maxErrors = 20;
    Duration idleTimeout; // null: each protocol's own default
    Duration writeTimeout = Duration.ofMinutes(1);
    int maxConnections = ServerConfig.DEFAULT_MAX_CONNECTIONS;
    int maxConnectionsPerClient = ServerConfig.DEFAULT_MAX_CONNECTIONS_PER_CLIENT;
    Supplier<SSLContext> tls = memoize(new Supplier<>() { // not a method reference: see ConnectionThreads
        @Override
        public SSLContext get() {
            return TlsContexts.builtIn();
        }
    });
    boolean customTls;
    Clock clock = Clock.systemUTC();
    Sleeper sleeper = Sleeper.REAL;
    Long faultSeed;
    dev.fakemail.dns.FakeZone zone;
    int dnsPort = ServerConfig.OFF;
    final List<FaultRule> faultRules = new ArrayList<>();
    int transcriptCapacity = 1000;
    java.time.Duration inboxIdleTimeout = java.time.Duration.ofMinutes(30);
    int maxInboxes = 1000;
    int maxMessages = Integer.MAX_VALUE;
    long imapQuotaStorage = Long.MAX_VALUE;
    long imapQuotaMessages = Long.MAX_VALUE;
    boolean imapRev2 = true;
    Duration maxAge;

    FakeMailServerBuilder() {
        for (ProtocolName protocol : ProtocolName.values()) {
            ports.put(protocol, protocol.onByDefault() ? 0 : ServerConfig.OFF);
        }
    }

    /** The address to listen on; loopback by default, so nothing is reachable from the network. */
    public FakeMailServerBuilder bindAddress(InetAddress address) {
        this.bindAddress = Objects.requireNonNull(address, "address");
        return this;
    }

    /** The address to listen on, e.g. "127.0.0.1", "::1" or "0.0.0.0" (all interfaces). */
    public FakeMailServerBuilder bindAddress(String address) {
        try {
            return bindAddress(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bind address '" + address + "' is not a known host or IP", e);
        }
    }

    /**
     * The port of one listener: 0 picks a free port (read it back after {@code start()} from
     * {@code endpoint(protocol)}), {@link ServerConfig#OFF} disables the listener. SMTP, POP3 and IMAP listen on
     * a free port by default; their implicit-TLS variants are off until given a port.
     */
    public FakeMailServerBuilder port(ProtocolName protocol, int port) {
        ports.put(Objects.requireNonNull(protocol, "protocol"), checkPort(protocol.portSetting(), port));
        return this;
    }

    /** SMTP port: 0 (default) picks a free port, {@link ServerConfig#OFF} disables SMTP. */
    public FakeMailServerBuilder smtpPort(int port) {
        return port(ProtocolName.SMTP, port);
    }

    /** SMTPS (implicit TLS) port: off by default; 0 picks a free port. */
    public FakeMailServerBuilder smtpsPort(int port) {
        return port(ProtocolName.SMTPS, port);
    }

    /** POP3 port: 0 (default) picks a free port, {@link ServerConfig#OFF} disables POP3. */
    public FakeMailServerBuilder pop3Port(int port) {
        return port(ProtocolName.POP3, port);
    }

    /** POP3S (implicit TLS) port: off by default; 0 picks a free port. */
    public FakeMailServerBuilder pop3sPort(int port) {
        return port(ProtocolName.POP3S, port);
    }

    /** IMAP port: 0 (default) picks a free port, {@link ServerConfig#OFF} disables IMAP. */
    public FakeMailServerBuilder imapPort(int port) {
        return port(ProtocolName.IMAP, port);
    }

    /** IMAPS (implicit TLS) port: off by default; 0 picks a free port. */
    public FakeMailServerBuilder imapsPort(int port) {
        return port(ProtocolName.IMAPS, port);
    }

    /** The name the server uses for itself in greetings and Received fields. */
    public FakeMailServerBuilder hostname(String hostname) {
        if (hostname == null || hostname.isBlank() || !hostname.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
            throw new IllegalArgumentException("hostname must be a plain host name, got '" + hostname + "'");
        }
        this.hostname = hostname;
        return this;
    }

    /** Adds a fixed user. Once any user is fixed, only fixed users can log in. */
    public FakeMailServerBuilder user(String name, String password) {
        if (name == null || name.isEmpty() || password == null) {
            throw new IllegalArgumentException("user name must be non-empty and password non-null");
        }
        if (users == null) {
            users = new LinkedHashMap<>();
        }
        users.put(name, password);
        return this;
    }

    /** Fixed users and their passwords; only they can log in. */
    public FakeMailServerBuilder users(Map<String, String> passwordsByUser) {
        passwordsByUser.forEach(this::user);
        return this;
    }

    /** Refuse MAIL (530 5.7.0) and AUTH (538) until the session uses TLS. */
    public FakeMailServerBuilder requireTls(boolean required) {
        this.requireTls = required;
        return this;
    }

    /** Refuse MAIL (530 5.7.0) until the client authenticated. */
    public FakeMailServerBuilder requireAuth(boolean required) {
        this.requireAuth = required;
        return this;
    }

    /** Largest accepted message in octets (advertised as SIZE); 25 MiB by default. */
    public FakeMailServerBuilder maxMessageSize(long octets) {
        if (octets < 1) {
            throw new IllegalArgumentException("maxMessageSize must be positive, got " + octets);
        }
        this.maxMessageSize = octets;
        return this;
    }

    /** Most RCPT TO per transaction (452 4.5.3 beyond); 1000 by default. */
    public FakeMailServerBuilder maxRecipients(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("maxRecipients must be positive, got " + count);
        }
        this.maxRecipients = count;
        return this;
    }

    /** Longest command or text line in octets including CR LF; 1000 by default (RFC 5321 §4.5.3.1.6). */
    public FakeMailServerBuilder maxLineLength(int octets) {
        if (octets < 512) {
            throw new IllegalArgumentException("maxLineLength must be at least 512 (RFC 5321), got " + octets);
        }
        this.maxLineLength = octets;
        return this;
    }

    /**
     * Longest line of message data (SMTP DATA) in octets including CR LF; 65,536 by default. RFC 5321 sets 1,000,
     * but real MTAs accept longer lines and real mail (generated HTML, long base64 without breaks) has them;
     * 500 5.5.2 beyond.
     */
    public FakeMailServerBuilder maxDataLineLength(int octets) {
        if (octets < 1000) {
            throw new IllegalArgumentException("maxDataLineLength must be at least 1000 (RFC 5321), got " + octets);
        }
        this.maxDataLineLength = octets;
        return this;
    }

    /** Error replies a session may provoke before it is closed (SMTP 421 4.7.0, POP3 -ERR); 20 by default. */
    public FakeMailServerBuilder maxErrors(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("maxErrors must be positive, got " + count);
        }
        this.maxErrors = count;
        return this;
    }

    /**
     * How long a silent client is kept before the session is closed (SMTP 421 4.4.2, POP3 -ERR). By default
     * 5 minutes for SMTP (RFC 5321 §4.5.3.2.7), 10 minutes for POP3 (RFC 1939 §3) and 30 minutes for IMAP (RFC 3501
     * §5.4): each {@link ProtocolName#defaultIdleTimeout()}.
     */
    public FakeMailServerBuilder idleTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive, got " + timeout);
        }
        this.idleTimeout = timeout;
        return this;
    }

    /**
     * How long one write to a client may block (the client reads nothing, its buffers are full) before the
     * connection is closed, freeing the session's thread and what it holds, such as a POP3 maildrop lock; 1
     * minute by default. Slow readers are not affected: a write only blocks while the client reads nothing.
     */
    public FakeMailServerBuilder writeTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("writeTimeout must be positive, got " + timeout);
        }
        this.writeTimeout = timeout;
        return this;
    }

    /**
     * How many connections each listener keeps open at once; one more is answered with a temporary refusal
     * (SMTP {@code 421 4.7.0}, POP3 {@code -ERR [SYS/TEMP]}, IMAP {@code * BYE [UNAVAILABLE]}; implicit-TLS
     * listeners just close it) and closed. {@value ServerConfig#DEFAULT_MAX_CONNECTIONS} by default: far above
     * what tests and benchmarks open (64 clients per protocol at once), low enough that a runaway client
     * cannot take every thread (JDK 17: one platform thread per connection) or descriptor of the JVM.
     */
    public FakeMailServerBuilder maxConnections(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("maxConnections must be positive, got " + count);
        }
        this.maxConnections = count;
        return this;
    }

    /**
     * How many connections one client address may keep open at once on each listener, refused like
     * {@link #maxConnections(int)} beyond. {@value ServerConfig#DEFAULT_MAX_CONNECTIONS_PER_CLIENT} by
     * default: four times Postfix's 50 per client, since a developer's clients all come from one address (loopback, or
     * Docker's gateway) and a test suite may run many at once; it keeps one leaking client from filling the
     * whole listener.
     */
    public FakeMailServerBuilder maxConnectionsPerClient(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("maxConnectionsPerClient must be positive, got " + count);
        }
        this.maxConnectionsPerClient = count;
        return this;
    }

    /** Use this SSL context for STARTTLS and implicit TLS instead of the built-in localhost certificate. */
    public FakeMailServerBuilder tls(SSLContext context) {
        Objects.requireNonNull(context, "context");
        this.tls = () -> context;
        this.customTls = true;
        return this;
    }

    /** Use the private key and certificate chain in this key store. */
    public FakeMailServerBuilder tls(KeyStore keyStore, char[] keyPassword) {
        return tls(TlsContexts.fromKeyStore(keyStore, keyPassword));
    }

    /**
     * The clock of everything time-dependent: timestamps (Received fields, transcripts, the message log, IMAP
     * internal dates), greylisting windows, rate-limit windows and {@code maxAge}. A test can pass a clock it
     * moves forward itself, so windows pass without waiting.
     */
    public FakeMailServerBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * How fault rules wait: delays and the pauses of throttled or sliced streams. {@link Sleeper#REAL} by
     * default; a test can record the delays instead of sleeping them.
     */
    public FakeMailServerBuilder sleeper(Sleeper sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        return this;
    }

    /** How many session transcripts are kept (oldest dropped first); 1000 by default. */
    public FakeMailServerBuilder transcriptCapacity(int sessions) {
        if (sessions < 0) {
            throw new IllegalArgumentException("transcriptCapacity must not be negative, got " + sessions);
        }
        this.transcriptCapacity = sessions;
        return this;
    }

    /**
     * How long an isolated inbox ({@link FakeMailServer#inboxes()}) may go unused before it is deleted, unless
     * it was created with its own timeout; 30 minutes by default. A CI job that crashed leaves nothing behind.
     */
    public FakeMailServerBuilder inboxIdleTimeout(java.time.Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("inboxIdleTimeout must be positive, got " + timeout);
        }
        this.inboxIdleTimeout = timeout;
        return this;
    }

    /** At most this many isolated inboxes at once (1,000 by default); creating one more is refused. */
    public FakeMailServerBuilder maxInboxes(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("maxInboxes must not be negative, got " + count);
        }
        this.maxInboxes = count;
        return this;
    }

    /**
     * Keep at most this many received messages; past it the oldest is dropped from the log and from its
     * mailboxes. Unlimited by default; a long-running standalone server should set it.
     */
    public FakeMailServerBuilder maxMessages(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("maxMessages must be positive, got " + count);
        }
        this.maxMessages = count;
        return this;
    }

    /**
     * Gives every IMAP user a quota (RFC 9208, advertised as QUOTA) of this many octets over all their
     * mailboxes: an APPEND, COPY or MOVE that would go over it is refused with {@code NO [OVERQUOTA]}. No quota
     * by default; SMTP delivery is never refused for it.
     */
    public FakeMailServerBuilder imapQuota(long storageOctets) {
        return imapQuota(storageOctets, Long.MAX_VALUE);
    }

    /** The same with a limit on the number of messages too ({@link Long#MAX_VALUE}: none). */
    public FakeMailServerBuilder imapQuota(long storageOctets, long messages) {
        if (storageOctets < 0 || messages < 0) {
            throw new IllegalArgumentException("imapQuota limits must not be negative, got " + storageOctets + ", "
                    + messages);
        }
        this.imapQuotaStorage = storageOctets;
        this.imapQuotaMessages = messages;
        return this;
    }

    /**
     * Whether IMAP advertises IMAP4rev2 (RFC 9051) beside IMAP4rev1 (default true). A session speaks IMAP4rev1
     * until its client sends {@code ENABLE IMAP4rev2}; {@code false} keeps every client on IMAP4rev1, as a server
     * without IMAP4rev2 would (clients such as imapflow enable it by themselves when they see it).
     */
    public FakeMailServerBuilder imapRev2(boolean advertised) {
        this.imapRev2 = advertised;
        return this;
    }

    /** Drop received messages older than this (checked on each delivery and read). Unlimited by default. */
    public FakeMailServerBuilder maxAge(Duration age) {
        if (age == null || age.isNegative() || age.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive, got " + age);
        }
        this.maxAge = age;
        return this;
    }

    /**
     * Seeds the random source of probability budgets and random delays, so a chaos run replays exactly.
     * Without it each server draws a seed, printed in every transcript that meets a rule.
     */
    /**
     * A fake DNS zone for this server: captured mail is checked against it (SPF, DKIM, DMARC) and the
     * server's DNS responder, when one is configured, answers from it. Without a zone, none of that runs.
     */
    public FakeMailServerBuilder zone(dev.fakemail.dns.FakeZone zone) {
        this.zone = java.util.Objects.requireNonNull(zone, "zone");
        return this;
    }

    /**
     * Serves the zone over DNS (UDP and TCP on this port; 0 for a free one, read back from
     * {@link FakeMailServer#dns()}), so applications and their resolvers can be pointed at it. Off by default.
     * Without {@link #zone(dev.fakemail.dns.FakeZone)}, the server gets an empty zone to fill.
     */
    public FakeMailServerBuilder dnsPort(int port) {
        this.dnsPort = checkPort("dnsPort", port);
        return this;
    }

    public FakeMailServerBuilder faultSeed(long seed) {
        this.faultSeed = seed;
        return this;
    }

    /** A fault rule the server starts with; {@code reset()} brings the configured rules back. */
    public FakeMailServerBuilder fault(FaultRule rule) {
        faultRules.add(Objects.requireNonNull(rule, "rule"));
        return this;
    }

    /** Fault rules in the text form, one per line or separated by ';'. */
    public FakeMailServerBuilder faults(String rulesInTextForm) {
        faultRules.addAll(FaultRule.parseAll(rulesInTextForm));
        return this;
    }

    public FakeMailServer build() {
        return new FakeMailServer(new ServerConfig(this));
    }

    private static int checkPort(String setting, int port) {
        if (port != ServerConfig.OFF && (port < 0 || port > 65535)) {
            throw new IllegalArgumentException(setting + " must be 0..65535 or OFF (-1), got " + port);
        }
        return port;
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T result = value;
                if (result == null) {
                    synchronized (this) {
                        result = value;
                        if (result == null) {
                            value = result = supplier.get();
                        }
                    }
                }
                return result;
            }
        };
    }
}
