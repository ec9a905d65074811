package dev.fakemail.junit.internal;

import static dev.fakemail.junit.internal.Texts.quote;
import static dev.fakemail.junit.internal.Texts.quoteAll;

import dev.fakemail.store.MailQuery;
import dev.fakemail.store.ReceivedMessage;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The conditions {@code ExpectedMail} offers. Descriptions match {@link MailQuery}'s, so a query reads the same
 * in either form; each mismatch text starts with what the condition looks at.
 */
public final class Conditions {
    private Conditions() {
    }

    public static MailCondition to(String address) {
        Objects.requireNonNull(address, "address");
        return new MailCondition("to " + address,
                message -> message.envelope().recipientAddresses().stream().anyMatch(address::equalsIgnoreCase),
                message -> "to: expected " + address + " but the envelope recipients were "
                        + message.envelope().recipientAddresses(),
                message -> Similarity.best(address, message.envelope().recipientAddresses()));
    }

    public static MailCondition from(String address) {
        Objects.requireNonNull(address, "address");
        return new MailCondition("from " + address,
                message -> message.envelope().mailFrom().equalsIgnoreCase(address),
                message -> "from: expected " + address + " but the envelope sender was " + Texts.sender(message),
                message -> Similarity.of(address, message.envelope().mailFrom()));
    }

    public static MailCondition subject(String subject) {
        Objects.requireNonNull(subject, "subject");
        return new MailCondition("subject " + quote(subject),
                message -> message.subject().equals(subject),
                message -> "subject: expected " + quote(subject) + " but was " + quote(message.subject()),
                message -> Similarity.of(subject, message.subject()));
    }

    /** Ignoring case, as {@link MailQuery#subjectContains(String)}. */
    public static MailCondition subjectContains(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return new MailCondition("subject contains " + quote(text),
                message -> message.subject().toLowerCase(Locale.ROOT).contains(lower),
                message -> "subject: expected to contain " + quote(text) + " but was " + quote(message.subject()),
                message -> Similarity.of(text, message.subject()));
    }

    public static MailCondition header(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        return new MailCondition("header " + name + ": " + value,
                message -> message.headers(name).contains(value),
                message -> {
                    List<String> values = message.headers(name);
                    String was = values.isEmpty() ? "there is no " + name + " header"
                            : values.size() == 1 ? "was " + quote(values.get(0)) : "were " + quoteAll(values);
                    return "header " + name + ": expected " + quote(value) + " but " + was;
                },
                message -> Similarity.best(value, message.headers(name)));
    }

    public static MailCondition textContains(String text) {
        return bodyContains("text", "text/plain", ReceivedMessage::text, text);
    }

    public static MailCondition htmlContains(String text) {
        return bodyContains("html", "text/html", ReceivedMessage::html, text);
    }

    public static MailCondition attachment(String filename) {
        Objects.requireNonNull(filename, "filename");
        return new MailCondition("attachment " + quote(filename),
                message -> attachmentNames(message).contains(filename),
                message -> {
                    List<String> names = attachmentNames(message);
                    return "attachment: expected one named " + quote(filename) + " but "
                            + (names.isEmpty() ? "there were none" : "there were " + quoteAll(names));
                },
                message -> Similarity.best(filename, attachmentNames(message)));
    }

    public static MailCondition matching(String description, Predicate<ReceivedMessage> predicate) {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(predicate, "predicate");
        return new MailCondition(description, predicate, message -> "does not match: " + description, message -> 0);
    }

    private static MailCondition bodyContains(String kind, String mimeType, Function<ReceivedMessage, String> body,
            String text) {
        Objects.requireNonNull(text, "text");
        return new MailCondition(kind + " contains " + quote(text),
                message -> body.apply(message).contains(text),
                message -> {
                    String actual = body.apply(message);
                    return kind + ": expected to contain " + quote(text) + " but "
                            + (actual.isEmpty() ? "there is no " + mimeType + " body" : "was " + quote(actual));
                },
                message -> 0); // a body is no near miss of a phrase
    }

    /** A core query as one opaque condition: it can say that a message misses it, not why. */
    public static MailCondition of(MailQuery query) {
        Objects.requireNonNull(query, "query");
        return matching(query.toString(), query::matches);
    }

    /** The file names of the attachments; an attachment without a name shows as its type. */
    public static List<String> attachmentNames(ReceivedMessage message) {
        return message.attachments().stream()
                .map(part -> part.filename().orElse("(unnamed " + part.mimeType() + ")"))
                .toList();
    }
}
