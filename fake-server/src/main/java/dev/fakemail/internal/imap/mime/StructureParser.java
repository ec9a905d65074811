package dev.fakemail.internal.imap.mime;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@link MimeEntity} tree: one pass over each header section, and for multiparts one
 * line scan of the body looking for delimiter lines. Single-part bodies are never read.
 */
final class StructureParser {
    /** Nesting beyond this is treated as an opaque body, so a hostile message cannot blow the stack. */
    static final int MAX_DEPTH = 64;

    private StructureParser() {
    }

    static MimeEntity parse(byte[] raw, int start, int end, boolean inDigest, int depth) {
        HeaderIndex headers = HeaderIndex.parse(raw, start, end);
        String ct = headers.value("Content-Type");
        MimeEntity entity = new MimeEntity(raw, headers, end, ct == null ? null : StructuredValue.parse(ct), inDigest);
        if (depth >= MAX_DEPTH) {
            return entity;
        }
        if (entity.isMultipart()) {
            String boundary = entity.contentTypeParam("boundary");
            if (boundary != null && !boundary.isEmpty()) {
                boolean digest = "digest".equalsIgnoreCase(entity.subtype());
                entity.setChildren(splitParts(raw, headers.end(), end, boundary, digest, depth));
            }
        } else if (entity.isEmbeddedMessage()) {
            entity.setMessage(parse(raw, headers.end(), end, false, depth + 1));
        }
        return entity;
    }

    private static MimeEntity[] splitParts(byte[] raw, int from, int to, String boundary, boolean digest, int depth) {
        List<MimeEntity> parts = new ArrayList<>();
        int partStart = -1;
        int pos = from;
        while (pos < to) {
            int lineEnd = HeaderIndex.lineEnd(raw, pos, to);
            int kind = delimiterKind(raw, pos, lineEnd, boundary);
            if (kind != 0) {
                if (partStart >= 0) {
                    parts.add(parse(raw, partStart, Math.max(partStart, lineBreakStart(raw, from, pos)), digest,
                            depth + 1));
                }
                if (kind == 2) {
                    return parts.toArray(new MimeEntity[0]);
                }
                partStart = lineEnd;
            }
            pos = lineEnd;
        }
        if (partStart >= 0) {
            parts.add(parse(raw, partStart, to, digest, depth + 1)); // no close delimiter: the part runs to the end
        }
        return parts.toArray(new MimeEntity[0]);
    }

    /** Start of the line break before the delimiter line at {@code pos}; it belongs to the delimiter. */
    private static int lineBreakStart(byte[] raw, int from, int pos) {
        if (pos - 2 >= from && raw[pos - 2] == '\r' && raw[pos - 1] == '\n') {
            return pos - 2;
        }
        if (pos - 1 >= from && raw[pos - 1] == '\n') {
            return pos - 1;
        }
        return pos;
    }

    /** 0: not a delimiter line; 1: "--boundary"; 2: "--boundary--". Trailing whitespace is allowed. */
    private static int delimiterKind(byte[] raw, int pos, int lineEnd, String boundary) {
        int n = boundary.length();
        if (lineEnd - pos < n + 2 || raw[pos] != '-' || raw[pos + 1] != '-') {
            return 0;
        }
        for (int i = 0; i < n; i++) {
            if ((raw[pos + 2 + i] & 0xff) != boundary.charAt(i)) {
                return 0;
            }
        }
        int p = pos + 2 + n;
        int kind = 1;
        if (p + 1 < lineEnd && raw[p] == '-' && raw[p + 1] == '-') {
            kind = 2;
            p += 2;
        }
        for (; p < lineEnd; p++) {
            byte b = raw[p];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return 0;
            }
        }
        return kind;
    }
}
