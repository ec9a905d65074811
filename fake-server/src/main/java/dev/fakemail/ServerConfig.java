package dev.fakemail;

import dev.fakemail.internal.auth.UserPolicy;
import dev.fakemail.store.Retention;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
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
    public int pop3Port() {
        return pop3Port;
    }

    public int pop3sPort() {
        return pop3sPort;
    }

    public int imapPort() {
        return imapPort;
    }

    public int imapsPort() {
        return imapsPort;
    }

    /** The server's name in greetings and Received fields unless configured. */
    public static final String DEFAULT_HOSTNAME = "localhost";
    /** The largest accepted message unless configured: 25 MiB, as large providers allow. */
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 25L * 1024 * 1024;

    final InetAddress bindAddress;
    final int smtpPort;
    final int smtpsPort;
    final int pop3Port;
    final int pop3sPort;
    final int imapPort;
    final int imapsPort;
    final String hostname;
    final Map<String, String> users;
    final boolean requireTls;
    final boolean requireAuth;
    final long maxMessageSize;
    final int maxRecipients;
    final int maxLineLength;
    final int maxErrors;
    final Duration idleTimeout;
    final Supplier<SSLContext> tls;
    final boolean customTls;
    final Clock clock;
    final int transcriptCapacity;
    final Retention retention;
    final long faultSeed;
    final java.util.List<dev.fakemail.fault.FaultRule> faultRules;

    ServerConfig(FakeMailServerBuilder builder) {
        this.bindAddress = builder.bindAddress;
        this.smtpPort = builder.smtpPort;
        this.smtpsPort = builder.smtpsPort;
        this.pop3Port = builder.pop3Port;
        this.pop3sPort = builder.pop3sPort;
        this.imapPort = builder.imapPort;
        this.imapsPort = builder.imapsPort;
        this.hostname = builder.hostname;
        this.users = builder.users == null ? null : Map.copyOf(builder.users);
        this.requireTls = builder.requireTls;
        this.requireAuth = builder.requireAuth;
        this.maxMessageSize = builder.maxMessageSize;
        this.maxRecipients = builder.maxRecipients;
        this.maxLineLength = builder.maxLineLength;
        this.maxErrors = builder.maxErrors;
        this.idleTimeout = builder.idleTimeout;
        this.tls = builder.tls;
        this.customTls = builder.customTls;
        this.clock = builder.clock;
        this.transcriptCapacity = builder.transcriptCapacity;
        this.retention = new Retention(builder.maxMessages, builder.maxAge);
        this.faultSeed = builder.faultSeed != null ? builder.faultSeed : java.util.concurrent.ThreadLocalRandom.current().nextLong();
        this.faultRules = java.util.List.copyOf(builder.faultRules);
    }

    public InetAddress bindAddress() {
        return bindAddress;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int smtpsPort() {
        return smtpsPort;
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

    public int maxErrors() {
        return maxErrors;
    }

    /** How long an SMTP client may stay silent: as configured, else 5 minutes (RFC 5321 §4.5.3.2.7). */
    public Duration smtpIdleTimeout() {
        return idleTimeout != null ? idleTimeout : Duration.ofMinutes(5);
    }

    /** How long a POP3 client may stay silent: as configured, else 10 minutes (RFC 1939 §3's minimum). */
    public Duration pop3IdleTimeout() {
        return idleTimeout != null ? idleTimeout : Duration.ofMinutes(10);
    }

    /** How long an IMAP client may stay silent (also while idling): as configured, else 30 minutes (RFC 3501 §5.4). */
    public Duration imapIdleTimeout() {
        return idleTimeout != null ? idleTimeout : Duration.ofMinutes(30);
    }

    /** Whether TLS uses the user's own key material instead of the built-in localhost certificate. */
    public boolean customTls() {
        return customTls;
    }

    /** How much received mail is kept; unlimited by default. */
    public Retention retention() {
        return retention;
    }

    public Clock clock() {
        return clock;
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
