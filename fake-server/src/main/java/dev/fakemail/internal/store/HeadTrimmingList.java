package dev.fakemail.internal.store;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.Predicate;

/**
 * An array-backed list whose head removals move nothing. At the count limit every delivery drops the oldest
 * message from the log, from the INBOX and from its \Recent list; in an {@code ArrayList} each of those moves
 * every later reference one place down (5,000 references, 20 KB, at the standalone default) while the store
 * lock is held, and the garbage collector's write barrier then has the whole moved range to look at again.
 * Here removing from the head only advances where the list starts; the free room at the head is taken back,
 * in one move, when the array is full.
 */
final class HeadTrimmingList<E> extends AbstractList<E> implements RandomAccess {
    private static final int MIN_CAPACITY = 16;

    private Object[] elements = new Object[MIN_CAPACITY];
    /** Index of the first element. */
    private int head;
    /** One past the last element. */
    private int end;

    @Override
    public int size() {
        return end - head;
    }

    @Override
    @SuppressWarnings("unchecked")
    public E get(int index) {
        Objects.checkIndex(index, size());
        return (E) elements[head + index];
    }

    @Override
    public E set(int index, E element) {
        E old = get(index);
        elements[head + index] = element;
        return old;
    }

    @Override
    public boolean add(E element) {
        if (end == elements.length) {
            makeRoom();
        }
        elements[end++] = element;
        modCount++;
        return true;
    }

    @Override
    public void add(int index, E element) {
        Objects.checkIndex(index, size() + 1);
        if (end == elements.length) {
            makeRoom();
        }
        int at = head + index;
        System.arraycopy(elements, at, elements, at + 1, end - at);
        elements[at] = element;
        end++;
        modCount++;
    }

    @Override
    public E remove(int index) {
        E old = get(index);
        removeRange(index, index + 1);
        return old;
    }

    @Override
    protected void removeRange(int fromIndex, int toIndex) {
        Objects.checkFromToIndex(fromIndex, toIndex, size());
        if (fromIndex == toIndex) {
            return;
        }
        if (fromIndex == 0) {
            Arrays.fill(elements, head, head + toIndex, null);
            head += toIndex;
            removed();
        } else {
            System.arraycopy(elements, head + toIndex, elements, head + fromIndex, end - head - toIndex);
            endAt(end - (toIndex - fromIndex));
        }
    }

    /** One pass, as {@code ArrayList} does; the inherited default removes one element at a time. */
    @Override
    @SuppressWarnings("unchecked")
    public boolean removeIf(Predicate<? super E> filter) {
        Objects.requireNonNull(filter);
        int kept = head;
        for (int i = head; i < end; i++) {
            E element = (E) elements[i];
            if (!filter.test(element)) {
                elements[kept++] = element;
            }
        }
        if (kept == end) {
            return false;
        }
        endAt(kept);
        return true;
    }

    /** The list now ends at {@code newEnd}: the slots after it are cleared for the garbage collector. */
    private void endAt(int newEnd) {
        Arrays.fill(elements, newEnd, end, null);
        end = newEnd;
        removed();
    }

    /** After a removal: an emptied list starts again at the array's start. */
    private void removed() {
        if (head == end) {
            head = 0;
            end = 0;
        }
        modCount++;
    }

    @Override
    public void clear() {
        endAt(head);
    }

    /** One array copy: {@code List.copyOf} and {@code new ArrayList<>(list)} take this path. */
    @Override
    public Object[] toArray() {
        return Arrays.copyOfRange(elements, head, end);
    }

    /**
     * The array is full: when a quarter of it or more is free room at the head, move the elements down (at most
     * once per that many removals); otherwise grow by half.
     */
    private void makeRoom() {
        int size = size();
        if (head >= elements.length >> 2) {
            System.arraycopy(elements, head, elements, 0, size);
            Arrays.fill(elements, size, end, null);
        } else {
            elements = Arrays.copyOfRange(elements, head, head + Math.max(MIN_CAPACITY, size + (size >> 1)));
        }
        head = 0;
        end = size;
    }
}
