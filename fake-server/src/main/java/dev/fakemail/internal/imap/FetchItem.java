package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.SectionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One FETCH attribute (RFC 3501 §6.4.5): a simple one (FLAGS, UID, ENVELOPE ...) or a body section with its
 * partial range. Macros (ALL, FAST, FULL) are expanded when parsed.
 */
record FetchItem(String name, SectionSpec section, boolean peek, long origin, long count) {
    static final long WHOLE = -1;

    boolean isSection() {
        return section != null;
    }

    /** Whether fetching this marks the message \Seen (RFC 3501: BODY[...] and RFC822, RFC822.TEXT; BINARY[...]). */
    boolean setsSeen() {
        return (isSection() && !peek && !name.equals("BINARY.SIZE")) || name.equals("RFC822")
                || name.equals("RFC822.TEXT");
    }

    static List<FetchItem> parseAll(ImapArgs args) {
        List<FetchItem> items = new ArrayList<>();
        if (args.accept('(')) {
            while (!args.accept(')')) {
                if (!items.isEmpty()) {
                    args.space();
                }
                items.add(parseOne(args));
            }
            if (items.isEmpty()) {
                throw new ImapSyntaxException("FETCH needs at least one item");
            }
            return items;
        }
        String name = peekName(args);
        switch (name) {
            case "ALL":
                args.atom();
                return simple("FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE");
            case "FAST":
                args.atom();
                return simple("FLAGS", "INTERNALDATE", "RFC822.SIZE");
            case "FULL":
                args.atom();
                return simple("FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE", "BODY");
            default:
                items.add(parseOne(args));
                return items;
        }
    }

    private static List<FetchItem> simple(String... names) {
        List<FetchItem> items = new ArrayList<>();
        for (String name : names) {
            items.add(new FetchItem(name, null, false, WHOLE, WHOLE));
        }
        return items;
    }

    private static String peekName(ImapArgs args) {
        return args.rest().split("[ ()\\[]", 2)[0].toUpperCase(Locale.ROOT);
    }

    private static FetchItem parseOne(ImapArgs args) {
        String name = args.atomBefore('[').toUpperCase(Locale.ROOT);
        switch (name) {
            case "FLAGS": case "UID": case "ENVELOPE": case "INTERNALDATE": case "RFC822": case "RFC822.HEADER":
            case "RFC822.SIZE": case "RFC822.TEXT": case "BODYSTRUCTURE": case "MODSEQ":
                return new FetchItem(name, null, false, WHOLE, WHOLE);
            case "BODY": case "BODY.PEEK":
                if (args.peek() != '[') {
                    if (name.equals("BODY.PEEK")) {
                        throw new ImapSyntaxException("BODY.PEEK needs a section");
                    }
                    return new FetchItem(name, null, false, WHOLE, WHOLE);
                }
                return section(args, name.equals("BODY.PEEK"));
            case "BINARY": case "BINARY.PEEK": case "BINARY.SIZE":
                return binary(section(args, name.equals("BINARY.PEEK")), name);
            default:
                throw new ImapSyntaxException("unknown FETCH item " + name);
        }
    }

    /** RFC 3516: a BINARY section is a part number only; BINARY.SIZE takes no partial. */
    private static FetchItem binary(FetchItem section, String name) {
        if (section.section().kind() != SectionSpec.Kind.ALL) {
            throw new ImapSyntaxException(name + " takes a part number only, not [" + section.section() + "]");
        }
        if (name.equals("BINARY.SIZE") && section.origin() != WHOLE) {
            throw new ImapSyntaxException("BINARY.SIZE takes no partial");
        }
        return new FetchItem(name.equals("BINARY.SIZE") ? name : "BINARY", section.section(), section.peek(),
                section.origin(), section.count());
    }

    private static FetchItem section(ImapArgs args, boolean peek) {
        args.expect('[');
        StringBuilder text = new StringBuilder();
        int depth = 0;
        while (true) {
            int c = args.peek();
            if (c < 0 || c == '\r' || c == '\n') {
                throw new ImapSyntaxException("unterminated section");
            }
            args.expect((char) c);
            if (c == ']' && depth == 0) {
                break;
            }
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            text.append((char) c);
        }
        SectionSpec section;
        try {
            section = SectionSpec.parse(text.toString());
        } catch (IllegalArgumentException e) {
            throw new ImapSyntaxException("bad section [" + text + "]: " + e.getMessage());
        }
        long origin = WHOLE;
        long count = WHOLE;
        if (args.accept('<')) {
            origin = args.digits();
            args.expect('.');
            count = args.digits();
            if (count == 0) {
                throw new ImapSyntaxException("a partial fetch needs a nonzero count");
            }
            args.expect('>');
        }
        return new FetchItem("BODY", section, peek, origin, count);
    }
}
