package dev.fakemail.web.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Text of a message that is found, octet for octet, in its stored bytes: held as a reference (offset and length
 * packed in a {@code long}) instead of a second copy, and searched in place. Only pure ASCII text is referenced,
 * so one octet is one char and ignoring case is folding A-Z: a search over a reference answers exactly what
 * {@code text.toLowerCase(Locale.ROOT).contains(needle)} would, at no heap cost per message.
 */
final class RawText {
    /** No reference: the text is not in the stored bytes as it is (encoded, or not ASCII). */
    static final long NONE = -1;
    /** How many places with the right first octets {@link #locate} checks in full before it gives up. */
    private static final int MAX_CANDIDATES = 64;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private RawText() {
    }

    static int offset(long ref) {
        return (int) (ref >>> 32);
    }

    static int length(long ref) {
        return (int) ref;
    }

    /** The referenced text. */
    static String string(byte[] raw, long ref) {
        return new String(raw, offset(ref), length(ref), StandardCharsets.ISO_8859_1);
    }

    /** The first {@code max} chars of the referenced text. */
    static String head(byte[] raw, long ref, int max) {
        return new String(raw, offset(ref), Math.min(max, length(ref)), StandardCharsets.ISO_8859_1);
    }

    /**
     * Where {@code text} stands in {@code raw} (at or after {@code from}) exactly, octet for octet; {@link #NONE}
     * if it is not pure ASCII or not there before {@code to}.
     */
    static long locate(byte[] raw, int from, int to, String text) {
        int length = text.length();
        if (length == 0) {
            return 0;
        }
        byte[] octets = text.getBytes(StandardCharsets.UTF_8); // a plain copy for ASCII; longer for anything else
        if (octets.length != length || !onlyAscii(octets, text)) {
            return NONE;
        }
        byte first = octets[0];
        int last = Math.min(to, raw.length) - length;
        int candidates = 0;
        for (int at = Math.max(0, from); at <= last; at++) {
            if (raw[at] == first) {
                if (Arrays.equals(raw, at, at + length, octets, 0, length)) {
                    return ((long) at << 32) | length;
                }
                if (++candidates == MAX_CANDIDATES) {
                    return NONE;
                }
            }
        }
        return NONE;
    }

    /** With as many octets as chars, UTF-8 holds only ASCII, except that a lone surrogate became '?'. */
    private static boolean onlyAscii(byte[] octets, String text) {
        for (int i = 0; i < octets.length; i++) {
            if (octets[i] == '?' && text.charAt(i) != '?') {
                return false;
            }
        }
        return true;
    }

    /** The needle as ASCII octets, or null if it has a char beyond ASCII (then it is in no ASCII text). */
    static byte[] asciiNeedle(String lowerCaseNeedle) {
        byte[] octets = new byte[lowerCaseNeedle.length()];
        for (int i = 0; i < octets.length; i++) {
            char c = lowerCaseNeedle.charAt(i);
            if (c >= 0x80) {
                return null;
            }
            octets[i] = (byte) c;
        }
        return octets;
    }

    /**
     * Whether the referenced text, in lower case, contains the needle. {@code needle} is the lower-case needle as
     * ASCII octets ({@link #asciiNeedle}), or null for a needle beyond ASCII, which no referenced text holds.
     */
    static boolean contains(byte[] raw, long ref, byte[] needle) {
        if (needle == null) {
            return false;
        }
        int n = needle.length;
        if (n == 0) {
            return true;
        }
        int from = offset(ref);
        int end = from + length(ref);
        int last = end - n; // the last place the needle can start
        if (last < from) {
            return false;
        }
        // Eight places at a time: the word at a place and the word one octet further are folded (0x20 set in every
        // octet, which turns A-Z into a-z) and compared with eight copies of the needle's first and second char;
        // only places where both are equal are compared in full. Folding can also make another octet equal (CR for
        // '-'), and the zero-octet test can light an octet above a true hit, but neither misses one: every lit place
        // is checked in full. A char without 0x20 (such as '@') cannot be found in a folded word, so it is compared
        // as it is. Looking at two chars, not one, keeps the places to check rare in real text.
        byte first = needle[0];
        byte second = n > 1 ? needle[1] : first;
        long folding1 = (first & 0x20) != 0 ? ONES * 0x20 : 0;
        long folding2 = (second & 0x20) != 0 ? ONES * 0x20 : 0;
        long firsts = ONES * (first & 0xFF);
        long seconds = ONES * (second & 0xFF);
        int shift = n > 1 ? 1 : 0;
        int at = from;
        for (; at + 16 + shift <= end && at <= last; at += 16) { // two words a turn: one branch for both
            long x1 = ((long) LONGS.get(raw, at) | folding1) ^ firsts;
            long y1 = ((long) LONGS.get(raw, at + shift) | folding2) ^ seconds;
            long x2 = ((long) LONGS.get(raw, at + 8) | folding1) ^ firsts;
            long y2 = ((long) LONGS.get(raw, at + 8 + shift) | folding2) ^ seconds;
            long hits1 = (x1 - ONES) & ~x1 & (y1 - ONES) & ~y1 & HIGHS;
            long hits2 = (x2 - ONES) & ~x2 & (y2 - ONES) & ~y2 & HIGHS;
            if ((hits1 | hits2) != 0 && (found(raw, at, hits1, last, needle) || found(raw, at + 8, hits2, last, needle))) {
                return true;
            }
        }
        for (; at + 8 + shift <= end && at <= last; at += 8) {
            long x = ((long) LONGS.get(raw, at) | folding1) ^ firsts;
            long y = ((long) LONGS.get(raw, at + shift) | folding2) ^ seconds;
            if (found(raw, at, (x - ONES) & ~x & (y - ONES) & ~y & HIGHS, last, needle)) {
                return true;
            }
        }
        for (; at <= last; at++) {
            if (matchesAt(raw, at, needle)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the needle starts at one of the places lit in {@code hits} (a high bit per octet of the word at). */
    private static boolean found(byte[] raw, int at, long hits, int last, byte[] needle) {
        while (hits != 0) {
            int start = at + (Long.numberOfTrailingZeros(hits) >>> 3);
            if (start <= last && matchesAt(raw, start, needle)) {
                return true;
            }
            hits &= hits - 1;
        }
        return false;
    }

    private static boolean matchesAt(byte[] raw, int at, byte[] needle) {
        for (int i = 0; i < needle.length; i++) {
            byte b = raw[at + i];
            if (b >= 'A' && b <= 'Z') {
                b += 32;
            }
            if (b != needle[i]) {
                return false;
            }
        }
        return true;
    }

    /** {@code text.toLowerCase(Locale.ROOT).contains(needle)}, without a lower-case copy for ASCII text. */
    static boolean containsIgnoringCase(String text, String lowerCaseNeedle) {
        int n = lowerCaseNeedle.length();
        int length = text.length();
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) >= 0x80) {
                return text.toLowerCase(Locale.ROOT).contains(lowerCaseNeedle);
            }
        }
        if (n == 0) {
            return true;
        }
        for (int at = 0; at <= length - n; at++) {
            int i = 0;
            while (i < n && lowerAscii(text.charAt(at + i)) == lowerCaseNeedle.charAt(i)) {
                i++;
            }
            if (i == n) {
                return true;
            }
        }
        return false;
    }

    private static char lowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
}
