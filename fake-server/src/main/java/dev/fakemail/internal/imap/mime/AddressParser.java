package dev.fakemail.internal.imap.mime;

import java.util.ArrayList;
import java.util.List;

/**
 * A lenient RFC 5322 address-list parser for the IMAP ENVELOPE (RFC 3501 §7.4.2).
 *
 * <p>Choices, close to Dovecot's envelope: display names are the phrase words joined by single
 * spaces, quoted strings unquoted, encoded words left exactly as sent; an empty phrase gives NIL;
 * a comment after a bare addr-spec ({@code a@b (Name)}) becomes the name; the source route of an
 * angle address becomes the adl ({@code "@a,@b"}); a missing local part or domain is filled with
 * {@code MISSING_MAILBOX} / {@code MISSING_DOMAIN} (a NIL host would mean "group"); groups become
 * (NIL NIL "name" NIL) ... (NIL NIL NIL NIL), also when an ending ";" is missing.
 */
final class AddressParser {
    static final String MISSING_MAILBOX = "MISSING_MAILBOX";
    static final String MISSING_DOMAIN = "MISSING_DOMAIN";

    private final String s;
    private int pos;
    private final List<ImapAddress> out = new ArrayList<>();
    /** Content of the last comment skipped, for the "a@b (Name)" form. */
    private String lastComment;
    /** Reused for every address of the list: the display name and the local part being collected. */
    private final StringBuilder phrase = new StringBuilder();
    private final StringBuilder local = new StringBuilder();

    private AddressParser(String s) {
        this.s = s;
    }

    /** The addresses in {@code value} (an unfolded header value); empty for an empty list. */
    static List<ImapAddress> parse(String value) {
        AddressParser p = new AddressParser(value);
        p.addressList(false);
        return p.out;
    }

    private void addressList(boolean inGroup) {
        while (true) {
            skipCfws();
            if (pos >= s.length()) {
                return;
            }
            char c = s.charAt(pos);
            if (c == ',') {
                pos++;
                continue;
            }
            if (c == ';') {
                if (inGroup) {
                    return;
                }
                pos++;
                continue;
            }
            int before = pos;
            address(inGroup);
            if (pos == before) {
                pos++; // e.g. a nested group's ':' inside a group: skip what cannot start an address
            }
        }
    }

    private void address(boolean inGroup) {
        phrase.setLength(0);
        local.setLength(0);
        int start = pos;
        boolean spaceBefore = false;
        while (true) {
            int before = pos;
            skipCfws();
            spaceBefore |= pos > before;
            if (pos >= s.length()) {
                break;
            }
            char c = s.charAt(pos);
            if (c == '<') {
                pos++;
                angleAddress(phrase.length() == 0 ? null : phrase.toString());
                skipUntilSeparator();
                return;
            }
            if (c == ':' && !inGroup) {
                pos++;
                out.add(ImapAddress.groupStart(phrase.toString()));
                addressList(true);
                if (pos < s.length() && s.charAt(pos) == ';') {
                    pos++;
                }
                out.add(ImapAddress.groupEnd());
                return;
            }
            if (c == '@') {
                pos++;
                lastComment = null;
                String domain = domain();
                String name = lastComment;
                out.add(new ImapAddress(emptyToNull(name), null, orMissing(local.toString(), MISSING_MAILBOX),
                        orMissing(domain, MISSING_DOMAIN)));
                skipUntilSeparator();
                return;
            }
            if (c == ',' || c == ';' || c == '>' || (c == ':' && inGroup)) {
                break;
            }
            String word;
            if (c == '"') {
                word = quotedString();
                local.append(word);
            } else if (c == '.') {
                pos++;
                word = ".";
                local.append('.');
            } else {
                word = atom();
                if (word.isEmpty()) {
                    pos++; // a stray special such as ']' or ':' inside a group: skip it
                    continue;
                }
                local.append(word);
            }
            if (phrase.length() > 0 && spaceBefore) {
                phrase.append(' ');
            }
            phrase.append(word);
            spaceBefore = false;
        }
        if (pos > start && local.length() > 0) {
            // a lone word without "@": a local mailbox name
            out.add(new ImapAddress(null, null, local.toString(), MISSING_DOMAIN));
        }
        if (pos < s.length() && s.charAt(pos) == '>') {
            pos++;
        }
    }

