package dev.fakemail.internal.imap.mime;

import java.nio.charset.StandardCharsets;

/** Shared helpers: messages as bytes and renderings as strings (Latin-1, so 8-bit bytes survive). */
final class Fixtures {
    private Fixtures() {
    }

    static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String str(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    static String envelope(String message) {
        ImapOut out = new ImapOut();
        MessageStructure.parse(bytes(message)).writeEnvelope(out);
        return str(out.toByteArray());
    }

    static String body(String message) {
        ImapOut out = new ImapOut();
        MessageStructure.parse(bytes(message)).writeBody(out);
        return str(out.toByteArray());
    }

    static String bodyStructure(String message) {
        ImapOut out = new ImapOut();
        MessageStructure.parse(bytes(message)).writeBodyStructure(out);
        return str(out.toByteArray());
    }

    /** {@code lines} CRLF-terminated lines of letters, exactly {@code octets} octets in all. */
    static String lines(int lines, int octets) {
        int text = octets - 2 * lines;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            int len = text / lines + (i < text % lines ? 1 : 0);
            b.append("x".repeat(len)).append("\r\n");
        }
        return b.toString();
    }
}
