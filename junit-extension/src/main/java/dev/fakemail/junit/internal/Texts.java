package dev.fakemail.junit.internal;

import dev.fakemail.store.ReceivedMessage;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** How values read in failure messages: short, quoted, one line each. */
public final class Texts {
    /** Longest quoted value in a one-line description; longer ones are cut with an ellipsis. */
    static final int QUOTE_LIMIT = 80;

    private Texts() {
    }

    /** The value in single quotes, line breaks and tabs escaped, cut after {@value #QUOTE_LIMIT} characters. */
    public static String quote(String value) {
        String escaped = value.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
        if (escaped.length() > QUOTE_LIMIT) {
            escaped = escaped.substring(0, QUOTE_LIMIT) + "…";
        }
        return "'" + escaped + "'";
    }

    /** ['a', 'b'] */
    public static String quoteAll(List<String> values) {
        return values.stream().map(Texts::quote).collect(Collectors.joining(", ", "[", "]"));
    }

    /** "2s", "1.5s", "250ms" */
    public static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        return java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
    }

    /** "#2 from shop@example.test to [bob@example.test] subject 'Reset password'" */
    public static String messageLine(ReceivedMessage message) {
        return "#" + message.id() + " from " + sender(message) + " to " + message.envelope().recipientAddresses()
                + " subject " + quote(message.subject());
    }

    /** The envelope sender, "<>" for the null sender of bounces. */
    public static String sender(ReceivedMessage message) {
        String from = message.envelope().mailFrom();
        return from.isEmpty() ? "<>" : from;
    }

    /** "1 message", "3 messages" */
    public static String messages(int count) {
        return count + (count == 1 ? " message" : " messages");
    }

    /** Each line of a block of text indented by two spaces, line ends normalized, at most {@code maxLines}. */
    public static String indent(String text, int maxLines) {
        List<String> lines = text.replace("\r\n", "\n").lines().toList();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size() && i < maxLines; i++) {
            out.append("\n  ").append(lines.get(i));
        }
        if (lines.size() > maxLines) {
            out.append("\n  … ").append(lines.size() - maxLines).append(" more lines");
        }
        return out.toString();
    }
}
