package dev.fakemail.internal.imap.mime;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The fields of one header section, found in a single pass over the raw bytes and kept only as offsets
 * into them (field start, colon, field end; a field ends after the line end of its last folded line).
 *
 * <p>The header section ends after its terminating empty line; without one it runs to the limit (a
 * message that is all header). Lines are CRLF or bare LF. A line that is neither a field nor a
 * continuation (no colon) is kept as a field without a name: it is part of the header bytes but never
 * matches a name. Values are returned as Latin-1 strings (one char per raw byte), unfolded (line
 * breaks inside the field removed, the folding whitespace kept) and trimmed of surrounding whitespace.
 */
public final class HeaderIndex {
    private static final int[] NO_FIELDS = new int[0];

    private final byte[] raw;
    private final int start;
    private final int end;
    /** Triples: field start, colon offset (-1 when none), field end. */
    private final int[] fields;

    private HeaderIndex(byte[] raw, int start, int end, int[] fields) {
        this.raw = raw;
        this.start = start;
        this.end = end;
        this.fields = fields;
    }

    /** Indexes the header section that begins at {@code start}; it never extends past {@code limit}. */
    public static HeaderIndex parse(byte[] raw, int start, int limit) {
        int[] found = NO_FIELDS;
        int count = 0;
        int pos = start;
        int headerEnd = limit;
        while (pos < limit) {
            int blank = blankLineEnd(raw, pos, limit);
            if (blank >= 0) {
                headerEnd = blank;
                break;
            }
            int fieldStart = pos;
            int colon = -1;
            int lineEnd = lineEnd(raw, pos, limit);
            for (int i = pos; i < lineEnd; i++) {
                byte b = raw[i];
                if (b == ':') {
                    colon = i;
                    break;
                }
                if (b == ' ' || b == '\t') {
                    // "Name : value" is tolerated; whitespace inside the name is not a field
                    if (!onlyWhitespaceUntilColon(raw, i, lineEnd)) {
                        break;
                    }
                }
            }
            pos = lineEnd;
            while (pos < limit && (raw[pos] == ' ' || raw[pos] == '\t')) {
                pos = lineEnd(raw, pos, limit);
            }
            if (count * 3 == found.length) {
                found = Arrays.copyOf(found, Math.max(24, found.length * 2));
            }
            found[count * 3] = fieldStart;
            found[count * 3 + 1] = colon;
            found[count * 3 + 2] = pos;
            count++;
        }
        return new HeaderIndex(raw, start, headerEnd, count * 3 == found.length ? found
                : Arrays.copyOf(found, count * 3));
    }

    private static boolean onlyWhitespaceUntilColon(byte[] raw, int from, int lineEnd) {
        for (int i = from; i < lineEnd; i++) {
            byte b = raw[i];
            if (b == ':') {
                return true;
            }
            if (b != ' ' && b != '\t') {
                return false;
            }
        }
        return false;
    }

    /** Offset after the empty line at {@code pos}, or -1 when the line at {@code pos} is not empty. */
    static int blankLineEnd(byte[] raw, int pos, int limit) {
        if (raw[pos] == '\n') {
            return pos + 1;
        }
        if (raw[pos] == '\r' && pos + 1 < limit && raw[pos + 1] == '\n') {
            return pos + 2;
        }
        return -1;
    }

    /** Offset after the LF that ends the line starting at {@code pos}, or {@code limit}. */
    static int lineEnd(byte[] raw, int pos, int limit) {
        for (int i = pos; i < limit; i++) {
            if (raw[i] == '\n') {
                return i + 1;
            }
        }
        return limit;
    }

    /** Offset of the first header byte. */
    public int start() {
        return start;
    }

    /** Offset after the header section, including its empty line when there is one: the body start. */
    public int end() {
        return end;
    }

    public int count() {
        return fields.length / 3;
    }

    public int fieldStart(int i) {
        return fields[i * 3];
    }

    public int fieldEnd(int i) {
        return fields[i * 3 + 2];
    }

    /** Where field {@code i}'s value begins: just after its colon (only for fields that have one). */
    public int valueStart(int i) {
        return fields[i * 3 + 1] + 1;
    }

    /** Whether line {@code i} is a real field (has a colon), not a stray line kept for its bytes. */
    public boolean hasColon(int i) {
        return fields[i * 3 + 1] >= 0;
    }

    /** Whether field {@code i} has the given name (ASCII case-insensitive). */
    public boolean nameIs(int i, String name) {
        int colon = fields[i * 3 + 1];
        if (colon < 0) {
            return false;
        }
        int from = fields[i * 3];
        int to = colon;
        while (to > from && (raw[to - 1] == ' ' || raw[to - 1] == '\t')) {
            to--;
        }
        if (to - from != name.length()) {
            return false;
        }
        for (int k = 0; k < name.length(); k++) {
            int a = raw[from + k] & 0xff;
            int b = name.charAt(k);
            if (a != b && toLower(a) != toLower(b)) {
                return false;
            }
        }
        return true;
    }

    private static int toLower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    /** Index of the first field with that name, or -1. */
    public int indexOf(String name) {
        for (int i = 0, n = count(); i < n; i++) {
            if (nameIs(i, name)) {
                return i;
            }
        }
        return -1;
    }

    /** Unfolded, trimmed value of the first field with that name; null when absent. */
    public String value(String name) {
        int i = indexOf(name);
        return i < 0 ? null : value(i);
    }

    /** Unfolded, trimmed value of field {@code i} (Latin-1: one char per byte). */
    public String value(int i) {
        int from = fields[i * 3 + 1] + 1;
        int to = fields[i * 3 + 2];
        while (from < to && isWhitespace(raw[from])) {
            from++;
        }
        while (to > from && isWhitespace(raw[to - 1])) {
            to--;
        }
        int firstBreak = -1;
        for (int k = from; k < to; k++) {
            if (raw[k] == '\n') {
                firstBreak = k;
                break;
            }
        }
        if (firstBreak < 0) {
            return new String(raw, from, to - from, StandardCharsets.ISO_8859_1); // one line: no unfolding
        }
        byte[] unfolded = new byte[to - from];
        int n = 0;
        for (int k = from; k < to; k++) {
            byte b = raw[k];
            if (b == '\n' || (b == '\r' && k + 1 < to && raw[k + 1] == '\n')) {
                continue;
            }
            unfolded[n++] = b;
        }
        return new String(unfolded, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** Length of the name of field {@code i} (whitespace before the colon excluded), -1 for a stray line. */
    int nameLength(int i) {
        int colon = fields[i * 3 + 1];
        if (colon < 0) {
            return -1;
        }
        int from = fields[i * 3];
        int to = colon;
        while (to > from && (raw[to - 1] == ' ' || raw[to - 1] == '\t')) {
            to--;
        }
        return to - from;
    }

    /** First byte of field {@code i}'s name, lower-cased (ASCII). */
    int nameFirstLower(int i) {
        return toLower(raw[fields[i * 3]] & 0xff);
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
