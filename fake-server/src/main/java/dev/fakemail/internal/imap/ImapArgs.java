package dev.fakemail.internal.imap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A cursor over one whole IMAP command as received: its lines joined by CR LF with each literal's octets in
 * place after its {@code {n}} announcement (RFC 3501 §4.3). Reads the syntax elements of RFC 3501 §9; any
 * deviation throws {@link ImapSyntaxException}, which the session answers with a tagged BAD.
 */
final class ImapArgs {
    private final byte[] bytes;
    private int position;

    ImapArgs(byte[] bytes, int position) {
        this.bytes = bytes;
        this.position = position;
    }

    boolean atEnd() {
        return position >= bytes.length;
    }

    int peek() {
        return atEnd() ? -1 : bytes[position] & 0xff;
    }

    void space() {
        if (peek() != ' ') {
            throw new ImapSyntaxException(atEnd() ? "missing argument" : "expected a space at octet " + position);
        }
        position++;
    }

    boolean skipSpace() {
        if (peek() == ' ') {
            position++;
            return true;
        }
        return false;
    }

    void end() {
        if (!atEnd()) {
            throw new ImapSyntaxException("unexpected characters after the arguments: "
                    + preview(position));
        }
    }

    void expect(char c) {
        if (peek() != c) {
            throw new ImapSyntaxException("expected '" + c + "'" + (atEnd() ? "" : " at " + preview(position)));
        }
        position++;
    }

    boolean accept(char c) {
        if (peek() == c) {
            position++;
            return true;
        }
        return false;
    }

    /** An atom: ATOM-CHARs (no specials); {@code extra} also allows e.g. '[' or ']' or '\\'. */
    String atom(String extra) {
        int start = position;
        while (!atEnd() && isAtomChar(bytes[position] & 0xff, extra)) {
            position++;
        }
        if (start == position) {
            throw new ImapSyntaxException(atEnd() ? "missing argument" : "expected an atom at " + preview(start));
        }
        return new String(bytes, start, position - start, StandardCharsets.US_ASCII);
    }

    String atom() {
        return atom("");
    }

    /** An atom that ends before {@code stop} (a FETCH item name before its "[section]"). */
    String atomBefore(char stop) {
        int start = position;
        while (!atEnd() && bytes[position] != stop && isAtomChar(bytes[position] & 0xff, "")) {
            position++;
        }
        if (start == position) {
            throw new ImapSyntaxException(atEnd() ? "missing argument" : "expected an atom at " + preview(start));
        }
        return new String(bytes, start, position - start, StandardCharsets.US_ASCII);
    }

    /** The text of a sequence set: digits, ':', ',' and '*', or "$" (SEARCHRES). */
    String sequenceSet() {
        if (accept('$')) {
            return "$"; // RFC 5182: the saved search result, standing alone
        }
        int start = position;
        while (!atEnd()) {
            int c = bytes[position];
            if (!((c >= '0' && c <= '9') || c == ':' || c == ',' || c == '*')) {
                break;
            }
            position++;
        }
        if (start == position) {
            throw new ImapSyntaxException(atEnd() ? "missing sequence set" : "expected a sequence set at "
                    + preview(start));
        }
        return new String(bytes, start, position - start, StandardCharsets.US_ASCII);
    }

    /** A run of digits as a number (inside {@code <origin.count>}). */
    long digits() {
        int start = position;
        while (!atEnd() && bytes[position] >= '0' && bytes[position] <= '9' && position - start < 10) {
            position++;
        }
        if (start == position) {
            throw new ImapSyntaxException("expected a number at " + preview(start));
        }
        return Long.parseLong(new String(bytes, start, position - start, StandardCharsets.US_ASCII));
    }

    String upperAtom() {
        return atom().toUpperCase(Locale.ROOT);
    }

