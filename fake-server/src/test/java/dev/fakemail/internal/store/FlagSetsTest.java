package dev.fakemail.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlagSetsTest {
    @Test
    void equalSetsAreSharedAndImmutable() {
        Set<String> first = FlagSets.shared(new LinkedHashSet<>(List.of("\\Seen", "$Label")));
        Set<String> second = FlagSets.shared(Set.of("$Label", "\\Seen"));
        assertThat(second).isSameAs(first).containsExactlyInAnyOrder("\\Seen", "$Label");
        assertThat(FlagSets.shared(Set.of())).isSameAs(Set.of());
    }

    @Test
    void anOperationThatChangesNothingReturnsTheSameSet() {
        Set<String> seen = FlagSets.shared(Set.of("\\Seen"));
        assertThat(FlagSets.apply(seen, FlagOperation.ADD, Set.of("\\Seen"))).isSameAs(seen);
        assertThat(FlagSets.apply(seen, FlagOperation.REMOVE, Set.of("\\Deleted"))).isSameAs(seen);
        assertThat(FlagSets.apply(seen, FlagOperation.REPLACE, Set.of("\\Seen"))).isSameAs(seen);
    }

    @Test
    void changesGiveTheSharedResult() {
        Set<String> seen = FlagSets.shared(Set.of("\\Seen"));
        Set<String> both = FlagSets.apply(seen, FlagOperation.ADD, Set.of("\\Flagged"));
        assertThat(both).containsExactlyInAnyOrder("\\Seen", "\\Flagged")
                .isSameAs(FlagSets.shared(Set.of("\\Flagged", "\\Seen")));
        assertThat(FlagSets.apply(both, FlagOperation.REMOVE, Set.of("\\Flagged", "\\Draft"))).isSameAs(seen);
        assertThat(FlagSets.apply(both, FlagOperation.REPLACE, Set.of())).isEmpty();
    }
}
