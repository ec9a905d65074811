package dev.fakemail.internal.imap.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A FETCH section-spec (RFC 3501 §6.4.5 / §9 "section"): an optional part path such as {@code 1.2.3}
 * and an optional suffix HEADER, HEADER.FIELDS (names), HEADER.FIELDS.NOT (names), TEXT or MIME.
 * {@link #toString()} gives the canonical echo for the FETCH response: path, suffix upper-cased,
 * field names as the client sent them (atoms, or quoted strings when they need quoting), single spaces.
 */
public record SectionSpec(int[] path, Kind kind, List<String> fieldNames) {
    public enum Kind {
        /** No suffix: the whole message, or the body of the part named by the path. */
        ALL, HEADER, HEADER_FIELDS, HEADER_FIELDS_NOT, TEXT, MIME
    }

    public SectionSpec {
        path = path.clone();
        fieldNames = List.copyOf(fieldNames);
    }

    @Override
    public int[] path() {
        return path.clone();
    }

    int[] pathShared() {
        return path;
    }

    public static SectionSpec whole() {
        return new SectionSpec(new int[0], Kind.ALL, List.of());
    }

    /**
     * Parses the text between the brackets of {@code BODY[...]}. Throws IllegalArgumentException for
     * malformed specs (the caller answers BAD): part number 0, MIME without a part, an empty field list.
     */
    public static SectionSpec parse(String text) {
        String s = text.trim();
        List<Integer> path = new ArrayList<>();
        int pos = 0;
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
            int start = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            int n;
            try {
                n = Integer.parseInt(s.substring(start, pos));
            } catch (NumberFormatException tooBig) {
                throw new IllegalArgumentException("part number too large: " + s);
            }
            if (n == 0) {
                throw new IllegalArgumentException("part number 0: " + s);
            }
            path.add(n);
            if (pos < s.length()) {
                if (s.charAt(pos) != '.') {
                    throw new IllegalArgumentException("bad section: " + s);
                }
                pos++;
                if (pos == s.length()) {
                    throw new IllegalArgumentException("bad section: " + s);
                }
            }
        }
        int[] parts = path.stream().mapToInt(Integer::intValue).toArray();
        String rest = s.substring(pos);
        String upper = rest.toUpperCase(Locale.ROOT);
        if (rest.isEmpty()) {
            return new SectionSpec(parts, Kind.ALL, List.of());
        }
        if (upper.equals("HEADER")) {
            return new SectionSpec(parts, Kind.HEADER, List.of());
        }
        if (upper.equals("TEXT")) {
            return new SectionSpec(parts, Kind.TEXT, List.of());
        }
        if (upper.equals("MIME")) {
            if (parts.length == 0) {
                throw new IllegalArgumentException("MIME needs a part number");
            }
            return new SectionSpec(parts, Kind.MIME, List.of());
        }
        Kind kind;
        String list;
        if (upper.startsWith("HEADER.FIELDS.NOT")) {
            kind = Kind.HEADER_FIELDS_NOT;
            list = rest.substring("HEADER.FIELDS.NOT".length());
        } else if (upper.startsWith("HEADER.FIELDS")) {
            kind = Kind.HEADER_FIELDS;
            list = rest.substring("HEADER.FIELDS".length());
        } else {
            throw new IllegalArgumentException("bad section: " + s);
        }
        return new SectionSpec(parts, kind, fieldList(list.trim()));
    }

    private static List<String> fieldList(String list) {
        if (!list.startsWith("(") || !list.endsWith(")")) {
            throw new IllegalArgumentException("header-list needs parentheses: " + list);
        }
        List<String> names = new ArrayList<>();
        String inner = list.substring(1, list.length() - 1);
        int pos = 0;
        while (pos < inner.length()) {
            char c = inner.charAt(pos);
            if (c == ' ') {
                pos++;
            } else if (c == '"') {
                StringBuilder b = new StringBuilder();
                pos++;
                while (pos < inner.length() && inner.charAt(pos) != '"') {
                    if (inner.charAt(pos) == '\\' && pos + 1 < inner.length()) {
                        pos++;
                    }
                    b.append(inner.charAt(pos++));
                }
                pos++;
                names.add(b.toString());
            } else {
                int start = pos;
                while (pos < inner.length() && inner.charAt(pos) != ' ') {
                    pos++;
                }
                names.add(inner.substring(start, pos));
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("empty header-list");
        }
        return names;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < path.length; i++) {
            if (i > 0) {
                b.append('.');
            }
            b.append(path[i]);
        }
        String suffix = switch (kind) {
            case ALL -> "";
            case HEADER -> "HEADER";
            case HEADER_FIELDS -> "HEADER.FIELDS";
            case HEADER_FIELDS_NOT -> "HEADER.FIELDS.NOT";
            case TEXT -> "TEXT";
            case MIME -> "MIME";
        };
        if (!suffix.isEmpty() && path.length > 0) {
            b.append('.');
        }
        b.append(suffix);
        if (!fieldNames.isEmpty()) {
            b.append(" (");
            for (int i = 0; i < fieldNames.size(); i++) {
                if (i > 0) {
                    b.append(' ');
                }
                appendAstring(b, fieldNames.get(i));
            }
            b.append(')');
        }
        return b.toString();
    }

    private static void appendAstring(StringBuilder b, String name) {
        boolean atom = !name.isEmpty();
        for (int i = 0; i < name.length() && atom; i++) {
            char c = name.charAt(i);
            atom = c > ' ' && c < 0x7f && "(){%*\"\\]".indexOf(c) < 0;
        }
        if (atom) {
            b.append(name);
            return;
        }
        b.append('"');
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        b.append('"');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SectionSpec other && java.util.Arrays.equals(path, other.path) && kind == other.kind
                && fieldNames.equals(other.fieldNames);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(path) * 31 + kind.hashCode() * 17 + fieldNames.hashCode();
    }
}
