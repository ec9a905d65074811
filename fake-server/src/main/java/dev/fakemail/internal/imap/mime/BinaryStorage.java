package dev.fakemail.internal.imap.mime;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Makes a message appended as a literal8 (RFC 3516 §4.4) safe for clients that never asked for binary: every
 * part declared {@code Content-Transfer-Encoding: binary} is stored as base64 instead (its header says so), so
 * BODY[] carries no NUL while BINARY[] still gives back the very octets that were appended.
 */
public final class BinaryStorage {
    private BinaryStorage() {
    }

    /** The message as it is stored: the same array when no part is declared binary. */
    public static byte[] storable(byte[] raw) {
        List<MimeEntity> binary = new ArrayList<>();
        collect(MessageStructure.parse(raw).root(), binary);
        if (binary.isEmpty()) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 4 / 3 + 64);
        int copied = 0;
        for (MimeEntity part : binary) {
            HeaderIndex headers = part.headers();
            int field = headers.indexOf("Content-Transfer-Encoding");
            out.write(raw, copied, headers.valueStart(field) - copied);
            out.writeBytes(" base64\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(raw, headers.fieldEnd(field), part.bodyStart() - headers.fieldEnd(field));
            String encoded = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'})
                    .encodeToString(java.util.Arrays.copyOfRange(raw, part.bodyStart(), part.bodyEnd()));
            out.writeBytes(encoded.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            copied = part.bodyEnd();
        }
        out.write(raw, copied, raw.length - copied);
        return out.toByteArray();
    }

    /** Leaf parts declared binary, in the order of their octets (nested messages' parts included). */
    private static void collect(MimeEntity entity, List<MimeEntity> found) {
        if (entity.isMultipart()) {
            for (MimeEntity child : entity.children()) {
                collect(child, found);
            }
        } else if (entity.isMessageRfc822() && entity.message() != null
                && !"binary".equalsIgnoreCase(entity.contentTransferEncoding())) {
            collect(entity.message(), found);
        } else if ("binary".equalsIgnoreCase(entity.contentTransferEncoding())
                && entity.headers().indexOf("Content-Transfer-Encoding") >= 0) {
            found.add(entity);
        }
    }
}
