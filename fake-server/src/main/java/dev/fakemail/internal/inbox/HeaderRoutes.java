package dev.fakemail.internal.inbox;

import dev.fakemail.InboxSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Matches a message's header section against header routes: field name ignoring case, value exactly. */
public final class HeaderRoutes {
    /** Header sections longer than this are not looked at past it (a route header is near the top). */
    private static final int MAX_HEADER_BYTES = 256 * 1024;

    private HeaderRoutes() {
    }

    /** The index of the first spec with a header route that a field of the message matches, or -1. */
    public static int firstMatch(byte[] message, List<InboxSpec> specs) {
        int end = Math.min(message.length, MAX_HEADER_BYTES);
        int lineStart = 0;
        StringBuilder field = null;
        int found = -1;
        while (lineStart < end) {
            int lineEnd = lineStart;
            while (lineEnd < end && message[lineEnd] != '\n') {
                lineEnd++;
            }
            int contentEnd = lineEnd > lineStart && message[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            String line = new String(message, lineStart, contentEnd - lineStart, StandardCharsets.UTF_8);
            boolean continuation = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
            if (continuation && field != null) {
                field.append(' ').append(line.strip());
            } else {
                if (field != null && (found = match(field.toString(), specs)) >= 0) {
                    return found;
                }
                if (line.isEmpty()) {
                    return -1; // end of the header section
                }
                field = new StringBuilder(line);
            }
            lineStart = lineEnd + 1;
        }
        return field == null ? -1 : match(field.toString(), specs);
    }

    private static int match(String field, List<InboxSpec> specs) {
        int colon = field.indexOf(':');
        if (colon <= 0) {
            return -1;
        }
        String name = field.substring(0, colon).strip();
        String value = field.substring(colon + 1).strip();
        for (int i = 0; i < specs.size(); i++) {
            InboxSpec spec = specs.get(i);
            if (spec.route() == InboxSpec.Route.HEADER && spec.headerName().orElse("").equalsIgnoreCase(name)
                    && spec.value().equals(value)) {
                return i;
            }
        }
        return -1;
    }
}
