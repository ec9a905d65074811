package dev.fakemail.fault;

import static org.assertj.core.api.Assertions.assertThat;

/** The replay check of seeded fault decisions: the same seed gives the same results again, another seed others. */
final class SeededRuns {
    private SeededRuns() {
    }

    /** One run of a seeded scenario on a fresh server: what it decided. */
    interface SeededRun<R> {
        R with(long seed) throws Exception;
    }

    /** The results of the first run with the seed and of the run with the other seed. */
    record Runs<R>(R first, R other) {
    }

    /** Runs the scenario twice with {@code seed} and once with {@code otherSeed}, and checks the replay. */
    static <R> Runs<R> replayOnlyWithTheSameSeed(SeededRun<R> run, long seed, long otherSeed) throws Exception {
        R first = run.with(seed);
        R second = run.with(seed);
        R other = run.with(otherSeed);
        assertThat(second).as("same seed, fresh server, same decisions").isEqualTo(first);
        assertThat(other).as("another seed, other decisions").isNotEqualTo(first);
        return new Runs<>(first, other);
    }
}