    private void angleAddress(String name) {
        String adl = null;
        skipCfws();
        if (pos < s.length() && s.charAt(pos) == '@') {
            int routeStart = pos;
            int colon = s.indexOf(':', pos);
            int close = s.indexOf('>', pos);
            if (colon > 0 && (close < 0 || colon < close)) {
                adl = stripWhitespace(s.substring(routeStart, colon));
                pos = colon + 1;
            }
        }
        local.setLength(0);
        String domain = null;
        while (pos < s.length()) {
            skipCfws();
            if (pos >= s.length()) {
                break;
            }
            char c = s.charAt(pos);
            if (c == '>') {
                pos++;
                break;
            }
            if (c == '@') {
                pos++;
                domain = domain();
                continue;
            }
            if (c == '"') {
                local.append(quotedString());
            } else if (c == '.') {
                local.append('.');
                pos++;
            } else {
                String atom = atom();
                if (atom.isEmpty()) {
                    pos++;
                } else {
                    local.append(atom);
                }
            }
        }
        out.add(new ImapAddress(name, adl, orMissing(local.toString(), MISSING_MAILBOX),
                orMissing(domain, MISSING_DOMAIN)));
    }

    private String domain() {
        // fast path: a plain dot-atom domain followed by the end, ">" or a separator
        int plainEnd = pos;
        while (plainEnd < s.length() && (!isSpecialOrSpace(s.charAt(plainEnd)) || s.charAt(plainEnd) == '.')) {
            plainEnd++;
        }
        if (plainEnd > pos && (plainEnd == s.length() || ">,;".indexOf(s.charAt(plainEnd)) >= 0)) {
            String plain = s.substring(pos, plainEnd);
            pos = plainEnd;
            return plain;
        }
        StringBuilder d = new StringBuilder();
        while (true) {
            skipCfws();
            if (pos >= s.length()) {
                break;
            }
            char c = s.charAt(pos);
            if (c == '[') {
                int close = s.indexOf(']', pos);
                int end = close < 0 ? s.length() : close + 1;
                d.append(stripWhitespace(s.substring(pos, end)));
                pos = end;
            } else if (c == '.') {
                d.append('.');
                pos++;
            } else {
                String atom = atom();
                if (atom.isEmpty()) {
                    break;
                }
                d.append(atom);
            }
        }
        return d.toString();
    }

    /** After an address: skip to the next "," or ";" (remembering a trailing comment). */
    private void skipUntilSeparator() {
        while (pos < s.length()) {
            skipCfws();
            if (pos >= s.length()) {
                return;
            }
            char c = s.charAt(pos);
            if (c == ',' || c == ';') {
                return;
            }
            if (c == '"') {
                quotedString();
            } else {
                pos++;
            }
        }
    }

    private String atom() {
        int start = pos;
        while (pos < s.length() && !isSpecialOrSpace(s.charAt(pos))) {
            pos++;
        }
        return s.substring(start, pos);
    }

    private static boolean isSpecialOrSpace(char c) {
        switch (c) {
            case '(', ')', '<', '>', '@', ',', ';', ':', '\\', '"', '.', '[', ']', ' ', '\t', '\r', '\n':
                return true;
            default:
                return false;
        }
    }

    /** The content of the quoted string at {@code pos}, quoted-pairs resolved; an unclosed one runs to the end. */
    private String quotedString() {
        int end = Quoted.end(s, pos);
        String content = Quoted.content(s, pos, end);
        pos = end;
        return content;
    }

    private void skipCfws() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                pos++;
            } else if (c == '(') {
                lastComment = comment();
            } else {
                return;
            }
        }
    }

    private String comment() {
        int depth = 0;
        StringBuilder b = new StringBuilder();
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '\\' && pos < s.length()) {
                b.append(s.charAt(pos++));
                continue;
            }
            if (c == '(') {
                if (depth++ == 0) {
                    continue;
                }
            } else if (c == ')') {
                if (--depth == 0) {
                    break;
                }
            }
            b.append(c);
        }
        return b.toString().trim();
    }

    private static String stripWhitespace(String v) {
        StringBuilder b = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c != ' ' && c != '\t') {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String orMissing(String v, String missing) {
        return v == null || v.isEmpty() ? missing : v;
    }

    private static String emptyToNull(String v) {
        return v == null || v.isEmpty() ? null : v;
    }
}
