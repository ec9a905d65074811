package dev.fakemail.internal.imap.mime;

/** An RFC 5322 quoted-string inside a header value: where it ends and what it holds, backslash escapes undone. */
final class Quoted {
    private Quoted() {
    }

    /** The index just after the closing quote of the quoted-string opening at {@code open}, or the text's end. */
    static int end(String s, int open) {
        int pos = open + 1;
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '"') {
                return pos;
            }
            if (c == '\\' && pos < s.length()) {
                pos++;
            }
        }
        return pos;
    }

    /** The content between the quotes of the quoted-string from {@code open} to {@code end}, unescaped. */
    static String content(String s, int open, int end) {
        int stop = end > open + 1 && end <= s.length() && s.charAt(end - 1) == '"' ? end - 1 : end;
        if (s.indexOf('\\', open + 1) < 0 || s.indexOf('\\', open + 1) >= stop) {
            return s.substring(open + 1, stop);
        }
        StringBuilder b = new StringBuilder(stop - open);
        for (int pos = open + 1; pos < stop; pos++) {
            char c = s.charAt(pos);
            if (c == '\\' && pos + 1 < stop) {
                c = s.charAt(++pos);
            }
            b.append(c);
        }
        return b.toString();
    }
}
