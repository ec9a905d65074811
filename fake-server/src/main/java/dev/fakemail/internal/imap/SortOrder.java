package dev.fakemail.internal.imap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A SORT program (RFC 5256 §3, RFC 5957): criteria in order, each possibly REVERSE, and always the message number
 * last (ascending, never reversed: RFC 5256 says REVERSE affects one criterion only).
 */
final class SortOrder {
    /** One message being sorted: its number in the session's view, its UID and what is compared. */
    record Entry(int sequence, long uid, SortValues values) {
    }

    private final Comparator<Entry> comparator;
    private final String text;

    private SortOrder(Comparator<Entry> comparator, String text) {
        this.comparator = comparator;
        this.text = text;
    }

    /** Parses {@code (criterion ...)}. */
    static SortOrder parse(ImapArgs args) {
        args.expect('(');
        Comparator<Entry> order = null;
        List<String> names = new ArrayList<>();
        boolean reverse = false;
        while (!args.accept(')')) {
            if (!names.isEmpty() || reverse) {
                args.space();
            }
            String name = args.atom().toUpperCase(Locale.ROOT);
            if (name.equals("REVERSE")) {
                if (reverse) {
                    throw new ImapSyntaxException("REVERSE REVERSE is not a sort criterion");
                }
                reverse = true;
                continue;
            }
            Comparator<Entry> criterion = criterion(name);
            if (reverse) {
                criterion = criterion.reversed();
            }
            names.add(reverse ? "REVERSE " + name : name);
            reverse = false;
            order = order == null ? criterion : order.thenComparing(criterion);
        }
        if (reverse || order == null) {
            throw new ImapSyntaxException(reverse ? "REVERSE must be followed by a sort criterion"
                    : "SORT needs at least one sort criterion");
        }
        return new SortOrder(order.thenComparingInt(Entry::sequence), String.join(" ", names));
    }

    private static Comparator<Entry> criterion(String name) {
        switch (name) {
            case "ARRIVAL": return Comparator.comparingLong(e -> e.values().arrival);
            case "DATE": return Comparator.comparingLong(e -> e.values().sent);
            case "SIZE": return Comparator.comparingLong(e -> e.values().size);
            case "SUBJECT": return Comparator.comparing(e -> e.values().subjectKey);
            case "FROM": return Comparator.comparing(e -> e.values().from);
            case "TO": return Comparator.comparing(e -> e.values().to);
            case "CC": return Comparator.comparing(e -> e.values().cc);
            case "DISPLAYFROM": return Comparator.comparing(e -> e.values().displayFrom);
            case "DISPLAYTO": return Comparator.comparing(e -> e.values().displayTo);
            default: throw new ImapSyntaxException("unknown sort criterion " + name.replaceAll("[^A-Z0-9.-]", "?"));
        }
    }

    /**
     * The messages of {@code sequences}, sorted; returned as message numbers, or UIDs with {@code uid}. A client
     * that sorts the same messages the same way again (a mail client redrawing its list) gets the order the
     * selection remembered: sort keys never change, and message numbers keep the order of UIDs, so an order
     * of the same UIDs stays right whatever happened in between.
     */
    long[] sort(SelectedMailbox view, int[] sequences, boolean uid) {
        long[] members = SearchRun.uids(view, sequences);
        long[] sortedUids = view.searches.rememberedOrder(text, members);
        if (sortedUids == null) {
            Entry[] entries = new Entry[sequences.length];
            for (int i = 0; i < sequences.length; i++) {
                dev.fakemail.store.StoredMessage message = view.bySequence(sequences[i]);
                entries[i] = new Entry(sequences[i], message.uid(), view.searches.values(message));
            }
            java.util.Arrays.sort(entries, comparator);
            sortedUids = new long[entries.length];
            for (int i = 0; i < entries.length; i++) {
                sortedUids[i] = entries[i].uid();
            }
            view.searches.rememberOrder(text, members, sortedUids);
        }
        long[] sorted = new long[sortedUids.length];
        for (int i = 0; i < sortedUids.length; i++) {
            sorted[i] = uid ? sortedUids[i] : view.sequenceOf(sortedUids[i]);
        }
        return sorted;
    }

    /**
     * Only what MIN, MAX and COUNT need, without sorting: an array as long as the result whose first and last
     * elements are the first and last in sort order (the rest stays 0). One pass instead of a sort.
     */
    long[] firstAndLast(SelectedMailbox view, int[] sequences, boolean uid) {
        long[] ends = new long[sequences.length];
        if (sequences.length == 0) {
            return ends;
        }
        Entry first = null;
        Entry last = null;
        for (int sequence : sequences) {
            dev.fakemail.store.StoredMessage message = view.bySequence(sequence);
            Entry entry = new Entry(sequence, message.uid(), view.searches.values(message));
            if (first == null || comparator.compare(entry, first) < 0) {
                first = entry;
            }
            if (last == null || comparator.compare(entry, last) > 0) {
                last = entry;
            }
        }
        ends[0] = uid ? first.uid() : first.sequence();
        ends[ends.length - 1] = uid ? last.uid() : last.sequence();
        return ends;
    }

    @Override
    public String toString() {
        return text;
    }
}
