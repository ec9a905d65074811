package dev.fakemail;

import dev.fakemail.fault.Sleeper;
import dev.fakemail.internal.fault.FaultEngine;
import dev.fakemail.internal.inbox.HeaderRoutes;
import dev.fakemail.internal.inbox.InboxRouter;
import dev.fakemail.internal.inbox.Tenant;
import dev.fakemail.internal.journal.Journal;
import dev.fakemail.internal.store.InMemoryMailStore;
import dev.fakemail.store.Retention;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * The isolated inboxes of one server: create one per test or CI job, route mail to it by recipient domain,
 * {@code +tag}, SMTP login or header, and read, wait, search and script faults on it alone.
 *
 * <p>How a session finds its inbox: every session starts in the default inbox (the server's own
 * {@link MailControl}); the first thing that names an isolated inbox moves it there for the rest of the
 * connection: the RCPT TO whose address matches a domain or tag route (that RCPT already meets the inbox's
 * fault rules), a successful login (SMTP AUTH, POP3, IMAP) matching a login route, a domain or tag route, or
 * naming the inbox as {@code inbox-id/user}, or, at the end of DATA, a header route. Rules on the connection,
 * greeting, EHLO and anything before that point are the default inbox's. One session, one inbox: later
 * recipients of other inboxes go with it.
 *
 * <p>Inboxes unused for their idle timeout are deleted when the server next looks at its inboxes (any call
 * here, or a session being routed), so a crashed job leaves nothing behind.
 */
public final class Inboxes {
    private final Clock clock;
    private final Sleeper sleeper;
    private final Retention retention;
    private final int transcriptCapacity;
    private final Duration defaultIdleTimeout;
    private final int maxInboxes;
    private final Map<String, Inbox> byId = new LinkedHashMap<>();
    /** What sessions route by, replaced on every change: readers take no lock. */
    private volatile Inbox[] snapshot = new Inbox[0];
    private volatile boolean headerRoutes;
    private final InboxRouter router = new Router();

    Inboxes(ServerConfig config) {
        this.clock = config.clock;
        this.sleeper = config.sleeper;
        this.retention = config.retention;
        this.transcriptCapacity = config.transcriptCapacity;
        this.defaultIdleTimeout = config.inboxIdleTimeout;
        this.maxInboxes = config.maxInboxes;
    }

    /**
     * Creates an inbox. Its id is the spec's, or one made from its route value when that is free and valid,
     * else a random one.
     *
     * @throws IllegalArgumentException if the id is taken, or another inbox already has the same route
     * @throws IllegalStateException if the server already holds its maximum number of inboxes
     */
    public Inbox create(InboxSpec spec) {
        synchronized (byId) {
            expireIdle();
            if (byId.size() >= maxInboxes) {
                throw new IllegalStateException("this server already holds " + maxInboxes
                        + " inboxes (maxInboxes); delete some or let them expire");
            }
            for (Inbox existing : byId.values()) {
                InboxSpec other = existing.spec();
                if (other.route() == spec.route() && other.value().equalsIgnoreCase(spec.value())
                        && other.headerName().map(name -> name.equalsIgnoreCase(spec.headerName().orElse("")))
                                .orElse(true)) {
                    throw new IllegalArgumentException("inbox " + existing.id() + " already routes by " + other);
                }
            }
            String id = spec.id().orElseGet(() -> freeId(spec));
            if (id.equals("default") || byId.containsKey(id)) {
                throw new IllegalArgumentException("inbox id already taken: " + id);
            }
            Inbox[] holder = new Inbox[1];
            Tenant tenant = new Tenant(id, new InMemoryMailStore(clock, retention),
                    new Journal(transcriptCapacity, clock),
                    new FaultEngine(ThreadLocalRandom.current().nextLong(), clock, sleeper), () -> holder[0].touch());
            Inbox inbox = new Inbox(tenant, spec, spec.idleTimeout().orElse(defaultIdleTimeout), clock, this);
            holder[0] = inbox;
            byId.put(id, inbox);
            publish();
            return inbox;
        }
    }

    /** The inbox with this id, unless it was deleted or expired. */
    public Optional<Inbox> get(String id) {
        synchronized (byId) {
            expireIdle();
            return Optional.ofNullable(byId.get(id));
        }
    }

    /** Every inbox, in order of creation. */
    public List<Inbox> list() {
        synchronized (byId) {
            expireIdle();
            return List.copyOf(byId.values());
        }
    }

    /** Deletes an inbox: its mail and rules are gone; later mail for it goes to the default inbox. */
    public boolean delete(String id) {
        synchronized (byId) {
            boolean removed = byId.remove(id) != null;
            if (removed) {
                publish();
            }
            return removed;
        }
    }

    /** Deletes every inbox (the server's reset does). */
    public void clear() {
        synchronized (byId) {
            byId.clear();
            publish();
        }
    }

    InboxRouter router() {
        return router;
    }

    private void expireIdle() {
        long now = clock.millis();
        if (byId.values().removeIf(inbox -> inbox.idleAt(now))) {
            publish();
        }
    }

    private void publish() {
        Inbox[] inboxes = byId.values().toArray(new Inbox[0]);
        boolean headers = false;
        for (Inbox inbox : inboxes) {
            headers |= inbox.spec().route() == InboxSpec.Route.HEADER;
        }
        headerRoutes = headers;
        snapshot = inboxes;
    }

    private String freeId(InboxSpec spec) {
        String fromRoute = spec.value().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        if (!fromRoute.isEmpty() && fromRoute.length() <= 64 && Character.isLetterOrDigit(fromRoute.charAt(0))
                && !fromRoute.equals("default") && !byId.containsKey(fromRoute)) {
            return fromRoute;
        }
        String random;
        do {
            random = "inbox-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
        } while (byId.containsKey(random));
        return random;
    }

    /** Expires idle inboxes at most once a second from the routing path, which runs per RCPT. */
    private Inbox[] current() {
        Inbox[] inboxes = snapshot;
        long now = clock.millis();
        for (Inbox inbox : inboxes) {
            if (inbox.idleAt(now)) {
                synchronized (byId) {
                    expireIdle();
                }
                return snapshot;
            }
        }
        return inboxes;
    }

    private final class Router implements InboxRouter {
        @Override
        public boolean active() {
            return snapshot.length > 0;
        }

        @Override
        public Tenant byAddress(String address) {
            return first(inbox -> inbox.spec().matchesAddress(address));
        }

        @Override
        public Tenant byLogin(String login) {
            return first(inbox -> inbox.spec().matchesLogin(login));
        }

        @Override
        public boolean routesByHeader() {
            return headerRoutes;
        }

        @Override
        public Tenant byHeaders(byte[] message) {
            List<InboxSpec> specs = new ArrayList<>();
            Inbox[] inboxes = current();
            for (Inbox inbox : inboxes) {
                specs.add(inbox.spec());
            }
            int match = HeaderRoutes.firstMatch(message, specs);
            return match < 0 ? null : inboxes[match].tenant();
        }

        @Override
        public Tenant byId(String id) {
            return first(inbox -> inbox.id().equals(id));
        }

        /** The tenant of the first current inbox that matches, or null. */
        private Tenant first(Predicate<Inbox> matches) {
            for (Inbox inbox : current()) {
                if (matches.test(inbox)) {
                    return inbox.tenant();
                }
            }
            return null;
        }
    }
}
