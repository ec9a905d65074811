package dev.fakemail.internal.imap.mime;

import java.util.Optional;

/**
 * A MIME view of one stored message: the part tree as offsets into the message's raw bytes, which are
 * shared, never copied and never changed. Parsing reads each header section once and scans multipart
 * bodies for delimiter lines; single-part bodies are not read until a size in lines is asked for.
 *
 * <p>Part numbers follow RFC 3501 §6.4.5: the parts of a multipart are 1, 2, ...; a message that is
 * not multipart has its body as part 1; the parts of a message/rfc822 part are numbered below it
 * (1.2 is the second part of the message in part 1, or its body when that message is single-part).
 *
 * <p>Line ends are CRLF or bare LF; section octets are returned exactly as stored, and sizes are
 * those of the stored octets (Dovecot counts as if every line ended in CRLF; the same for CRLF input).
 *
 * <p>Immutable once {@link #parse} returns; share it between threads only through safe publication.
 * A parsed structure holds about 2/3 of the raw size, so parse per FETCH (a few microseconds) or
 * cache rendered bytes ({@link RenderCache}) rather than keeping structures for every message.
 */
public final class MessageStructure {
    private static final byte[] CRLF = {'\r', '\n'};

    private final byte[] raw;
    private final MimeEntity root;

    private MessageStructure(byte[] raw, MimeEntity root) {
        this.raw = raw;
        this.root = root;
    }

    public static MessageStructure parse(byte[] raw) {
        return new MessageStructure(raw, StructureParser.parse(raw, 0, raw.length, false, 0));
    }

    /**
     * Writes only the ENVELOPE of {@code raw}: indexes the top-level header section and nothing else,
     * the cheap path for {@code FETCH (FLAGS ENVELOPE)}.
     */
    public static void writeEnvelope(byte[] raw, ImapOut out) {
        EnvelopeRenderer.write(HeaderIndex.parse(raw, 0, raw.length), out);
    }

    public byte[] raw() {
        return raw;
    }

    /** RFC822.SIZE: the octets of BODY[], i.e. the stored length. */
    public int size() {
        return raw.length;
    }

    public MimeEntity root() {
        return root;
    }

    public void writeEnvelope(ImapOut out) {
        EnvelopeRenderer.write(root.headers(), out);
    }

    /** FETCH BODY (no extension data). */
    public void writeBody(ImapOut out) {
        BodyStructureRenderer.write(root, false, false, out);
    }

    public void writeBodyStructure(ImapOut out) {
        BodyStructureRenderer.write(root, true, false, out);
    }

    /**
     * FETCH BODY or BODYSTRUCTURE; {@code messageGlobal}: a message/global part is described as a message/rfc822
     * part is (envelope, structure, lines), as IMAP4rev2's grammar has it (RFC 9051 §7.5.2); IMAP4rev1's has no
     * such form, so its clients get a plain part.
     */
    public void writeStructure(boolean extended, boolean messageGlobal, ImapOut out) {
        BodyStructureRenderer.write(root, extended, messageGlobal, out);
    }

    /** The entity with that part number, or null when there is none. An empty path is the message. */
    public MimeEntity part(int... path) {
        MimeEntity container = root;
        MimeEntity current = root;
        for (int i = 0; i < path.length; i++) {
            int n = path[i];
            if (container.isMultipart()) {
                MimeEntity[] children = container.childrenShared();
                if (n < 1 || n > children.length) {
                    return null;
                }
                current = children[n - 1];
            } else if (n == 1) {
                current = container; // the body of a single-part message is its part 1
            } else {
                return null;
            }
            if (i < path.length - 1) {
                if (current.message() != null) { // message/rfc822 or message/global
                    container = current.message();
                } else if (current.isMultipart() && current != container) {
                    container = current;
                } else {
                    return null;
                }
            }
        }
        return current;
    }

    /**
     * The octets of a section, or empty when the section does not exist (no such part, or
     * HEADER/TEXT/HEADER.FIELDS on a part that is not message/rfc822). Apply a partial with
     * {@link SectionContent#partial}.
     */
    public Optional<SectionContent> section(SectionSpec spec) {
        int[] path = spec.pathShared();
        MimeEntity part = part(path);
        if (part == null) {
            return Optional.empty();
        }
        MimeEntity message;
        if (path.length == 0) {
            message = root;
        } else if (spec.kind() == SectionSpec.Kind.ALL) {
            return Optional.of(slice(part.bodyStart(), part.bodyEnd()));
        } else if (spec.kind() == SectionSpec.Kind.MIME) {
            return Optional.of(slice(part.headerStart(), part.headerEnd()));
        } else if (part.message() != null) {
            message = part.message();
        } else {
            return Optional.empty();
        }
        return Optional.of(switch (spec.kind()) {
            case ALL -> slice(message.headerStart(), message.bodyEnd());
            case HEADER -> slice(message.headerStart(), message.headerEnd());
            case TEXT -> slice(message.bodyStart(), message.bodyEnd());
            case HEADER_FIELDS -> headerFields(message.headers(), spec, true);
            case HEADER_FIELDS_NOT -> headerFields(message.headers(), spec, false);
            case MIME -> throw new IllegalStateException("MIME needs a part number");
        });
    }

    private SectionContent slice(int from, int to) {
        return new SectionContent(raw, from, to - from, false);
    }

    /** The matching (or, with {@code wanted} false, the other) named fields in order, then an empty line. */
    private SectionContent headerFields(HeaderIndex headers, SectionSpec spec, boolean wanted) {
        ImapOut out = new ImapOut(128);
        for (int i = 0, n = headers.count(); i < n; i++) {
            boolean matches = false;
            for (String name : spec.fieldNames()) {
                if (headers.nameIs(i, name)) {
                    matches = true;
                    break;
                }
            }
            if (headers.hasColon(i) && matches == wanted) {
                int from = headers.fieldStart(i);
                int to = headers.fieldEnd(i);
                out.raw(raw, from, to - from);
                if (to == from || raw[to - 1] != '\n') {
                    out.raw(CRLF); // the last field of a header without an empty line
                }
            }
        }
        out.raw(CRLF);
        byte[] composed = out.toByteArray();
        return new SectionContent(composed, 0, composed.length, true);
    }
}
