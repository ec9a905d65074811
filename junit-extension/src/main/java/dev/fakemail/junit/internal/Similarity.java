package dev.fakemail.junit.internal;

import java.util.Collection;
import java.util.Locale;

/** How alike two short texts are, to rank near misses ("Reset password" is near "Reset your password"). */
final class Similarity {
    /** Longer texts are not compared: a body is not a near miss of a phrase, and the cost grows quadratically. */
    static final int MAX_LENGTH = 200;

    private Similarity() {
    }

    /** 1 for equal texts (ignoring case), towards 0 the more edits it takes to turn one into the other. */
    static double of(String expected, String actual) {
        String a = expected.toLowerCase(Locale.ROOT);
        String b = actual.toLowerCase(Locale.ROOT);
        if (a.length() > MAX_LENGTH || b.length() > MAX_LENGTH) {
            return 0;
        }
        int longest = Math.max(a.length(), b.length());
        return longest == 0 ? 1 : 1 - (double) editDistance(a, b) / longest;
    }

    /** The best similarity to any of the values; 0 if there are none. */
    static double best(String expected, Collection<String> values) {
        return values.stream().mapToDouble(value -> of(expected, value)).max().orElse(0);
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