    long number() {
        String digits = atom();
        try {
            long value = Long.parseLong(digits);
            if (value < 0 || !digits.chars().allMatch(Character::isDigit)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ImapSyntaxException("not a number: " + digits);
        }
    }

    /** A nonzero number, e.g. a UID or a message number. */
    long nzNumber() {
        long value = number();
        if (value == 0) {
            throw new ImapSyntaxException("zero where a nonzero number is required");
        }
        return value;
    }

    /** astring = atom / string; strings are decoded as UTF-8 (ASCII per RFC 3501, UTF-8 tolerated). */
    String astring() {
        return new String(astringBytes(), StandardCharsets.UTF_8);
    }

    byte[] astringBytes() {
        int c = peek();
        if (c == '"' || c == '{') {
            return stringBytes();
        }
        int start = position;
        while (!atEnd() && isAtomChar(bytes[position] & 0xff, "]")) {
            position++;
        }
        if (start == position) {
            throw new ImapSyntaxException(atEnd() ? "missing argument" : "expected a string at " + preview(start));
        }
        byte[] atom = new byte[position - start];
        System.arraycopy(bytes, start, atom, 0, atom.length);
        return atom;
    }

    /** nstring = string / NIL. */
    String nstring() {
        if (peek() != '"' && peek() != '{') {
            String nil = atom();
            if (!nil.equalsIgnoreCase("NIL")) {
                throw new ImapSyntaxException("expected a string or NIL, got " + nil);
            }
            return null;
        }
        return new String(stringBytes(), StandardCharsets.UTF_8);
    }

    /** string = quoted / literal. */
    byte[] stringBytes() {
        if (accept('"')) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            while (true) {
                if (atEnd()) {
                    throw new ImapSyntaxException("unterminated quoted string");
                }
                int c = bytes[position++] & 0xff;
                if (c == '"') {
                    return out.toByteArray();
                }
                if (c == '\\') {
                    int escaped = peek();
                    if (escaped != '"' && escaped != '\\') {
                        throw new ImapSyntaxException("only \\\" and \\\\ may be escaped in a quoted string");
                    }
                    c = escaped;
                    position++;
                } else if (c == '\r' || c == '\n') {
                    throw new ImapSyntaxException("CR or LF in a quoted string");
                }
                out.write(c);
            }
        }
        if (peek() == '{') {
            int close = indexOf('}', position);
            if (close < 0) {
                throw new ImapSyntaxException("bad literal announcement");
            }
            String count = new String(bytes, position + 1, close - position - 1, StandardCharsets.US_ASCII);
            if (count.endsWith("+")) {
                count = count.substring(0, count.length() - 1);
            }
            long length;
            try {
                length = Long.parseLong(count);
            } catch (NumberFormatException e) {
                throw new ImapSyntaxException("bad literal length: " + count);
            }
            int start = close + 3; // "}" CR LF
            if (close + 2 >= bytes.length || bytes[close + 1] != '\r' || bytes[close + 2] != '\n'
                    || length < 0 || start + length > bytes.length) {
                throw new ImapSyntaxException("literal does not match its announcement");
            }
            byte[] literal = new byte[(int) length];
            System.arraycopy(bytes, start, literal, 0, literal.length);
            position = start + (int) length;
            return literal;
        }
        throw new ImapSyntaxException(atEnd() ? "missing string" : "expected a string at " + preview(position));
    }

    /** A parenthesized list of atoms (flags); "\\" is allowed inside. An empty list is fine. */
    List<String> flagList() {
        return parenthesized(this::flag);
    }

    /** A parenthesized list of atoms, upper-cased (STATUS items, LIST options). An empty list is fine. */
    List<String> upperAtomList() {
        return parenthesized(this::upperAtom);
    }

    /** {@code (item item ...)}, the items separated by single spaces; an empty list is fine. */
    private <T> List<T> parenthesized(Supplier<T> item) {
        expect('(');
        List<T> items = new ArrayList<>();
        while (!accept(')')) {
            if (!items.isEmpty()) {
                space();
            }
            items.add(item.get());
        }
        return items;
    }

    /** {@code item} or {@code (item ...)}: one item at least (LIST's patterns, NOTIFY's mailboxes). */
    <T> List<T> oneOrList(Supplier<T> item) {
        List<T> items = new ArrayList<>();
        if (accept('(')) {
            do {
                items.add(item.get());
            } while (skipSpace());
            expect(')');
        } else {
            items.add(item.get());
        }
        return items;
    }

    /** A flag: \System or a keyword atom. */
    String flag() {
        if (accept('\\')) {
            String name = atom();
            return "\\" + name;
        }
        return atom();
    }

    /** The rest of the arguments as ASCII text (for faults and transcripts). */
    String rest() {
        return new String(bytes, position, bytes.length - position, StandardCharsets.UTF_8);
    }

    String preview(int at) {
        int end = Math.min(bytes.length, at + 20);
        return "\"" + new String(bytes, at, end - at, StandardCharsets.UTF_8) + "\"";
    }

    private int indexOf(char c, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** ATOM-CHAR of RFC 3501 §9: any CHAR except atom-specials. {@code extra} lists specials allowed here. */
    static boolean isAtomChar(int c, String extra) {
        if (c <= 0x1f || c >= 0x7f) {
            return false;
        }
        switch (c) {
            case '(': case ')': case '{': case ' ': case '%': case '*': case '"': case '\\': case ']':
                return extra.indexOf(c) >= 0;
            default:
                return true;
        }
    }

    /** A list-mailbox: like an astring, but '%' and '*' are allowed in its atom form. */
    String listMailbox() {
        int c = peek();
        if (c == '"' || c == '{') {
            return new String(stringBytes(), StandardCharsets.UTF_8);
        }
        return atom("%*]");
    }
}
