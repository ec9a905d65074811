package dev.fakemail.internal.imap.mime;

import java.util.Arrays;

/**
 * A growable byte buffer that writes IMAP response syntax (RFC 3501 §4, §9): NIL, quoted strings and
 * literals. Strings handed in are Latin-1 views of raw message bytes (one char per byte), so 8-bit
 * header bytes come out unchanged.
 *
 * <p>As Dovecot does: a string becomes a quoted string when every byte is a 7-bit TEXT-CHAR (no CR,
 * LF) and it needs at most four escapes ({@code "} and {@code \}); otherwise a literal
 * {@code {n}CRLF...}. NUL bytes are dropped: IMAP4rev1 allows them neither in quoted strings nor in
 * literals (CHAR8 is %x01-FF). {@link #stringForHumans} is Dovecot's form for subjects and names.
 */
public final class ImapOut {
    private static final byte[] NIL = {'N', 'I', 'L'};
    /** Beyond this many escapes a literal is shorter for typical lengths (Dovecot's threshold). */
    private static final int MAX_ESCAPES = 4;
    private byte[] buf;
    private int size;

    public ImapOut() {
        this(256);
    }

    public ImapOut(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** Sends the bytes written so far, without copying them first. */
    public void writeTo(java.io.OutputStream out) throws java.io.IOException {
        out.write(buf, 0, size);
    }

    /** Empties the buffer for reuse (e.g. one buffer per FETCH response line). */
    public void reset() {
        size = 0;
    }

    /** Appends the bytes written so far to another buffer, e.g. to reuse a cached rendering. */
    public void writeTo(ImapOut other) {
        other.raw(buf, 0, size);
    }

    public ImapOut raw(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buf, size, length);
        size += length;
        return this;
    }

    public ImapOut raw(byte[] bytes) {
        return raw(bytes, 0, bytes.length);
    }

    /** Protocol text, one octet per char; a char beyond Latin-1 becomes '?' (never its low byte, e.g. a CR). */
    public ImapOut ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            buf[size++] = c <= 0xff ? (byte) c : (byte) '?';
        }
        return this;
    }

    public ImapOut ch(char c) {
        ensure(1);
        buf[size++] = (byte) c;
        return this;
    }

    public ImapOut nil() {
        return raw(NIL);
    }

    public ImapOut number(long n) {
        return ascii(Long.toString(n));
    }

    /** NIL when {@code s} is null, else {@link #string}. */
    public ImapOut nstring(String s) {
        return s == null ? nil() : string(s);
    }

    /** A quoted string, or a literal when {@code s} holds bytes a quoted string cannot carry. */
    public ImapOut string(String s) {
        int n = s.length();
        // optimistic single pass: write it quoted, and start over as a literal on the first byte that needs one
        ensure(n * 2 + 2);
        int mark = size;
        int escapes = 0;
        buf[size++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= ' ' && c < 0x7f) {
                if (c == '"' || c == '\\') {
                    if (++escapes > MAX_ESCAPES) {
                        size = mark;
                        return literal(s);
                    }
                    buf[size++] = '\\';
                }
                buf[size++] = (byte) c;
            } else if (c == '\r' || c == '\n' || c > 0x7f) {
                size = mark;
                return literal(s);
            } else if (c != 0) {
                buf[size++] = (byte) c; // other controls (e.g. TAB) are TEXT-CHARs
            }
        }
        buf[size++] = '"';
        return this;
    }

    /**
     * A string as Dovecot writes subjects and display names: runs of spaces and tabs become one space,
     * CR and LF are removed, leading and trailing whitespace is dropped, NUL becomes 0x80. A string that
     * needed none of that and holds no {@code "}, {@code \} or 8-bit byte is quoted; any other is a
     * literal of the cleaned text (an all-whitespace string is "").
     */
    public ImapOut stringForHumans(String s) {
        int n = s.length();
        boolean modify = false;
        boolean lastSpace = true;
        for (int i = 0; i < n && !modify; i++) {
            char c = s.charAt(i);
            if (c == ' ') {
                modify = lastSpace;
                lastSpace = true;
            } else {
                modify = c == '\t' || c == '\r' || c == '\n' || c == 0 || c == '"' || c == '\\' || c > 0x7f;
                lastSpace = false;
            }
        }
        modify |= n > 0 && s.charAt(n - 1) == ' ';
        if (!modify) {
            ensure(n + 2);
            buf[size++] = '"';
            for (int i = 0; i < n; i++) {
                buf[size++] = (byte) s.charAt(i);
            }
            buf[size++] = '"';
            return this;
        }
        StringBuilder clean = new StringBuilder(n);
        lastSpace = true;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t') {
                if (!lastSpace) {
                    clean.append(' ');
                }
                lastSpace = true;
            } else if (c != '\r' && c != '\n') {
                clean.append(c == 0 ? (char) 0x80 : c);
                lastSpace = false;
            }
        }
        if (lastSpace && clean.length() > 0) {
            clean.setLength(clean.length() - 1);
        }
        if (clean.length() == 0) {
            return ascii("\"\"");
        }
        return literal(clean.toString());
    }

    private ImapOut literal(String text) {
        String s = asOctets(text);
        int n = s.length();
        int nuls = 0;
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) == 0) {
                nuls++;
            }
        }
        ascii("{").number(n - nuls).ascii("}\r\n");
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c != 0) {
                buf[size++] = (byte) c;
            }
        }
        return this;
    }

    /**
     * The strings written here are octets, one per char (header bytes read as ISO-8859-1, names already turned
     * into their wire form). A string that holds a char beyond 0xFF cannot be octets: it is text, and goes out as
     * its UTF-8 bytes instead of one truncated low byte per char.
     */
    private static String asOctets(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xff) {
                return new String(s.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        java.nio.charset.StandardCharsets.ISO_8859_1);
            }
        }
        return s;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
