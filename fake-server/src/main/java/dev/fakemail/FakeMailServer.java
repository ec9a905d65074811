package dev.fakemail;

import dev.fakemail.fault.FaultPlan;
import dev.fakemail.internal.fault.FaultEngine;
import dev.fakemail.fault.Sleeper;
import dev.fakemail.internal.net.ConnectionThreads;
import dev.fakemail.internal.net.Listener;
import dev.fakemail.internal.imap.ImapSession;
import dev.fakemail.internal.imap.ImapSettings;
import dev.fakemail.internal.pop3.MaildropLocks;
import dev.fakemail.internal.pop3.Pop3Session;
import dev.fakemail.internal.pop3.Pop3Settings;
import dev.fakemail.internal.session.SessionRunner;
import dev.fakemail.internal.smtp.SmtpSession;
import dev.fakemail.internal.smtp.SmtpSettings;
import dev.fakemail.internal.store.InMemoryMailStore;
import dev.fakemail.internal.store.MailRepository;
import dev.fakemail.internal.journal.Journal;
import dev.fakemail.journal.Transcript;
import dev.fakemail.store.MailQuery;
import dev.fakemail.store.MailStore;
import dev.fakemail.store.ReceivedMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

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
    private final MailRepository store;
    private final Journal journal;
    private final SmtpSettings smtpSettings;
    private final Pop3Settings pop3Settings;
    private final ImapSettings imapSettings;
    private final MaildropLocks maildropLocks = new MaildropLocks();
    private final FaultEngine faults;
    private final List<Listener> listeners = new ArrayList<>();
    private ExecutorService executor;

    FakeMailServer(ServerConfig config) {
        this.config = config;
        this.store = new InMemoryMailStore(config.clock, config.retention);
        this.journal = new Journal(config.transcriptCapacity, config.clock);
        this.faults = new FaultEngine(config.faultSeed, config.clock, Sleeper.REAL);
        config.faultRules.forEach(faults::add);
        this.smtpSettings = new SmtpSettings(config.hostname, config.maxMessageSize, config.maxRecipients,
                config.maxLineLength, config.maxErrors, config.requireTls, config.requireAuth, config.userPolicy(),
                config.clock);
        this.pop3Settings = new Pop3Settings(config.hostname, config.userPolicy(), config.requireTls,
                config.maxErrors);
        this.imapSettings = new ImapSettings(config.hostname, config.userPolicy(), config.requireTls,
                config.maxMessageSize, config.maxErrors, config.clock);
    }

    public static FakeMailServerBuilder builder() {
        return new FakeMailServerBuilder();
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
            if (config.imapPort != ServerConfig.OFF) {
                listeners.add(imapListener("imap", config.imapPort, false));
            }
            if (config.imapsPort != ServerConfig.OFF) {
                listeners.add(imapListener("imaps", config.imapsPort, true));
            }
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException(e.getMessage(), e);
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

    /** The IMAP endpoint (plain, with STARTTLS). */
    public Endpoint imap() {
        return endpoint("imap").orElseThrow(() -> new IllegalStateException("IMAP is not running"));
    }

    /** The IMAPS endpoint (implicit TLS), if configured. */
    public Endpoint imaps() {
        return endpoint("imaps").orElseThrow(() -> new IllegalStateException(
                "IMAPS is not running; enable it with builder().imapsPort(0)"));
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

    /** Forgets all messages, mailboxes and transcripts; fault rules go back to the configured ones. */
    @Override
    public void reset() {
        faults.clear();
        config.faultRules.forEach(faults::add);
        store.reset();
        journal.clear();
    }

    private Listener imapListener(String name, int port, boolean implicitTls) throws IOException {
        SessionRunner runner = new SessionRunner(name.toUpperCase(Locale.ROOT),
                connection -> new ImapSession(imapSettings, store, connection), journal,
                config.imapIdleTimeout(), config.tls, faults, implicitTls);
        return Listener.open(name, config.bindAddress, port, implicitTls, runner, executor);
    }

    private Listener pop3Listener(String name, int port, boolean implicitTls) throws IOException {
        SessionRunner runner = new SessionRunner(name.toUpperCase(Locale.ROOT),
                connection -> new Pop3Session(pop3Settings, store, maildropLocks, connection), journal,
                config.pop3IdleTimeout(), config.tls, faults, implicitTls);
        return Listener.open(name, config.bindAddress, port, implicitTls, runner, executor);
    }

    private Listener smtpListener(String name, int port, boolean implicitTls) throws IOException {
        SessionRunner runner = new SessionRunner(name.toUpperCase(Locale.ROOT),
                connection -> new SmtpSession(smtpSettings, store, connection), journal,
                config.smtpIdleTimeout(), config.tls, faults, implicitTls);
        return Listener.open(name, config.bindAddress, port, implicitTls, runner, executor);
    }
}
