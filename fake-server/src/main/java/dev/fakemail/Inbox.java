package dev.fakemail;

import dev.fakemail.fault.FaultPlan;
import dev.fakemail.internal.inbox.Tenant;
import dev.fakemail.journal.Transcript;
import dev.fakemail.store.MailQuery;
import dev.fakemail.store.MailStore;
import dev.fakemail.store.ReceivedMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An isolated inbox on a shared server: its own received log, waits, searches, deletes, events, mailboxes for
 * POP3/IMAP, session transcripts and fault rules. Mail reaches it as its {@link InboxSpec} says; everything
 * else stays in the server's default inbox. Get one from {@link FakeMailServer#inboxes()}.
 *
 * <p>Using it (any method here, or a session routed to it) keeps it alive; unused for its idle timeout, it is
 * deleted. {@link #close()} deletes it at once.
 */
public final class Inbox implements MailControl, AutoCloseable {
    private final Tenant tenant;
    private final InboxSpec spec;
    private final Duration idleTimeout;
    private final Instant created;
    private final Clock clock;
    private final Inboxes owner;
    private volatile long lastUsedMillis;

    Inbox(Tenant tenant, InboxSpec spec, Duration idleTimeout, Clock clock, Inboxes owner) {
        this.tenant = tenant;
        this.spec = spec;
        this.idleTimeout = idleTimeout;
        this.clock = clock;
        this.owner = owner;
        this.created = clock.instant();
        this.lastUsedMillis = created.toEpochMilli();
    }

    public String id() {
        return tenant.id();
    }

    /** How mail finds this inbox. */
    public InboxSpec spec() {
        return spec;
    }

    public Instant createdAt() {
        return created;
    }

    /** When a session or a caller last used it. */
    public Instant lastUsedAt() {
        return Instant.ofEpochMilli(lastUsedMillis);
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Whether it still exists (not deleted, not expired). */
    public boolean isOpen() {
        return owner.get(id()).orElse(null) == this;
    }

    @Override
    public List<ReceivedMessage> messages() {
        return used().store().received();
    }

    @Override
    public List<ReceivedMessage> messages(MailQuery query) {
        return used().store().find(query);
    }

    @Override
    public Optional<ReceivedMessage> message(long id) {
        return used().store().byId(id);
    }

    @Override
    public List<ReceivedMessage> await(MailQuery query, int count, Duration timeout) {
        touch();
        try {
            return tenant.store().await(query, count, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return tenant.store().find(query);
        } finally {
            touch();
        }
    }

    @Override
    public List<ReceivedMessage> unacknowledged() {
        return used().store().unacknowledged();
    }

    /** This inbox's fault rules: they fire only on sessions routed to this inbox. */
    @Override
    public FaultPlan faults() {
        return used().faults();
    }

    @Override
    public boolean delete(long id) {
        return used().store().deleteReceived(id);
    }

    @Override
    public MailStore store() {
        return used().store();
    }

    /** Seeds a user's mailboxes in this inbox (see {@link FakeMailServer#seed(String)}). */
    public MailboxSeed seed(String user) {
        return MailboxSeed.inbox(used().store(), clock, user);
    }

    @Override
    public List<Transcript> transcripts() {
        return used().journal().transcripts();
    }

    /** Forgets this inbox's messages, mailboxes, transcripts and fault rules; the inbox stays. */
    @Override
    public void reset() {
        Tenant tenant = used();
        tenant.faults().clear();
        tenant.store().reset();
        tenant.journal().clear();
    }

    /** Deletes the inbox: its mail and rules are gone, later mail for it goes to the default inbox. */
    @Override
    public void close() {
        owner.delete(id());
    }

    /** Counts as use: keeps the inbox from expiring (the web API calls it for each request naming the inbox). */
    public void keepAlive() {
        touch();
    }

    void touch() {
        lastUsedMillis = clock.millis();
    }

    /** The inbox's own world, counting as use (see {@link #keepAlive()}). */
    private Tenant used() {
        touch();
        return tenant;
    }

    boolean idleAt(long nowMillis) {
        return nowMillis - lastUsedMillis >= idleTimeout.toMillis();
    }

    Tenant tenant() {
        return tenant;
    }

    @Override
    public String toString() {
        return "inbox " + id() + " (" + spec + ")";
    }
}
