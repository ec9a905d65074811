package dev.fakemail.internal.mime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/**
 * The header fields of a raw message, unfolded, parsed on demand. Nothing is cached so a stored message
 * costs only its bytes; header parsing is a short scan and happens only when someone asks.
 */
public final class HeaderBlock {
    private HeaderBlock() {
    }

    /** Every field as name and raw (unfolded, undecoded) value, in message order. */
    public static List<Field> fields(byte[] message) {
        int end = endOfHeaders(message);
        // Header values may carry raw UTF-8 (RFC 6532); legacy 8-bit bytes decode to U+FFFD.
        String block = new String(message, 0, end, StandardCharsets.UTF_8);
        List<Field> fields = new ArrayList<>();
        StringBuilder current = null;
        for (String line : block.split("\r?\n", -1)) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                if (current != null) {
                    current.append(line);
                }
                continue;
            }
            addField(fields, current);
            current = line.isEmpty() ? null : new StringBuilder(line);
        }
        addField(fields, current);
        return fields;
    }

    /** Raw values of all fields with this name (case-insensitive). */
    public static List<String> rawValues(byte[] message, String name) {
        List<String> values = new ArrayList<>();
        for (Field field : fields(message)) {
            if (field.name().equalsIgnoreCase(name)) {
                values.add(field.value());
            }
        }
        return values;
    }

    /** Decodes RFC 2047 encoded words (=?UTF-8?B?...?=) in a header value. */
    public static String decode(String rawValue) {
        return DecoderUtil.decodeEncodedWords(rawValue, DecodeMonitor.SILENT);
    }

    /** Offset just past the header block (before the empty line), or the whole message if it has no body. */
    public static int endOfHeaders(byte[] message) {
        for (int i = 0; i < message.length; i++) {
            if (message[i] == '\n') {
                int next = i + 1;
                if (next < message.length && message[next] == '\n') {
                    return next;
                }
                if (next + 1 < message.length && message[next] == '\r' && message[next + 1] == '\n') {
                    return next;
                }
            }
        }
        return message.length;
    }

    private static void addField(List<Field> fields, StringBuilder line) {
        if (line == null) {
            return;
        }
        int colon = line.indexOf(":");
        if (colon <= 0) {
            return; // not a header field; a lenient reader skips it, as MUAs do
        }
        String name = line.substring(0, colon).trim();
        String value = line.substring(colon + 1).trim();
        fields.add(new Field(name, value));
    }

    /** One header field. */
    public record Field(String name, String value) {
    }
}
