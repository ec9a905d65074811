package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.ImapOut;
import dev.fakemail.internal.imap.mime.MessageStructure;
import dev.fakemail.internal.imap.mime.MimeEntity;
import dev.fakemail.internal.imap.mime.TransferDecoding;
import dev.fakemail.store.StoredMessage;
import java.util.List;

/**
 * FETCH BINARY[part]&lt;partial&gt;, BINARY.PEEK and BINARY.SIZE (RFC 3516 §4.2): a part's content with its
 * Content-Transfer-Encoding undone. {@code BINARY[]} is the whole message as stored. Octets with a NUL travel
 * as a literal8 ({@code ~{n}}), others as a plain literal.
 */
final class BinaryFetch {
    private BinaryFetch() {
    }

    static boolean isBinary(FetchItem item) {
        return item.name().equals("BINARY") || item.name().equals("BINARY.SIZE");
    }

    /**
     * The first message a BINARY item of this FETCH cannot decode (RFC 3516 §4.3: the whole FETCH then fails
     * with [UNKNOWN-CTE]), or null. Checked before any response goes out.
     */
    static StoredMessage undecodable(List<StoredMessage> messages, List<FetchItem> items) {
        if (items.stream().noneMatch(BinaryFetch::isBinary)) {
            return null;
        }
        for (StoredMessage message : messages) {
            MessageStructure structure = MessageStructure.parse(dev.fakemail.internal.store.StoredBytes.of(message));
            for (FetchItem item : items) {
                if (isBinary(item)) {
                    MimeEntity part = structure.part(item.section().path());
                    if (part != null && item.section().path().length > 0
                            && !TransferDecoding.isKnown(part.contentTransferEncoding())) {
                        return message;
                    }
                }
            }
        }
        return null;
    }

    /** Writes the item for one message. */
    static void write(ImapOut out, MessageStructure structure, FetchItem item) {
        byte[] content = content(structure, item.section().path());
        String section = "[" + item.section() + "]";
        if (item.name().equals("BINARY.SIZE")) {
            out.ascii("BINARY.SIZE").ascii(section).ch(' ').number(content == null ? 0 : content.length);
            return;
        }
        out.ascii("BINARY").ascii(section);
        if (content == null) {
            out.ascii(" NIL"); // no such part (RFC 3516 §4.2 leaves it to the server: as Dovecot does)
            return;
        }
        int from = 0;
        int length = content.length;
        if (item.origin() != FetchItem.WHOLE) {
            out.ch('<').number(item.origin()).ch('>');
            from = (int) Math.min(item.origin(), content.length);
            length = (int) Math.min(item.count(), content.length - from);
        }
        out.ch(' ');
        if (hasNul(content, from, length)) {
            out.ch('~');
        }
        out.ch('{').number(length).ascii("}\r\n").raw(content, from, length);
    }

    /** The decoded content of a part, the whole message for an empty path, or null when there is no such part. */
    private static byte[] content(MessageStructure structure, int[] path) {
        byte[] raw = structure.raw();
        if (path.length == 0) {
            return raw;
        }
        MimeEntity part = structure.part(path);
        if (part == null) {
            return null;
        }
        if (part.isMultipart() || part.isMessageRfc822()) {
            return java.util.Arrays.copyOfRange(raw, part.bodyStart(), part.bodyEnd());
        }
        byte[] decoded = TransferDecoding.decode(raw, part.bodyStart(), part.bodyEnd() - part.bodyStart(),
                part.contentTransferEncoding());
        return decoded == null ? new byte[0] : decoded;
    }

    private static boolean hasNul(byte[] content, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (content[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
