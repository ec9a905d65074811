package dev.fakemail;

import dev.fakemail.fault.Sleeper;
import dev.fakemail.internal.auth.UserPolicy;
import dev.fakemail.store.Retention;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The whole configuration of a server, as the builder, the JUnit extension and the standalone flags produce
 * it. Immutable. Ports: 0 picks a free port, {@link #OFF} disables the listener.
 */
public final class ServerConfig {
    /** A port value that disables the listener. */
    public static final int OFF = -1;

    /** The server's name in greetings and Received fields unless configured. */
    public static final String DEFAULT_HOSTNAME = "localhost";
    /** The largest accepted message unless configured: 25 MiB, as large providers allow. */
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 25L * 1024 * 1024;

    /** Connections one listener keeps open at once unless configured. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;
    /** Connections one client address keeps open at once on one listener unless configured. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_CLIENT = 200;

    final InetAddress bindAddress;
    final Map<ProtocolName, Integer> ports;
    final String hostname;
    final Map<String, String> users;
    final boolean requireTls;
    final boolean requireAuth;
    final long maxMessageSize;
    final int maxRecipients;
    final int maxLineLength;
    final int maxDataLineLength;
    final int maxErrors;
    final Duration idleTimeout;
    final Duration writeTimeout;
    final int maxConnections;
    final int maxConnectionsPerClient;
    final Supplier<SSLContext> tls;
    final boolean customTls;
    final Clock clock;
    final Sleeper sleeper;
    final int transcriptCapacity;
    final java.time.Duration inboxIdleTimeout;
    final int maxInboxes;
    final Retention retention;
    /** Each IMAP user's quota (RFC 9208): octets and messages, Long.MAX_VALUE for none. */
    final long imapQuotaStorage;
    final long imapQuotaMessages;
    /** IMAP4rev2 (RFC 9051) advertised beside IMAP4rev1. */
    final boolean imapRev2;
    final long faultSeed;
    final dev.fakemail.dns.FakeZone zone;
    final int dnsPort;
    final java.util.List<dev.fakemail.fault.FaultRule> faultRules;

    ServerConfig(FakeMailServerBuilder builder) {
        this.bindAddress = builder.bindAddress;
        this.ports = Collections.unmodifiableMap(new EnumMap<>(builder.ports));
        this.hostname = builder.hostname;
        this.users = builder.users == null ? null : Map.copyOf(builder.users);
        this.requireTls = builder.requireTls;
        this.requireAuth = builder.requireAuth;
        this.maxMessageSize = builder.maxMessageSize;
        this.maxRecipients = builder.maxRecipients;
        this.maxLineLength = builder.maxLineLength;
        this.maxDataLineLength = builder.maxDataLineLength;
        this.maxErrors = builder.maxErrors;
        this.idleTimeout = builder.idleTimeout;
        this.writeTimeout = builder.writeTimeout;
        this.maxConnections = builder.maxConnections;
        this.maxConnectionsPerClient = builder.maxConnectionsPerClient;
        this.tls = builder.tls;
        this.customTls = builder.customTls;
        this.clock = builder.clock;
        this.sleeper = builder.sleeper;
        this.transcriptCapacity = builder.transcriptCapacity;
        this.inboxIdleTimeout = builder.inboxIdleTimeout;
        this.dnsPort = builder.dnsPort;
        this.zone = builder.zone == null && builder.dnsPort != OFF ? dev.fakemail.dns.FakeZone.create() : builder.zone;
        this.maxInboxes = builder.maxInboxes;
        this.retention = new Retention(builder.maxMessages, builder.maxAge);
        this.imapQuotaStorage = builder.imapQuotaStorage;
        this.imapQuotaMessages = builder.imapQuotaMessages;
        this.imapRev2 = builder.imapRev2;
        this.faultSeed = builder.faultSeed != null ? builder.faultSeed : java.util.concurrent.ThreadLocalRandom.current().nextLong();
        this.faultRules = java.util.List.copyOf(builder.faultRules);
    }

    public InetAddress bindAddress() {
        return bindAddress;
    }

    /** The configured port of a listener: 0 for a free one, {@link #OFF} when it does not run. */
    public int port(ProtocolName protocol) {
        return ports.get(protocol);
    }

    public int smtpPort() {
        return port(ProtocolName.SMTP);
    }

    public int smtpsPort() {
        return port(ProtocolName.SMTPS);
    }

    public int pop3Port() {
        return port(ProtocolName.POP3);
    }

    public int pop3sPort() {
        return port(ProtocolName.POP3S);
    }

    public int imapPort() {
        return port(ProtocolName.IMAP);
    }

    public int imapsPort() {
        return port(ProtocolName.IMAPS);
    }

    /** The server's name in greetings and Received fields. */
    public String hostname() {
        return hostname;
    }

    /** Fixed users and passwords; empty when any user name and password are accepted. */
    public Map<String, String> users() {
        return users == null ? Map.of() : users;
    }

    public boolean hasFixedUsers() {
        return users != null;
    }

    public boolean requireTls() {
        return requireTls;
    }

    public boolean requireAuth() {
        return requireAuth;
    }

    public long maxMessageSize() {
        return maxMessageSize;
    }

    public int maxRecipients() {
        return maxRecipients;
    }

    public int maxLineLength() {
        return maxLineLength;
    }

    public int maxDataLineLength() {
        return maxDataLineLength;
    }

    public int maxErrors() {
        return maxErrors;
    }

    /** How long a client of this listener may stay silent: as configured, else the protocol's own default. */
    public Duration idleTimeout(ProtocolName protocol) {
        return idleTimeout != null ? idleTimeout : protocol.defaultIdleTimeout();
    }

    /** How long an SMTP client may stay silent: as configured, else 5 minutes (RFC 5321 §4.5.3.2.7). */
    public Duration smtpIdleTimeout() {
        return idleTimeout(ProtocolName.SMTP);
    }

    /** How long a POP3 client may stay silent: as configured, else 10 minutes (RFC 1939 §3's minimum). */
    public Duration pop3IdleTimeout() {
        return idleTimeout(ProtocolName.POP3);
    }

    /** How long an IMAP client may stay silent (also while idling): as configured, else 30 minutes (RFC 3501 §5.4). */
    public Duration imapIdleTimeout() {
        return idleTimeout(ProtocolName.IMAP);
    }

    /** Connections each listener keeps open at once; more are refused (SMTP 421 4.7.0) and closed. */
    public int maxConnections() {
        return maxConnections;
    }

    /** Connections one client address keeps open at once on each listener; more are refused and closed. */
    public int maxConnectionsPerClient() {
        return maxConnectionsPerClient;
    }

    /** Whether TLS uses the user's own key material instead of the built-in localhost certificate. */
    public boolean customTls() {
        return customTls;
    }

    /** How much received mail is kept; unlimited by default. */
    /** The fake DNS zone, if the server was given one. */
    public java.util.Optional<dev.fakemail.dns.FakeZone> zone() {
        return java.util.Optional.ofNullable(zone);
    }

    /** The DNS responder's port: 0 for a free one, {@link #OFF} (the default) when it does not run. */
    public int dnsPort() {
        return dnsPort;
    }

    public Duration inboxIdleTimeout() {
        return inboxIdleTimeout;
    }

    public int maxInboxes() {
        return maxInboxes;
    }

    /** Each IMAP user's quota in octets; {@link Long#MAX_VALUE} for none. */
    public long imapQuotaStorage() {
        return imapQuotaStorage;
    }

    /** Each IMAP user's quota in messages; {@link Long#MAX_VALUE} for none. */
    public long imapQuotaMessages() {
        return imapQuotaMessages;
    }

    /** Whether IMAP advertises IMAP4rev2 (RFC 9051) beside IMAP4rev1; true unless the builder said otherwise. */
    public boolean imapRev2() {
        return imapRev2;
    }

    public Retention retention() {
        return retention;
    }

    /** The clock of timestamps, greylisting and rate-limit windows and retention by age. */
    public Clock clock() {
        return clock;
    }

    /** How fault rules wait (delays, throttling). */
    public Sleeper sleeper() {
        return sleeper;
    }

    /** The seed of the fault rules' random source: as configured, or drawn once per server. */
    public long faultSeed() {
        return faultSeed;
    }

    /** Rules the server starts with (and returns to on reset). */
    public java.util.List<dev.fakemail.fault.FaultRule> faultRules() {
        return faultRules;
    }

    UserPolicy userPolicy() {
        return users == null ? UserPolicy.anyone() : UserPolicy.fixed(users);
    }
}
