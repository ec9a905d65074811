package dev.fakemail.internal.imap;

import java.util.ArrayList;
import java.util.List;

/**
 * A sequence set of RFC 3501 §9 ({@code 1,3:5,7:*}) for message numbers or UIDs. {@code *} stands for the
 * largest number in use, resolved when the set is used; {@code n:m} and {@code m:n} mean the same range.
 */
final class SequenceSet {
    /** Stands for "*" until resolved. */
    private static final long STAR = -1;
    private final long[] lows;
    private final long[] highs;

    private SequenceSet(long[] lows, long[] highs) {
        this.lows = lows;
        this.highs = highs;
    }

    /** "$" of RFC 5182: the session's saved search result, which {@link Messages} resolves. */
    static final SequenceSet SAVED = new SequenceSet(new long[0], new long[0]);

    static SequenceSet parse(String text) {
        if (text.equals("$")) {
            return SAVED;
        }
        List<long[]> ranges = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            int colon = part.indexOf(':');
            long low = number(colon < 0 ? part : part.substring(0, colon), text);
            long high = colon < 0 ? low : number(part.substring(colon + 1), text);
            ranges.add(new long[] {low, high});
        }
        long[] lows = new long[ranges.size()];
        long[] highs = new long[ranges.size()];
        for (int i = 0; i < lows.length; i++) {
            lows[i] = ranges.get(i)[0];
            highs[i] = ranges.get(i)[1];
        }
        return new SequenceSet(lows, highs);
    }

    private static long number(String text, String whole) {
        if (text.equals("*")) {
            return STAR;
        }
        if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ImapSyntaxException("bad sequence set: " + whole);
        }
        long value = Long.parseLong(text);
        if (value == 0 || value > 0xffffffffL) {
            throw new ImapSyntaxException("bad sequence set (numbers are 1 to 4294967295): " + whole);
        }
        return value;
    }

    /** Whether {@code value} is in the set, with {@code star} the largest number in use. */
    boolean contains(long value, long star) {
        for (int i = 0; i < lows.length; i++) {
            long a = lows[i] == STAR ? star : lows[i];
            long b = highs[i] == STAR ? star : highs[i];
            if (value >= Math.min(a, b) && value <= Math.max(a, b)) {
                return true;
            }
        }
        return false;
    }

    /** The largest explicit number in the set (for "is any message number out of range" checks). */
    long largestExplicit() {
        long largest = 0;
        for (int i = 0; i < lows.length; i++) {
            largest = Math.max(largest, Math.max(lows[i], highs[i]));
        }
        return largest;
    }

    /** Whether every range names a star or number: used for "*" with an empty mailbox. */
    boolean mentionsStar() {
        for (int i = 0; i < lows.length; i++) {
            if (lows[i] == STAR || highs[i] == STAR) {
                return true;
            }
        }
        return false;
    }

    /** The ranges, resolved against {@code star}, as [low, high] pairs with low ≤ high. */
    long[][] ranges(long star) {
        long[][] resolved = new long[lows.length][];
        for (int i = 0; i < lows.length; i++) {
            long a = lows[i] == STAR ? star : lows[i];
            long b = highs[i] == STAR ? star : highs[i];
            resolved[i] = new long[] {Math.min(a, b), Math.max(a, b)};
        }
        return resolved;
    }

    /** Renders ascending numbers compactly: 1,3:5,9. */
    static String compact(long[] sorted) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < sorted.length; i++) {
            int j = i;
            while (j + 1 < sorted.length && sorted[j + 1] == sorted[j] + 1) {
                j++;
            }
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(sorted[i]);
            if (j > i) {
                text.append(':').append(sorted[j]);
            }
            i = j;
        }
        return text.toString();
    }
}
