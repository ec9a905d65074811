package dev.fakemail.internal.fault;

import dev.fakemail.fault.FaultHandle;
import dev.fakemail.fault.FaultHit;
import dev.fakemail.fault.FaultPlan;
import dev.fakemail.fault.FaultRule;
import dev.fakemail.fault.Protocol;
import dev.fakemail.fault.Sleeper;
import dev.fakemail.internal.journal.TranscriptWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A server's fault plan. Rules live in a copy-on-write array: sessions read it with one volatile load per
 * trigger, so a server without rules pays nothing else, and rules change while sessions run.
 */
public final class FaultEngine implements FaultPlan {
    private static final ActiveRule[] NONE = new ActiveRule[0];

    private final long seed;
    private final Clock clock;
    private final Sleeper sleeper;
    private final AtomicLong ids = new AtomicLong();
    /** Position of a rule among those added since the last clear: what its random stream is seeded by. */
    private long ordinal;
    private final List<Consumer<FaultHit>> listeners = new CopyOnWriteArrayList<>();
    private volatile ActiveRule[] rules = NONE;

    public FaultEngine(long seed, Clock clock, Sleeper sleeper) {
        this.seed = seed;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** The faults of one new session; call {@link SessionFaults#open} before its greeting. */
    public SessionFaults session(Protocol protocol, TranscriptWriter transcript) {
        return new SessionFaults(this, protocol, transcript);
    }

    @Override
    public synchronized FaultHandle add(FaultRule rule) {
        // Seeding by position, not by id, makes a reset server replay the same sequences as a fresh one.
        ActiveRule active = new ActiveRule(ids.incrementAndGet(), rule, this, seed, ++ordinal);
        ActiveRule[] grown = Arrays.copyOf(rules, rules.length + 1);
        grown[rules.length] = active;
        rules = grown;
        return active;
    }

    @Override
    public List<FaultHandle> rules() {
        return List.of(rules);
    }

    @Override
    public Optional<FaultHandle> rule(long id) {
        for (ActiveRule rule : rules) {
            if (rule.id() == id) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    synchronized boolean remove(ActiveRule rule) {
        List<ActiveRule> kept = new ArrayList<>(List.of(rules));
        boolean removed = kept.remove(rule);
        rules = kept.toArray(NONE);
        rule.deactivate();
        return removed;
    }

    @Override
    public synchronized void clear() {
        for (ActiveRule rule : rules) {
            rule.deactivate();
        }
        rules = NONE;
        ordinal = 0;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public AutoCloseable subscribe(Consumer<FaultHit> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    ActiveRule[] current() {
        return rules;
    }

    public boolean isEmpty() {
        return rules.length == 0;
    }

    Clock clock() {
        return clock;
    }

    Sleeper sleeper() {
        return sleeper;
    }

    void fired(FaultHit hit) {
        for (Consumer<FaultHit> listener : listeners) {
            try {
                listener.accept(hit);
            } catch (RuntimeException ignored) {
                // a broken listener must not break the session that fired the rule
            }
        }
    }
}
