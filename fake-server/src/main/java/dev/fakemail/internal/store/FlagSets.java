package dev.fakemail.internal.store;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Flag sets shared between messages: a mailbox of 10,000 messages holds a handful of distinct sets ({},
 * {\Seen}, {\Seen \Answered}...), so each is kept once. A STORE over all of them then computes each transition
 * once and allocates no set per message, and the heap holds no set per message either.
 */
final class FlagSets {
    /** Enough for every combination a test or a client uses; past it sets are simply not shared. */
    private static final int MAX_SHARED = 4096;
    private static final ConcurrentHashMap<Set<String>, Set<String>> SHARED = new ConcurrentHashMap<>();

    private FlagSets() {
    }

    /** The shared immutable set equal to {@code flags}. */
    static Set<String> shared(Set<String> flags) {
        if (flags.isEmpty()) {
            return Set.of();
        }
        Set<String> immutable = Set.copyOf(flags);
        Set<String> known = SHARED.get(immutable);
        if (known != null) {
            return known;
        }
        if (SHARED.size() >= MAX_SHARED) {
            return immutable;
        }
        known = SHARED.putIfAbsent(immutable, immutable);
        return known != null ? known : immutable;
    }

    /** The flags after the operation, or {@code current} itself when nothing changes. */
    static Set<String> apply(Set<String> current, FlagOperation operation, Set<String> given) {
        switch (operation) {
            case ADD:
                if (current.containsAll(given)) {
                    return current;
                }
                Set<String> added = new HashSet<>(current);
                added.addAll(given);
                return shared(added);
            case REMOVE:
                boolean any = false;
                for (String flag : given) {
                    if (current.contains(flag)) {
                        any = true;
                        break;
                    }
                }
                if (!any) {
                    return current;
                }
                Set<String> removed = new HashSet<>(current);
                removed.removeAll(given);
                return shared(removed);
            default:
                return current.equals(given) ? current : shared(given);
        }
    }
}
