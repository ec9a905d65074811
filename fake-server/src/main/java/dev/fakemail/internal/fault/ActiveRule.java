package dev.fakemail.internal.fault;

import dev.fakemail.fault.Budget;
import dev.fakemail.fault.FaultHandle;
import dev.fakemail.fault.FaultRule;
import dev.fakemail.fault.Protocol;
import dev.fakemail.fault.Scope;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A rule in a plan, with its counters, its own seeded random source and its greylist / rate-limit state. */
final class ActiveRule implements FaultHandle {
    private static final long UNBOUND = -1;

    private final long id;
    private final FaultRule rule;
    private final FaultEngine engine;
    private final AtomicLong occurrences = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong boundSession = new AtomicLong(UNBOUND);
    private final SplittableRandom random;
    /** Greylisting: when each triplet was first seen (epoch millis). */
    final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
    /** Rate limit: times of the triggers counted in the current window. */
    private final ArrayDeque<Long> window = new ArrayDeque<>();
    private volatile boolean active = true;

    ActiveRule(long id, FaultRule rule, FaultEngine engine, long seed, long ordinal) {
        this.id = id;
        this.rule = rule;
        this.engine = engine;
        // Each rule draws from its own stream, so one rule's sequence does not depend on another's traffic.
        this.random = new SplittableRandom(seed ^ (ordinal * 0x9E3779B97F4A7C15L));
        if (rule.scope() instanceof Scope.Session session) {
            boundSession.set(session.sessionId());
        }
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public FaultRule rule() {
        return rule;
    }

    @Override
    public long occurrences() {
        return occurrences.get();
    }

    @Override
    public long hits() {
        return hits.get();
    }

    @Override
    public boolean remove() {
        return engine.remove(this);
    }

    @Override
    public boolean isActive() {
        return active;
    }

    void deactivate() {
        active = false;
    }

    /** A next-connection rule takes the first session that opens after it was added. */
    void offerConnection(Protocol protocol, long sessionId) {
        if (rule.scope() instanceof Scope.NextConnection && rule.protocol() == protocol) {
            boundSession.compareAndSet(UNBOUND, sessionId);
        }
    }

    boolean appliesTo(Protocol protocol, long sessionId) {
        if (rule.protocol() != protocol) {
            return false;
        }
        return rule.scope() instanceof Scope.Server || boundSession.get() == sessionId;
    }

    /** Counts an occurrence of the trigger and decides whether the rule fires for it. */
    boolean budgetAllows() {
        long occurrence = occurrences.incrementAndGet();
        Budget budget = rule.budget();
        if (budget instanceof Budget.Times times) {
            return occurrence <= times.count();
        }
        if (budget instanceof Budget.Occurrence nth) {
            return occurrence == nth.occurrence();
        }
        if (budget instanceof Budget.Probability probability) {
            return nextDouble() < probability.probability();
        }
        return true;
    }

    long recordHit() {
        return hits.incrementAndGet();
    }

    synchronized double nextDouble() {
        return random.nextDouble();
    }

    synchronized double nextGaussian() {
        // Box-Muller from the rule's own stream, so log-normal delays replay with the seed.
        double u1 = Math.max(random.nextDouble(), Double.MIN_VALUE);
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Sliding-window rate limit: true if one more trigger at {@code now} stays within the limit. */
    synchronized boolean tryAcquire(long now, int limit, long windowMillis) {
        while (!window.isEmpty() && window.peekFirst() <= now - windowMillis) {
            window.pollFirst();
        }
        if (window.size() >= limit) {
            return false;
        }
        window.addLast(now);
        return true;
    }

    @Override
    public String toString() {
        return "#" + id + " " + rule.toText() + " (hits " + hits() + ")";
    }
}
