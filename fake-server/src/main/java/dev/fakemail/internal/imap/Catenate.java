package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.MessageStructure;
import dev.fakemail.internal.imap.mime.SectionContent;
import dev.fakemail.internal.imap.mime.SectionSpec;
import dev.fakemail.internal.store.StoredBytes;
import dev.fakemail.store.Mailbox;
import dev.fakemail.store.StoredMessage;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * CATENATE (RFC 4469): an APPEND message put together from TEXT literals and IMAP URLs (RFC 5092) naming
 * messages or parts of messages in the user's own mailboxes. The parts are parsed with the command and
 * resolved only after the destination was found, so a missing mailbox is [TRYCREATE] whatever the URLs say; a
 * URL that names nothing makes the APPEND fail with [BADURL url].
 */
final class Catenate {
    /** One part: literal text, or a URL (still unresolved). */
    private record Part(byte[] text, String url) {
    }

    /** A URL that names nothing here: {@code NO [BADURL url] reason}. */
    static final class BadUrl extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String url;

        BadUrl(String url, String reason) {
            super(reason, null, false, false);
            this.url = url;
        }
    }

    private final List<Part> parts;

    private Catenate(List<Part> parts) {
        this.parts = parts;
    }

    /** Parses {@code (TEXT literal / URL astring ...)}, the cursor just after the word CATENATE and its space. */
    static Catenate parse(ImapArgs args) {
        List<Part> parts = new ArrayList<>();
        args.expect('(');
        do {
            String kind = args.atom().toUpperCase(Locale.ROOT);
            args.space();
            if (kind.equals("TEXT")) {
                args.accept('~'); // a literal8 with BINARY (RFC 4469 §6)
                if (args.peek() != '{') {
                    throw new ImapSyntaxException("CATENATE TEXT needs a literal");
                }
                parts.add(new Part(args.stringBytes(), null));
            } else if (kind.equals("URL")) {
                parts.add(new Part(null, args.astring()));
            } else {
                throw new ImapSyntaxException("CATENATE parts are TEXT or URL, not " + kind);
            }
        } while (args.skipSpace());
        args.expect(')');
        return new Catenate(parts);
    }

    /** The message's octets; throws {@link BadUrl}. */
    byte[] resolve(ImapSession session) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        for (Part part : parts) {
            if (part.text() != null) {
                message.writeBytes(part.text());
            } else {
                SectionContent content = fetch(session, part.url());
                message.write(content.source(), content.offset(), content.length());
            }
        }
        return message.toByteArray();
    }

    /**
     * {@code [imap://user@host]/mailbox[;UIDVALIDITY=v]/;UID=u[/;SECTION=s][/;PARTIAL=o[.l]]}: the octets it names,
     * as FETCH BODY[s]&lt;o.l&gt; would send them.
     */
    private static SectionContent fetch(ImapSession session, String url) {
        String path = url;
        if (path.regionMatches(true, 0, "imap://", 0, 7)) {
            int slash = path.indexOf('/', 7);
            path = slash < 0 ? "" : path.substring(slash);
        }
        String[] pieces = path.split("/;", -1);
        if (!path.startsWith("/") || pieces.length < 2) {
            throw new BadUrl(url, "not an IMAP URL of a message (/mailbox/;UID=n)");
        }
        String box = pieces[0].substring(1);
        long uidValidity = -1;
        int semicolon = box.toUpperCase(Locale.ROOT).indexOf(";UIDVALIDITY=");
        if (semicolon >= 0) {
            uidValidity = number(url, box.substring(semicolon + 13));
            box = box.substring(0, semicolon);
        }
        String name = MailboxNames.fromWire(decode(url, box));
        long uid = -1;
        String section = "";
        long origin = FetchItem.WHOLE;
        long count = FetchItem.WHOLE;
        for (int i = 1; i < pieces.length; i++) {
            String piece = pieces[i];
            String key = piece.substring(0, Math.max(0, piece.indexOf('='))).toUpperCase(Locale.ROOT);
            String value = piece.substring(piece.indexOf('=') + 1);
            switch (key) {
                case "UID":
                    uid = number(url, value);
                    break;
                case "SECTION":
                    section = decode(url, value);
                    break;
                case "PARTIAL":
                    int dot = value.indexOf('.');
                    origin = number(url, dot < 0 ? value : value.substring(0, dot));
                    count = dot < 0 ? Long.MAX_VALUE : number(url, value.substring(dot + 1));
                    break;
                default:
                    throw new BadUrl(url, "unknown URL part ;" + piece);
            }
        }
        if (uid < 0) {
            throw new BadUrl(url, "the URL names no UID");
        }
        Optional<Mailbox> mailbox = session.store.mailbox(session.user, name);
        if (mailbox.isEmpty() || !mailbox.get().selectable()) {
            throw new BadUrl(url, "no mailbox " + MailboxNames.encode(name));
        }
        if (uidValidity >= 0 && uidValidity != mailbox.get().uidValidity()) {
            throw new BadUrl(url, "UIDVALIDITY " + uidValidity + " is not the mailbox's");
        }
        Optional<StoredMessage> message = mailbox.get().message(uid);
        if (message.isEmpty()) {
            throw new BadUrl(url, "no message with UID " + uid);
        }
        SectionSpec spec;
        try {
            spec = section.isEmpty() ? SectionSpec.whole() : SectionSpec.parse(section.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadUrl(url, "bad section " + section);
        }
        Optional<SectionContent> content = MessageStructure.parse(StoredBytes.of(message.get())).section(spec);
        if (content.isEmpty()) {
            throw new BadUrl(url, "the message has no section " + section);
        }
        return origin == FetchItem.WHOLE ? content.get() : content.get().partial(origin, count);
    }

    private static long number(String url, String digits) {
        if (!digits.matches("[0-9]{1,10}")) {
            throw new BadUrl(url, "not a number: " + digits);
        }
        return Long.parseLong(digits);
    }

    /** RFC 5092 percent-encodes names and sections (UTF-8). */
    private static String decode(String url, String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadUrl(url, "bad percent-encoding in " + text);
        }
    }
}
