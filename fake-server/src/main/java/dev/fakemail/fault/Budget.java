package dev.fakemail.fault;

/**
 * How often a matching trigger makes its rule fire. Occurrences are counted per rule from 1, across all
 * sessions the rule applies to.
 */
public sealed interface Budget {
    /** Every occurrence. */
    record Always() implements Budget {
    }

    /** The next {@code count} occurrences, then never again ("fail twice, then accept"). */
    record Times(long count) implements Budget {
        public Times {
            requireAtLeastOne("times", count);
        }
    }

    /** Only the {@code occurrence}-th occurrence (1 is the first). */
    record Occurrence(long occurrence) implements Budget {
        public Occurrence {
            requireAtLeastOne("occurrence", occurrence);
        }
    }

    /** Each occurrence with this probability, drawn from the rule's seeded random source (replayable). */
    record Probability(double probability) implements Budget {
        public Probability {
            probability = probability == 0 ? 0.0 : probability; // -0.0 reads as 0
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("probability must be 0..1, was " + probability);
            }
        }
    }

    static Budget always() {
        return new Always();
    }

    static Budget times(long count) {
        return new Times(count);
    }

    static Budget occurrence(long occurrence) {
        return new Occurrence(occurrence);
    }

    static Budget probability(double probability) {
        return new Probability(probability);
    }

    private static void requireAtLeastOne(String what, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, was " + value);
        }
    }
}
