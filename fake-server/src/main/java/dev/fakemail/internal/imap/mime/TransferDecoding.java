package dev.fakemail.internal.imap.mime;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * Undoes a Content-Transfer-Encoding (RFC 2045 §6) for IMAP BINARY (RFC 3516): base64 and quoted-printable are
 * decoded leniently (what cannot be decoded is skipped or kept, never an error, as mail in the wild needs);
 * 7bit, 8bit, binary and no header at all are the octets themselves. Any other encoding is unknown: null.
 */
public final class TransferDecoding {
    private TransferDecoding() {
    }

    /** Whether {@link #decode} knows this encoding (null: the header is absent). */
    public static boolean isKnown(String encoding) {
        return kind(encoding) != null;
    }

    /** The decoded octets, or null for an unknown encoding. */
    public static byte[] decode(byte[] source, int offset, int length, String encoding) {
        String kind = kind(encoding);
        if (kind == null) {
            return null;
        }
        switch (kind) {
            case "base64":
                return base64(source, offset, length);
            case "quoted-printable":
                return quotedPrintable(source, offset, length);
            default:
                return java.util.Arrays.copyOfRange(source, offset, offset + length);
        }
    }

    private static String kind(String encoding) {
        String name = encoding == null ? "7bit" : encoding.trim().toLowerCase(Locale.ROOT);
        switch (name) {
            case "": case "7bit": case "8bit": case "binary":
                return "identity";
            case "base64": case "quoted-printable":
                return name;
            default:
                return null;
        }
    }

    /** Base64 ignoring every octet outside the alphabet; stops at the first '='. */
    private static byte[] base64(byte[] source, int offset, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length * 3 / 4 + 3);
        int bits = 0;
        int count = 0;
        for (int i = offset; i < offset + length; i++) {
            int value = base64Value(source[i]);
            if (source[i] == '=') {
                break;
            }
            if (value < 0) {
                continue;
            }
            bits = (bits << 6) | value;
            if (++count == 4) {
                out.write(bits >> 16);
                out.write(bits >> 8);
                out.write(bits);
                bits = 0;
                count = 0;
            }
        }
        if (count == 2) {
            out.write(bits >> 4);
        } else if (count == 3) {
            out.write(bits >> 10);
            out.write(bits >> 2);
        }
        return out.toByteArray();
    }

    private static int base64Value(byte b) {
        if (b >= 'A' && b <= 'Z') {
            return b - 'A';
        }
        if (b >= 'a' && b <= 'z') {
            return b - 'a' + 26;
        }
        if (b >= '0' && b <= '9') {
            return b - '0' + 52;
        }
        return b == '+' ? 62 : b == '/' ? 63 : -1;
    }

    /**
     * Quoted-printable: {@code =XX} is an octet, '=' at a line's end (before optional white space) joins lines,
     * white space at a line's end is dropped (RFC 2045 §6.7 rule 3), and a malformed '=' is kept as it is.
     */
    private static byte[] quotedPrintable(byte[] source, int offset, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        int end = offset + length;
        int lineStart = offset;
        while (lineStart < end) {
            int lineEnd = lineStart;
            while (lineEnd < end && source[lineEnd] != '\n') {
                lineEnd++;
            }
            int breakLength = lineEnd < end ? (lineEnd > lineStart && source[lineEnd - 1] == '\r' ? 2 : 1) : 0;
            int contentEnd = lineEnd - (breakLength == 2 ? 1 : 0);
            int trimmed = contentEnd;
            while (trimmed > lineStart && (source[trimmed - 1] == ' ' || source[trimmed - 1] == '\t')) {
                trimmed--;
            }
            boolean soft = trimmed > lineStart && source[trimmed - 1] == '=';
            int last = soft ? trimmed - 1 : trimmed;
            for (int i = lineStart; i < last; i++) {
                int octet = source[i] == '=' && i + 2 < last ? hex(source[i + 1], source[i + 2]) : -1;
                if (octet >= 0) {
                    out.write(octet);
                    i += 2;
                } else {
                    out.write(source[i]);
                }
            }
            if (!soft && breakLength > 0) {
                out.write(source, contentEnd, lineEnd + 1 - contentEnd);
            }
            lineStart = lineEnd + 1;
        }
        return out.toByteArray();
    }

    /** The octet of two hex digits, or -1. */
    private static int hex(byte first, byte second) {
        int high = Character.digit(first, 16);
        int low = Character.digit(second, 16);
        return high < 0 || low < 0 ? -1 : high * 16 + low;
    }
}
