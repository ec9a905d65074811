package dev.fakemail.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeadTrimmingListTest {

    /** Every operation the store uses, at random, against an ArrayList doing the same. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 20261205})
    void behavesLikeAnArrayListUnderRandomOperations(long seed) {
        Random random = new Random(seed);
        List<Integer> expected = new ArrayList<>();
        HeadTrimmingList<Integer> actual = new HeadTrimmingList<>();
        for (int step = 0; step < 20_000; step++) {
            int size = expected.size();
            int choice = random.nextInt(100);
            if (choice < 45 || size == 0) {
                int value = random.nextInt(1000);
                expected.add(value);
                actual.add(value);
            } else if (choice < 70) {
                int count = 1 + random.nextInt(Math.min(size, 3));
                expected.subList(0, count).clear(); // the count limit drops the oldest
                actual.subList(0, count).clear();
            } else if (choice < 78) {
                assertThat(actual.remove(0)).isEqualTo(expected.remove(0));
            } else if (choice < 84) {
                int index = random.nextInt(size);
                assertThat(actual.remove(index)).isEqualTo(expected.remove(index));
            } else if (choice < 88) {
                int from = random.nextInt(size);
                int to = from + random.nextInt(size - from + 1);
                expected.subList(from, to).clear();
                actual.subList(from, to).clear();
            } else if (choice < 92) {
                int index = random.nextInt(size);
                int value = random.nextInt(1000);
                assertThat(actual.set(index, value)).isEqualTo(expected.set(index, value));
            } else if (choice < 95) {
                int index = random.nextInt(size + 1);
                expected.add(index, -step);
                actual.add(index, -step);
            } else if (choice < 98) {
                int divisor = 2 + random.nextInt(5);
                assertThat(actual.removeIf(value -> value % divisor == 0))
                        .isEqualTo(expected.removeIf(value -> value % divisor == 0));
            } else if (choice < 99) {
                expected.clear();
                actual.clear();
            } else {
                assertThat(List.copyOf(actual)).isEqualTo(expected);
            }
            assertThat(actual).hasSize(expected.size());
        }
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(actual.toArray()).containsExactly(expected.toArray());
    }

    @Test
    void aListTrimmedAtItsHeadForeverKeepsItsArraySmall() throws ReflectiveOperationException {
        HeadTrimmingList<Integer> list = new HeadTrimmingList<>();
        for (int i = 0; i < 1_000_000; i++) {
            list.add(i);
            if (list.size() > 5_000) {
                list.subList(0, 1).clear();
            }
        }
        assertThat(list).hasSize(5_000);
        assertThat(list.get(0)).isEqualTo(995_000);
        assertThat(list.get(4_999)).isEqualTo(999_999);
        var field = HeadTrimmingList.class.getDeclaredField("elements");
        field.setAccessible(true);
        assertThat(((Object[]) field.get(list)).length).isLessThan(10_000);
    }

    @Test
    void outOfRangeIndexesAndStaleIteratorsAreRefused() {
        HeadTrimmingList<String> list = new HeadTrimmingList<>();
        list.add("a");
        list.add("b");
        list.remove(0);
        assertThatThrownBy(() -> list.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> list.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> list.subList(0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        Iterator<String> iterator = list.iterator();
        list.add("c");
        assertThatThrownBy(iterator::next).isInstanceOf(ConcurrentModificationException.class);
    }
}
