package dev.fakemail;

import dev.fakemail.fault.FaultPlan;
import dev.fakemail.internal.fault.FaultEngine;
import dev.fakemail.internal.imap.ImapSettings;
import dev.fakemail.internal.journal.Journal;
import dev.fakemail.internal.net.ConnectionLimits;
import dev.fakemail.internal.net.ConnectionThreads;
import dev.fakemail.internal.net.Listener;
import dev.fakemail.internal.pop3.Pop3Settings;
import dev.fakemail.internal.protocol.ProtocolSessions;
import dev.fakemail.internal.session.SessionRunner;
import dev.fakemail.internal.smtp.SmtpSettings;
import dev.fakemail.internal.store.InMemoryMailStore;
import dev.fakemail.internal.store.MailRepository;
import dev.fakemail.journal.Transcript;
import dev.fakemail.store.MailQuery;
import dev.fakemail.store.MailStore;
import dev.fakemail.store.ReceivedMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * A fake mail server: real SMTP, POP3 and IMAP (and their implicit-TLS variants, see {@link ProtocolName}) on
 * loopback ports, everything kept in memory.
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
    private final MailRepository store;
    private final Journal journal;
    private final ProtocolSessions sessions;
    private final FaultEngine faults;
    private final Inboxes inboxes;
    private final List<Listener> listeners = new ArrayList<>();
    private dev.fakemail.internal.dns.DnsResponder dns;
    private final dev.fakemail.internal.dns.DnsFaults zoneAnswers;
    private ExecutorService executor;

    FakeMailServer(ServerConfig config) {
        this.config = config;
        this.store = new InMemoryMailStore(config.clock, config.retention);
        this.journal = new Journal(config.transcriptCapacity, config.clock);
        this.faults = new FaultEngine(config.faultSeed, config.clock, config.sleeper);
        for (dev.fakemail.fault.FaultRule rule : config.faultRules) {
            faults.add(rule);
        }
        if (config.zone != null) {
            // One way into the zone for the responder and for the checks of accepted mail, so dns fault rules
            // reach both.
            org.xbill.DNS.Resolver resolver = config.zone.resolver();
            this.zoneAnswers = new dev.fakemail.internal.dns.DnsFaults(faults,
                    query -> resolver.sendAsync(query).toCompletableFuture().join(), config.clock);
        } else {
            this.zoneAnswers = null;
        }
        SmtpSettings smtp = new SmtpSettings(config.hostname, config.maxMessageSize, config.maxRecipients,
                config.maxLineLength, config.maxDataLineLength, config.maxErrors, config.requireTls, config.requireAuth,
                config.userPolicy(), config.clock, zoneAnswers == null ? null
                        : new dev.fakemail.internal.authentication.MessageAuthenticator(zoneAnswers, config.clock,
                                config.hostname));
        Pop3Settings pop3 = new Pop3Settings(config.hostname, config.userPolicy(), config.requireTls, config.maxErrors);
        ImapSettings imap = new ImapSettings(config.hostname, config.userPolicy(), config.requireTls,
                config.maxMessageSize, config.maxErrors, config.clock,
                new dev.fakemail.internal.imap.Quotas(config.imapQuotaStorage, config.imapQuotaMessages), config.imapRev2);
        this.sessions = new ProtocolSessions(smtp, pop3, imap, store);
        this.inboxes = new Inboxes(config);
    }

    public static FakeMailServerBuilder builder() {
        return new FakeMailServerBuilder();
    }

    /**
     * Binds every configured listener and starts accepting; returns this server.
     *
     * @throws ListenerBindException if a port cannot be bound (it names the listener); nothing is left running
     */
    public synchronized FakeMailServer start() {
        if (executor != null) {
            throw new IllegalStateException("already running");
        }
        executor = ConnectionThreads.newSessionExecutor("fakemail-session");
        for (ProtocolName protocol : ProtocolName.values()) {
            int port = config.port(protocol);
            if (port != ServerConfig.OFF) {
                try {
                    listeners.add(open(protocol, port));
                } catch (IOException e) {
                    stop();
                    throw new ListenerBindException(protocol, config.bindAddress, port, e);
                } catch (RuntimeException | Error e) { // e.g. no thread for the accept loop: nothing stays bound
                    stop();
                    throw e;
                }
            }
        }
        if (config.dnsPort != ServerConfig.OFF) {
            try {
                dns = dev.fakemail.internal.dns.DnsResponder.start(config.bindAddress, config.dnsPort, zoneAnswers,
                        config.maxConnections, config.maxConnectionsPerClient);
            } catch (IOException e) {
                stop();
                throw new java.io.UncheckedIOException("dns cannot listen on " + config.bindAddress.getHostAddress()
                        + ":" + config.dnsPort + " (UDP and TCP): " + e.getMessage(), e);
            }
        }
        return this;
    }

    /** Closes every listener and every open session at once and frees the ports. Stored mail stays. */
    public synchronized void stop() {
        // All listeners stop first, then their accept threads are awaited together: one wake-up wait, not one each.
        for (Listener listener : listeners) {
            listener.stopAccepting();
        }
        for (Listener listener : listeners) {
            listener.awaitClosed();
        }
        listeners.clear();
        if (dns != null) {
            dns.close();
            dns = null;
        }
        sessions.stopped();
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
        return running(ProtocolName.SMTP);
    }

    /** The SMTPS endpoint (implicit TLS), if configured. */
    public Endpoint smtps() {
        return running(ProtocolName.SMTPS);
    }

    /** The POP3 endpoint (plain, with STLS). */
    public Endpoint pop3() {
        return running(ProtocolName.POP3);
    }

    /** The POP3S endpoint (implicit TLS), if configured. */
    public Endpoint pop3s() {
        return running(ProtocolName.POP3S);
    }

    /** The IMAP endpoint (plain, with STARTTLS). */
    public Endpoint imap() {
        return running(ProtocolName.IMAP);
    }

    /** The IMAPS endpoint (implicit TLS), if configured. */
    public Endpoint imaps() {
        return running(ProtocolName.IMAPS);
    }

    /** Where this listener runs; empty when it is off or the server is stopped. */
    public synchronized Optional<Endpoint> endpoint(ProtocolName protocol) {
        String name = protocol.id();
        for (Endpoint endpoint : endpoints()) {
            if (endpoint.protocol().equals(name)) {
                return Optional.of(endpoint);
            }
        }
        return Optional.empty();
    }

    /** Every running endpoint, in start order. */
    public synchronized List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Listener listener : listeners) {
            endpoints.add(new Endpoint(listener.name(), listener.address(), listener.port(), listener.implicitTls()));
        }
        return endpoints;
    }

    @Override
    public synchronized List<ListenerHealth> listenerHealth() {
        List<ListenerHealth> health = new ArrayList<>();
        for (Listener listener : listeners) {
            Endpoint endpoint = new Endpoint(listener.name(), listener.address(), listener.port(),
                    listener.implicitTls());
            Listener.Failure failure = listener.failure();
            health.add(failure == null ? new ListenerHealth(endpoint, true, null, null, listener.connections())
                    : new ListenerHealth(endpoint, false, failure.since(), failure.lastError(), listener.connections()));
        }
        return health;
    }

    private Endpoint running(ProtocolName protocol) {
        Optional<Endpoint> endpoint = endpoint(protocol);
        if (endpoint.isEmpty()) {
            throw new IllegalStateException(protocol.name() + " is not running"
                    + (protocol.onByDefault() ? "" : "; enable it with builder()." + protocol.portSetting() + "(0)"));
        }
        return endpoint.get();
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

    /**
     * Seeds a user's mailboxes from a test: folders and messages with flags, as a mail client would have filed
     * them (IMAP sessions and the web inbox see them arrive). The user name is the login, e.g. an address.
     */
    public MailboxSeed seed(String user) {
        return MailboxSeed.inbox(store, config.clock, user);
    }

    /**
     * The writable store behind {@link #store()}: for this project's protocol tests and benchmarks (putting
     * mail straight into a mailbox), not part of the API; it may change in any release.
     */
    public MailRepository repository() {
        return store;
    }

    @Override
    public boolean delete(long id) {
        return store.deleteReceived(id);
    }

    @Override
    public List<Transcript> transcripts() {
        return journal.transcripts();
    }

    @Override
    public List<ReceivedMessage> unacknowledged() {
        return store.unacknowledged();
    }

    @Override
    public FaultPlan faults() {
        return faults;
    }

    /**
     * The isolated inboxes on this server: each has its own mail, mailboxes, transcripts and fault rules, and
     * mail reaches it by recipient domain, {@code +tag}, SMTP login or header. This server's own methods are
     * the default inbox's: mail that matches no inbox.
     */
    public Inboxes inboxes() {
        return inboxes;
    }

    /** Where the DNS responder answers (UDP and TCP on this port), when {@code dnsPort} was set. */
    public synchronized Endpoint dns() {
        if (dns == null) {
            throw new IllegalStateException("DNS is not running; enable it with builder().dnsPort(0)");
        }
        return new Endpoint("dns", config.bindAddress, dns.port(), false);
    }

    /** The fake DNS zone given to the builder ({@code zone(FakeZone)}), if any. */
    public java.util.Optional<dev.fakemail.dns.FakeZone> zone() {
        return config.zone();
    }

    /**
     * Forgets all messages, mailboxes and transcripts and deletes every isolated inbox; fault rules go back to
     * the configured ones.
     */
    @Override
    public void reset() {
        inboxes.clear();
        faults.clear();
        config.faultRules.forEach(faults::add);
        store.reset();
        journal.clear();
    }

    private Listener open(ProtocolName protocol, int port) throws IOException {
        SessionRunner runner = new SessionRunner(protocol.name(), sessions.factory(protocol.faultProtocol()), journal,
                config.idleTimeout(protocol), config.writeTimeout, config.tls, faults, protocol.implicitTls(),
                inboxes.router());
        ConnectionLimits limits = new ConnectionLimits(config.maxConnections, config.maxConnectionsPerClient,
                refusal(protocol, "too many connections"), refusal(protocol, "too many connections from your address"));
        return Listener.open(protocol.id(), config.bindAddress, port, protocol.implicitTls(), runner, executor, limits);
    }

    /** A plain-text refusal line, none for implicit TLS (its clients expect a handshake, not text). */
    private String refusal(ProtocolName protocol, String reason) {
        return protocol.implicitTls() ? null : sessions.refusal(protocol.faultProtocol(), reason);
    }
}
