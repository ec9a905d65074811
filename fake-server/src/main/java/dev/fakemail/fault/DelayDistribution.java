package dev.fakemail.fault;

import java.time.Duration;

/** How long a {@link Effect.Delay} waits; random choices come from the rule's seeded source. */
public sealed interface DelayDistribution {
    /** Always the same time. */
    record Fixed(Duration duration) implements DelayDistribution {
        public Fixed {
            requireNotNegative(duration);
        }
    }

    /** Uniformly between {@code min} and {@code max}. */
    record Uniform(Duration min, Duration max) implements DelayDistribution {
        public Uniform {
            requireNotNegative(min);
            requireNotNegative(max);
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("max delay " + max + " is below min " + min);
            }
        }
    }

    /** Log-normal around {@code median} with shape {@code sigma}: mostly near the median, a long slow tail. */
    record LogNormal(Duration median, double sigma) implements DelayDistribution {
        public LogNormal {
            requireNotNegative(median);
            if (!(sigma >= 0) || sigma > 10) {
                throw new IllegalArgumentException("sigma must be 0..10, was " + sigma);
            }
        }
    }

    private static void requireNotNegative(Duration duration) {
        Effect.requireSaneDuration("delay", duration, false);
    }
}
