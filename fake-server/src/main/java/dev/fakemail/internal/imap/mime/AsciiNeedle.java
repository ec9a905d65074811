package dev.fakemail.internal.imap.mime;

/**
 * An ASCII search string found case-insensitively in raw bytes, without decoding them to a String first: SEARCH
 * TEXT over 10,000 plain messages reads 20 MB, and decoding each body into a String first costs more than the
 * search itself. Only for bytes whose decoded text is the same bytes (7bit/8bit parts in US-ASCII or UTF-8,
 * header values without encoded words or 8-bit bytes): an ASCII needle can only match ASCII bytes there.
 */
final class AsciiNeedle {
    private final byte[] lower;
    private final byte[] upper;

    private AsciiNeedle(byte[] lower, byte[] upper) {
        this.lower = lower;
        this.upper = upper;
    }

    /** The needle if it is pure ASCII, else null (the caller decodes and compares Strings). */
    static AsciiNeedle of(String needle) {
        byte[] lower = new byte[needle.length()];
        byte[] upper = new byte[needle.length()];
        for (int i = 0; i < needle.length(); i++) {
            char c = needle.charAt(i);
            if (c > 0x7f) {
                return null;
            }
            lower[i] = (byte) (c >= 'A' && c <= 'Z' ? c + 32 : c);
            upper[i] = (byte) (c >= 'a' && c <= 'z' ? c - 32 : c);
        }
        return new AsciiNeedle(lower, upper);
    }

    /** Whether the needle occurs in {@code bytes[from, to)}, ASCII letters compared without case. */
    boolean foundIn(byte[] bytes, int from, int to) {
        int n = lower.length;
        if (n == 0) {
            return true;
        }
        byte firstLower = lower[0];
        byte firstUpper = upper[0];
        int last = to - n;
        for (int i = from; i <= last; i++) {
            byte b = bytes[i];
            if (b != firstLower && b != firstUpper) {
                continue;
            }
            int k = 1;
            while (k < n) {
                byte c = bytes[i + k];
                if (c != lower[k] && c != upper[k]) {
                    break;
                }
                k++;
            }
            if (k == n) {
                return true;
            }
        }
        return false;
    }
}
