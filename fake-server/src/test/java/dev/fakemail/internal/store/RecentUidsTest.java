package dev.fakemail.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RecentUidsTest {

    /** Appends, head drops, scattered removals and claims at random, against a sorted set doing the same. */
    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42, 20261206})
    void keepsWhatASortedSetKeeps(long seed) {
        Random random = new Random(seed);
        TreeSet<Long> expected = new TreeSet<>();
        RecentUids actual = new RecentUids();
        long nextUid = 1;
        for (int step = 0; step < 20_000; step++) {
            int choice = random.nextInt(100);
            if (choice < 50 || expected.isEmpty()) {
                expected.add(nextUid);
                actual.add(nextUid++);
            } else if (choice < 75) {
                long oldest = expected.first();
                expected.remove(oldest);
                actual.removeAll(new long[] {oldest}); // the count limit
            } else if (choice < 97) {
                long[] wanted = randomAscending(random, nextUid, 1 + random.nextInt(80));
                for (long uid : wanted) {
                    expected.remove(uid);
                }
                actual.removeAll(wanted);
            } else {
                assertThat(actual.toList()).containsExactlyElementsOf(expected);
                expected.clear();
                actual.clear();
            }
            assertThat(actual.size()).isEqualTo(expected.size());
        }
        assertThat(actual.toList()).containsExactlyElementsOf(expected);
    }

    @Test
    void growsPastItsFirstArrayAndKeepsOrder() {
        RecentUids uids = new RecentUids();
        List<Long> expected = new ArrayList<>();
        for (long uid = 10; uid < 5_010; uid++) {
            uids.add(uid);
            expected.add(uid);
            if (uid % 3 == 0) {
                uids.removeAll(new long[] {expected.remove(0)});
            }
        }
        assertThat(uids.toList()).isEqualTo(expected);
    }

    @Test
    void removingAbsentUidsChangesNothing() {
        RecentUids uids = new RecentUids();
        uids.add(2);
        uids.add(4);
        uids.removeAll(new long[] {1, 3, 5});
        assertThat(uids.toList()).containsExactly(2L, 4L);
    }

    private static long[] randomAscending(Random random, long bound, int count) {
        TreeSet<Long> chosen = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            chosen.add(1 + (long) random.nextInt((int) bound));
        }
        return chosen.stream().mapToLong(Long::longValue).toArray();
    }
}
