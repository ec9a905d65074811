package dev.fakemail.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a {@link LineClient} said ("C: ") and heard ("S: "), newest last, for failure messages. Only the last
 * entries are kept, each cut to a readable length; control characters are shown escaped so CR LF stay visible.
 */
final class WireLog {
    private static final int MAX_ENTRIES = 40;
    private static final int MAX_ENTRY_CHARS = 200;

    private final Deque<String> entries = new ArrayDeque<>();

    synchronized void sent(byte[] bytes, int length) {
        add("C: ", bytes, length);
    }

    synchronized void received(byte[] bytes, int length) {
        add("S: ", bytes, length);
    }

    synchronized void note(String event) {
        append("*: " + event);
    }

    @Override
    public synchronized String toString() {
        return entries.isEmpty() ? "(nothing said yet)" : String.join("\n", entries);
    }

    private void add(String prefix, byte[] bytes, int length) {
        if (length > 0) {
            append(prefix + escape(new String(bytes, 0, Math.min(length, MAX_ENTRY_CHARS), StandardCharsets.UTF_8))
                    + (length > MAX_ENTRY_CHARS ? "... (" + length + " bytes)" : ""));
        }
    }

    private void append(String entry) {
        entries.addLast(entry);
        while (entries.size() > MAX_ENTRIES) {
            entries.removeFirst();
        }
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
