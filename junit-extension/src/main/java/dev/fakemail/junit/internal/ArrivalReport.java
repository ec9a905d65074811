package dev.fakemail.junit.internal;

import dev.fakemail.store.ReceivedMessage;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Explains why the mail a test expected did not (or did too often) arrive: what was expected, every message
 * that arrived (matches marked), the closest candidates with what differs per condition, and the transcripts
 * of the sessions involved.
 */
public final class ArrivalReport {
    static final int MAX_LISTED = 20;
    static final int MAX_CANDIDATES = 3;

    private ArrivalReport() {
    }

    /**
     * @param headline what was expected and what happened, e.g. "Expected exactly one message matching: ...
     *     but none arrived within 2s."
     * @param conditions the expectation's conditions (none: any message)
     * @param missing whether expected mail is missing, so the closest non-matching candidates are worth showing
     */
    public static String render(String headline, List<MailCondition> conditions, ServerSnapshot snapshot,
            boolean missing) {
        List<ReceivedMessage> messages = snapshot.messages();
        StringBuilder out = new StringBuilder(headline);
        Set<Long> focus = new HashSet<>();
        appendReceived(out, messages, conditions, focus);
        if (missing && !conditions.isEmpty()) {
            List<ReceivedMessage> candidates = closest(messages, conditions);
            if (!candidates.isEmpty()) {
                focus.add(candidates.get(0).id()); // its transcript may show why it came out differently
                out.append("\n\nClosest candidates:");
                for (ReceivedMessage candidate : candidates) {
                    out.append("\n  ").append(Texts.messageLine(candidate));
                    for (MailCondition condition : conditions) {
                        if (!condition.matches(candidate)) {
                            out.append("\n    ").append(condition.mismatchOf(candidate));
                        }
                    }
                }
            }
        }
        out.append(SessionsReport.of(snapshot, focus));
        return out.toString();
    }

    /** A summary of what a server captured, for the report JUnit publishes when a test fails. */
    public static String summary(String serverName, ServerSnapshot snapshot) {
        StringBuilder out = new StringBuilder(serverName);
        if (!snapshot.endpoints().isEmpty()) {
            out.append(" on ").append(snapshot.endpoints());
        }
        appendReceived(out, snapshot.messages(), List.of(), new HashSet<>());
        if (!snapshot.smtpSessions().isEmpty()) {
            out.append("\n\nSMTP sessions:").append(SessionsReport.list(snapshot));
        }
        return out.toString();
    }

    /** Lists the messages (the newest when there are many), marking matches; adds the matches to focus. */
    private static void appendReceived(StringBuilder out, List<ReceivedMessage> messages,
            List<MailCondition> conditions, Set<Long> focus) {
        if (messages.isEmpty()) {
            out.append("\n\nReceived nothing.");
            return;
        }
        boolean mark = !conditions.isEmpty();
        out.append("\n\nReceived ").append(Texts.messages(messages.size()))
                .append(mark ? " (* = matches):" : ":");
        int first = Math.max(0, messages.size() - MAX_LISTED);
        if (first > 0) {
            out.append("\n  … ").append(first).append(" earlier not shown");
        }
        for (int i = 0; i < messages.size(); i++) {
            ReceivedMessage message = messages.get(i);
            boolean matches = matchesAll(message, conditions);
            if (matches) {
                focus.add(message.id());
            }
            if (i >= first) {
                out.append(mark && matches ? "\n* " : "\n  ").append(Texts.messageLine(message));
            }
        }
    }

    /**
     * Non-matching messages that meet the most conditions; among equals the ones nearest to the conditions
     * they miss, then the newest.
     */
    private static List<ReceivedMessage> closest(List<ReceivedMessage> messages, List<MailCondition> conditions) {
        return messages.stream()
                .filter(message -> !matchesAll(message, conditions))
                .sorted(Comparator.comparingDouble((ReceivedMessage message) -> score(message, conditions)).reversed()
                        .thenComparing(Comparator.comparingLong(ReceivedMessage::id).reversed()))
                .limit(MAX_CANDIDATES)
                .toList();
    }

    /** One point per condition met, plus a fraction for how near it comes to those it misses. */
    private static double score(ReceivedMessage message, List<MailCondition> conditions) {
        double met = 0;
        double near = 0;
        for (MailCondition condition : conditions) {
            if (condition.matches(message)) {
                met++;
            } else {
                near += condition.closenessOf(message);
            }
        }
        return met + near / (conditions.size() + 1); // below one point: meeting a condition always ranks higher
    }

    private static boolean matchesAll(ReceivedMessage message, List<MailCondition> conditions) {
        return conditions.stream().allMatch(condition -> condition.matches(message));
    }
}
