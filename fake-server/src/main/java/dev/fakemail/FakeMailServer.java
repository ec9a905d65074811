package dev.fakemail;

import dev.fakemail.internal.net.ConnectionThreads;
import dev.fakemail.internal.net.Listener;
import dev.fakemail.internal.pop3.MaildropLocks;
import dev.fakemail.internal.pop3.Pop3Session;
import dev.fakemail.internal.pop3.Pop3Settings;
import dev.fakemail.internal.session.SessionRunner;
import dev.fakemail.internal.smtp.SmtpSession;
import dev.fakemail.internal.smtp.SmtpSettings;
import dev.fakemail.internal.tls.TlsContexts;
import dev.fakemail.journal.Journal;
import dev.fakemail.journal.Transcript;
import dev.fakemail.store.MailQuery;
import dev.fakemail.store.MailStore;
import dev.fakemail.store.ReceivedMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * A fake mail server: real SMTP (and SMTPS) on loopback ports, everything kept in memory.
 *
 * <pre>{@code
 * try (FakeMailServer mail = FakeMailServer.builder().build().start()) {
 *     app.sendMailVia("127.0.0.1", mail.smtp().port());
 *     mail.await(MailQuery.to("bob@example.test"), Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * Ports default to 0 (a free port, read back after {@link #start()}); the server can be stopped and started
 * again, on the same ports if they were fixed.
 */
public final class FakeMailServer implements MailControl, AutoCloseable {
    private final ServerConfig config;
    private final MailStore store;
    private final Journal journal;
    private final SmtpSettings smtpSettings;
    private final Pop3Settings pop3Settings;
    private final MaildropLocks maildropLocks = new MaildropLocks();
    private final List<Listener> listeners = new ArrayList<>();
    private ExecutorService executor;

    private FakeMailServer(ServerConfig config) {
        this.config = config;
        this.store = new MailStore(config.clock);
        this.journal = new Journal(config.transcriptCapacity, config.clock);
        this.smtpSettings = new SmtpSettings(config.hostname, config.maxMessageSize, config.maxRecipients,
                config.maxLineLength, config.maxErrors, config.requireTls, config.requireAuth, config.userPolicy(),
                config.clock);
        this.pop3Settings = new Pop3Settings(config.hostname, config.userPolicy(), config.requireTls,
                config.maxErrors);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds every configured listener and starts accepting; returns this server. */
    public synchronized FakeMailServer start() {
        if (executor != null) {
            throw new IllegalStateException("already running");
        }
        executor = ConnectionThreads.newExecutor("fakemail-session");
        try {
            if (config.smtpPort != ServerConfig.OFF) {
                listeners.add(smtpListener("smtp", config.smtpPort, false));
            }
            if (config.smtpsPort != ServerConfig.OFF) {
                listeners.add(smtpListener("smtps", config.smtpsPort, true));
            }
            if (config.pop3Port != ServerConfig.OFF) {
                listeners.add(pop3Listener("pop3", config.pop3Port, false));
            }
            if (config.pop3sPort != ServerConfig.OFF) {
                listeners.add(pop3Listener("pop3s", config.pop3sPort, true));
            }
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException(e.getMessage(), e);
        }
        return this;
    }

    /** Closes every listener and every open session at once and frees the ports. Stored mail stays. */
    public synchronized void stop() {
        for (Listener listener : listeners) {
            listener.close();
        }
        listeners.clear();
        maildropLocks.clear();
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return executor != null;
    }

    public ServerConfig config() {
        return config;
    }

    /** The SMTP endpoint (plain, with STARTTLS). */
    public Endpoint smtp() {
        return endpoint("smtp").orElseThrow(() -> new IllegalStateException("SMTP is not running"));
    }

    /** The SMTPS endpoint (implicit TLS), if configured. */
    public Endpoint smtps() {
        return endpoint("smtps").orElseThrow(() -> new IllegalStateException(
                "SMTPS is not running; enable it with builder().smtpsPort(0)"));
    }

    /** The POP3 endpoint (plain, with STLS). */
    public Endpoint pop3() {
        return endpoint("pop3").orElseThrow(() -> new IllegalStateException("POP3 is not running"));
    }

    /** The POP3S endpoint (implicit TLS), if configured. */
    public Endpoint pop3s() {
        return endpoint("pop3s").orElseThrow(() -> new IllegalStateException(
                "POP3S is not running; enable it with builder().pop3sPort(0)"));
    }

    /** Every running endpoint, in start order. */
    public synchronized List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Listener listener : listeners) {
            endpoints.add(new Endpoint(listener.name(), listener.address(), listener.port(), listener.implicitTls()));
        }
        return endpoints;
    }

    private synchronized Optional<Endpoint> endpoint(String name) {
        return endpoints().stream().filter(endpoint -> endpoint.protocol().equals(name)).findFirst();
    }

    @Override
    public List<ReceivedMessage> messages() {
        return store.received();
    }

    @Override
    public List<ReceivedMessage> messages(MailQuery query) {
        return store.find(query);
    }

    @Override
    public List<ReceivedMessage> await(MailQuery query, int count, Duration timeout) {
        try {
            return store.await(query, count, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return store.find(query);
        }
    }

    @Override
    public Optional<ReceivedMessage> message(long id) {
        return store.byId(id);
    }

    @Override
    public MailStore store() {
        return store;
    }

    @Override
    public List<Transcript> transcripts() {
        return journal.transcripts();
    }

    @Override
    public void reset() {
        store.reset();
        journal.clear();
    }

    private Listener pop3Listener(String name, int port, boolean implicitTls) throws IOException {
        SessionRunner runner = new SessionRunner(name.toUpperCase(Locale.ROOT),
                connection -> new Pop3Session(pop3Settings, store, maildropLocks, connection), journal,
                config.pop3IdleTimeout(), config.tls);
        return Listener.open(name, config.bindAddress, port, implicitTls, config.tls, runner, executor);
    }

    private Listener smtpListener(String name, int port, boolean implicitTls) throws IOException {
        SessionRunner runner = new SessionRunner(name.toUpperCase(Locale.ROOT),
                connection -> new SmtpSession(smtpSettings, store, connection), journal,
                config.smtpIdleTimeout(), config.tls);
        return Listener.open(name, config.bindAddress, port, implicitTls, config.tls, runner, executor);
    }

    /** Configures a server; every setting has a default that suits tests. */
    public static final class Builder {
        InetAddress bindAddress = InetAddress.getLoopbackAddress();
        int smtpPort = 0;
        int smtpsPort = ServerConfig.OFF;
        int pop3Port = 0;
        int pop3sPort = ServerConfig.OFF;
        String hostname = ServerConfig.DEFAULT_HOSTNAME;
        Map<String, String> users;
        boolean requireTls;
        boolean requireAuth;
        long maxMessageSize = ServerConfig.DEFAULT_MAX_MESSAGE_SIZE;
        int maxRecipients = 1000;
        int maxLineLength = 1000;
        int maxErrors = 20;
        Duration idleTimeout; // null: each protocol's own default
        Supplier<SSLContext> tls = memoize(TlsContexts::builtIn);
        boolean customTls;
        Clock clock = Clock.systemUTC();
        int transcriptCapacity = 1000;

        private Builder() {
        }

        /** The address to listen on; loopback by default, so nothing is reachable from the network. */
        public Builder bindAddress(InetAddress address) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The address to listen on, e.g. "127.0.0.1", "::1" or "0.0.0.0" (all interfaces). */
        public Builder bindAddress(String address) {
            try {
                return bindAddress(InetAddress.getByName(address));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("bind address '" + address + "' is not a known host or IP", e);
            }
        }

        /** SMTP port: 0 (default) picks a free port, {@link ServerConfig#OFF} disables SMTP. */
        public Builder smtpPort(int port) {
            this.smtpPort = checkPort("smtpPort", port);
            return this;
        }

        /** SMTPS (implicit TLS) port: off by default; 0 picks a free port. */
        public Builder smtpsPort(int port) {
            this.smtpsPort = checkPort("smtpsPort", port);
            return this;
        }

        /** POP3 port: 0 (default) picks a free port, {@link ServerConfig#OFF} disables POP3. */
        public Builder pop3Port(int port) {
            this.pop3Port = checkPort("pop3Port", port);
            return this;
        }

        /** POP3S (implicit TLS) port: off by default; 0 picks a free port. */
        public Builder pop3sPort(int port) {
            this.pop3sPort = checkPort("pop3sPort", port);
            return this;
        }

        /** The name the server uses for itself in greetings and Received fields. */
        public Builder hostname(String hostname) {
            if (hostname == null || hostname.isBlank() || !hostname.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
                throw new IllegalArgumentException("hostname must be a plain host name, got '" + hostname + "'");
            }
            this.hostname = hostname;
            return this;
        }

        /** Adds a fixed user. Once any user is fixed, only fixed users can log in. */
        public Builder user(String name, String password) {
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
        public Builder users(Map<String, String> passwordsByUser) {
            passwordsByUser.forEach(this::user);
            return this;
        }

        /** Refuse MAIL (530 5.7.0) and AUTH (538) until the session uses TLS. */
        public Builder requireTls(boolean required) {
            this.requireTls = required;
            return this;
        }

        /** Refuse MAIL (530 5.7.0) until the client authenticated. */
        public Builder requireAuth(boolean required) {
            this.requireAuth = required;
            return this;
        }

        /** Largest accepted message in octets (advertised as SIZE); 25 MiB by default. */
        public Builder maxMessageSize(long octets) {
            if (octets < 1) {
                throw new IllegalArgumentException("maxMessageSize must be positive, got " + octets);
            }
            this.maxMessageSize = octets;
            return this;
        }

        /** Most RCPT TO per transaction (452 4.5.3 beyond); 1000 by default. */
        public Builder maxRecipients(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("maxRecipients must be positive, got " + count);
            }
            this.maxRecipients = count;
            return this;
        }

        /** Longest command or text line in octets including CR LF; 1000 by default (RFC 5321 §4.5.3.1.6). */
        public Builder maxLineLength(int octets) {
            if (octets < 512) {
                throw new IllegalArgumentException("maxLineLength must be at least 512 (RFC 5321), got " + octets);
            }
            this.maxLineLength = octets;
            return this;
        }

        /** Error replies a session may provoke before it is closed (SMTP 421 4.7.0, POP3 -ERR); 20 by default. */
        public Builder maxErrors(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("maxErrors must be positive, got " + count);
            }
            this.maxErrors = count;
            return this;
        }

        /**
         * How long a silent client is kept before the session is closed (SMTP 421 4.4.2, POP3 -ERR). By default
         * 5 minutes for SMTP (RFC 5321 §4.5.3.2.7) and 10 minutes for POP3 (RFC 1939 §3).
         */
        public Builder idleTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("idleTimeout must be positive, got " + timeout);
            }
            this.idleTimeout = timeout;
            return this;
        }

        /** Use this SSL context for STARTTLS and implicit TLS instead of the built-in localhost certificate. */
        public Builder tls(SSLContext context) {
            Objects.requireNonNull(context, "context");
            this.tls = () -> context;
            this.customTls = true;
            return this;
        }

        /** Use the private key and certificate chain in this key store. */
        public Builder tls(KeyStore keyStore, char[] keyPassword) {
            return tls(TlsContexts.fromKeyStore(keyStore, keyPassword));
        }

        /** The clock for timestamps (Received fields, transcripts, the message log). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How many session transcripts are kept (oldest dropped first); 1000 by default. */
        public Builder transcriptCapacity(int sessions) {
            if (sessions < 0) {
                throw new IllegalArgumentException("transcriptCapacity must not be negative, got " + sessions);
            }
            this.transcriptCapacity = sessions;
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
}
