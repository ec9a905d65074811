package dev.fakemail.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Which received messages to find or wait for. Immutable; each method returns a narrower query. Its
 * {@link #toString()} reads like the conditions ("to bob@example.test and subject contains 'Reset'"), so
 * failure messages can show what was asked for.
 */
public final class MailQuery {
    private static final MailQuery ALL = new MailQuery(List.of());

    private final List<Condition> conditions;

    private MailQuery(List<Condition> conditions) {
        this.conditions = conditions;
    }

    /** Every message. */
    public static MailQuery all() {
        return ALL;
    }

    /** Messages with this envelope recipient (RCPT TO), compared case-insensitively. */
    public static MailQuery to(String address) {
        return ALL.andTo(address);
    }

    /** Messages with this envelope sender (MAIL FROM), compared case-insensitively. */
    public static MailQuery from(String address) {
        return ALL.andFrom(address);
    }

    public MailQuery andTo(String address) {
        Objects.requireNonNull(address, "address");
        return and("to " + address, message -> message.envelope().recipients().stream()
                .anyMatch(recipient -> recipient.address().equalsIgnoreCase(address)));
    }

    public MailQuery andFrom(String address) {
        Objects.requireNonNull(address, "address");
        return and("from " + address, message -> message.envelope().mailFrom().equalsIgnoreCase(address));
    }

    /** The decoded subject equals this text exactly. */
    public MailQuery subject(String subject) {
        Objects.requireNonNull(subject, "subject");
        return and("subject '" + subject + "'", message -> message.subject().equals(subject));
    }

    /** The decoded subject contains this text, ignoring case. */
    public MailQuery subjectContains(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return and("subject contains '" + text + "'",
                message -> message.subject().toLowerCase(Locale.ROOT).contains(lower));
    }

    /** A header field with this name has this decoded value. */
    public MailQuery header(String name, String value) {
        return and("header " + name + ": " + value, message -> message.headers(name).contains(value));
    }

    /** The plain text body contains this text. */
    public MailQuery textContains(String text) {
        return and("text contains '" + text + "'", message -> message.text().contains(text));
    }

    /** Any condition; the description names it in failure messages. */
    public MailQuery matching(String description, Predicate<ReceivedMessage> predicate) {
        return and(description, predicate);
    }

    public boolean matches(ReceivedMessage message) {
        for (Condition condition : conditions) {
            if (!condition.predicate().test(message)) {
                return false;
            }
        }
        return true;
    }

    private MailQuery and(String description, Predicate<ReceivedMessage> predicate) {
        List<Condition> more = new ArrayList<>(conditions);
        more.add(new Condition(description, predicate));
        return new MailQuery(List.copyOf(more));
    }

    @Override
    public String toString() {
        if (conditions.isEmpty()) {
            return "any message";
        }
        return String.join(" and ", conditions.stream().map(Condition::description).toList());
    }

    private record Condition(String description, Predicate<ReceivedMessage> predicate) {
    }
}
