package dev.fakemail.internal.imap;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Mailbox names on the wire: modified UTF-7 (RFC 3501 §5.1.3) outside, Java strings inside the store; INBOX is
 * case-insensitive. Hierarchy delimiter "/".
 */
final class MailboxNames {
    static final char DELIMITER = '/';

    private MailboxNames() {
    }

    /** The store's name for a wire name: modified UTF-7 decoded, any case of INBOX as "INBOX". */
    static String fromWire(String wire) {
        String name = decode(wire);
        if (name.equalsIgnoreCase("INBOX")) {
            return "INBOX";
        }
        if (name.length() > 6 && name.substring(0, 6).equalsIgnoreCase("INBOX" + DELIMITER)) {
            return "INBOX" + name.substring(5);
        }
        return name;
    }

    /** {@link #fromWire(String)} as this session reads names: under IMAP4rev2 as UTF-8, without decoding. */
    static String fromWire(ImapSession session, String wire) {
        return fromWire(Rev2Rules.decodesModifiedUtf7(session) ? wire : wire.replace("&", "&-"));
    }

    /** {@link #decode(String)} as this session reads names (LIST references and patterns). */
    static String decode(ImapSession session, String wire) {
        return Rev2Rules.decodesModifiedUtf7(session) ? decode(wire) : wire;
    }

    /** Modified UTF-7 decoded; a name that is not valid modified UTF-7 is taken as it is (then it names nothing). */
    static String decode(String wire) {
        if (wire.indexOf('&') < 0) {
            return wire;
        }
        try {
            return strictDecode(wire);
        } catch (ImapSyntaxException notModifiedUtf7) {
            return wire;
        }
    }

    private static String strictDecode(String wire) {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < wire.length(); i++) {
            char c = wire.charAt(i);
            if (c != '&') {
                name.append(c);
                continue;
            }
            int end = wire.indexOf('-', i);
            if (end < 0) {
                throw new ImapSyntaxException("bad modified UTF-7 in mailbox name: " + wire);
            }
            if (end == i + 1) {
                name.append('&');
            } else {
                String base64 = wire.substring(i + 1, end).replace(',', '/');
                byte[] utf16;
                try {
                    utf16 = Base64.getDecoder().decode(pad(base64));
                } catch (IllegalArgumentException e) {
                    throw new ImapSyntaxException("bad modified UTF-7 in mailbox name: " + wire);
                }
                name.append(new String(utf16, StandardCharsets.UTF_16BE));
            }
            i = end;
        }
        return name.toString();
    }

    /**
     * A name for {@link dev.fakemail.internal.imap.mime.ImapOut#string} (one char per octet): its UTF-8 octets
     * once the client enabled UTF8=ACCEPT (RFC 6855 §3), else modified UTF-7.
     */
    static String forClient(ImapSession session, String name) {
        return Rev2Rules.utf8Names(session) ? new String(name.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)
                : encode(name);
    }

    static String encode(String name) {
        StringBuilder wire = new StringBuilder();
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c == '&') {
                wire.append("&-");
                i++;
            } else if (c >= 0x20 && c <= 0x7e) {
                wire.append(c);
                i++;
            } else {
                int start = i;
                while (i < name.length() && (name.charAt(i) < 0x20 || name.charAt(i) > 0x7e)) {
                    i++;
                }
                ByteBuffer utf16 = StandardCharsets.UTF_16BE.encode(name.substring(start, i));
                byte[] bytes = new byte[utf16.remaining()];
                utf16.get(bytes);
                String base64 = Base64.getEncoder().withoutPadding().encodeToString(bytes).replace('/', ',');
                wire.append('&').append(base64).append('-');
            }
        }
        return wire.toString();
    }

    private static String pad(String base64) {
        int remainder = base64.length() % 4;
        return remainder == 0 ? base64 : base64 + "==".substring(0, 4 - remainder);
    }
}
