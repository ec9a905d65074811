package dev.fakemail.internal.authentication;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.james.jdkim.api.Headers;

/**
 * A stored message's header fields as jDKIM reads them ({@code Name: value}, folding line breaks kept, no final
 * CR LF), and where its body starts. Read straight from the bytes: jDKIM's own reader builds a mime4j message
 * per call (a service lookup, byte-at-a-time parsing), which cost more than the signature check itself.
 */
final class RawHeaders implements Headers {
    private final List<String> fields;
    private final int bodyStart;

    private RawHeaders(List<String> fields, int bodyStart) {
        this.fields = fields;
        this.bodyStart = bodyStart;
    }

    /** The header section ends at the first empty line; without one, everything is header and the body is empty. */
    static RawHeaders of(byte[] raw) {
        List<String> fields = new ArrayList<>();
        int fieldStart = -1;
        int position = 0;
        while (position < raw.length) {
            int lineEnd = indexOfLf(raw, position);
            int next = lineEnd < 0 ? raw.length : lineEnd + 1;
            int contentEnd = lineEnd < 0 ? raw.length : (lineEnd > position && raw[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd);
            if (contentEnd == position) { // the empty line
                addField(fields, raw, fieldStart, position);
                return new RawHeaders(fields, next);
            }
            boolean continuation = raw[position] == ' ' || raw[position] == '\t';
            if (!continuation) {
                addField(fields, raw, fieldStart, position);
                fieldStart = position;
            }
            position = next;
        }
        addField(fields, raw, fieldStart, raw.length);
        return new RawHeaders(fields, raw.length);
    }

    /** Offset of the first body octet. */
    int bodyStart() {
        return bodyStart;
    }

    @Override
    public List<String> getFields() {
        return fields;
    }

    @Override
    public List<String> getFields(String name) {
        String prefix = name.toLowerCase(Locale.ROOT);
        List<String> matching = new ArrayList<>();
        for (String field : fields) {
            int colon = field.indexOf(':');
            if (colon > 0 && field.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(prefix)) {
                matching.add(field);
            }
        }
        return matching;
    }

    private static void addField(List<String> fields, byte[] raw, int start, int end) {
        if (start < 0) {
            return;
        }
        int trimmed = end;
        if (trimmed > start && raw[trimmed - 1] == '\n') {
            trimmed--;
        }
        if (trimmed > start && raw[trimmed - 1] == '\r') {
            trimmed--;
        }
        fields.add(new String(raw, start, trimmed - start, StandardCharsets.UTF_8));
    }

    private static int indexOfLf(byte[] raw, int from) {
        for (int i = from; i < raw.length; i++) {
            if (raw[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
