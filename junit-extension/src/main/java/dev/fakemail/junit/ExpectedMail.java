package dev.fakemail.junit;

import dev.fakemail.junit.internal.Conditions;
import dev.fakemail.junit.internal.MailCondition;
import dev.fakemail.store.MailQuery;
import dev.fakemail.store.ReceivedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The mail a test expects: conditions on received messages, all of which must hold. Reads like
 * {@link MailQuery} (and turns into one with {@link #asQuery()}), but each condition can also explain how a
 * message misses it, which is what {@link MailServerAssert}'s failure messages show for the closest candidates.
 *
 * <pre>{@code
 * import static dev.fakemail.junit.ExpectedMail.to;
 *
 * assertThat(mail).receivesWithin(Duration.ofSeconds(5))
 *         .exactlyOne(to("bob@example.test").subject("Reset your password").attachment("invoice.pdf"));
 * List<ReceivedMessage> two = mail.await(to("bob@example.test").asQuery(), 2, Duration.ofSeconds(5));
 * }</pre>
 *
 * Immutable; each method returns a narrower expectation.
 */
public final class ExpectedMail {
    private static final ExpectedMail ANY = new ExpectedMail(List.of());

    private final List<MailCondition> conditions;

    private ExpectedMail(List<MailCondition> conditions) {
        this.conditions = conditions;
    }

    /** Any message. */
    public static ExpectedMail any() {
        return ANY;
    }

    /** Messages with this envelope recipient (RCPT TO), compared ignoring case. */
    public static ExpectedMail to(String address) {
        return ANY.andTo(address);
    }

    /** Messages with this envelope sender (MAIL FROM), compared ignoring case. */
    public static ExpectedMail from(String address) {
        return ANY.andFrom(address);
    }

    /**
     * A core query as an expectation. Failures can then say which messages miss it, but not which part of it
     * they miss; build the expectation here to get that.
     */
    public static ExpectedMail of(MailQuery query) {
        return ANY.and(Conditions.of(query));
    }

    public ExpectedMail andTo(String address) {
        return and(Conditions.to(address));
    }

    public ExpectedMail andFrom(String address) {
        return and(Conditions.from(address));
    }

    /** The decoded subject equals this text exactly. */
    public ExpectedMail subject(String subject) {
        return and(Conditions.subject(subject));
    }

    /** The decoded subject contains this text, ignoring case. */
    public ExpectedMail subjectContains(String text) {
        return and(Conditions.subjectContains(text));
    }

    /** A header field with this name has this decoded value. */
    public ExpectedMail header(String name, String value) {
        return and(Conditions.header(name, value));
    }

    /** The plain text body contains this text. */
    public ExpectedMail textContains(String text) {
        return and(Conditions.textContains(text));
    }

    /** The HTML body contains this text. */
    public ExpectedMail htmlContains(String text) {
        return and(Conditions.htmlContains(text));
    }

    /** An attachment has exactly this (decoded) file name. */
    public ExpectedMail attachment(String filename) {
        return and(Conditions.attachment(filename));
    }

    /** Any condition; the description names it in failure messages. */
    public ExpectedMail matching(String description, Predicate<ReceivedMessage> predicate) {
        return and(Conditions.matching(description, predicate));
    }

    public boolean matches(ReceivedMessage message) {
        for (MailCondition condition : conditions) {
            if (!condition.matches(message)) {
                return false;
            }
        }
        return true;
    }

    /** The same conditions as a core query, for {@code MailControl.await(...)} and {@code messages(...)}. */
    public MailQuery asQuery() {
        MailQuery query = MailQuery.all();
        for (MailCondition condition : conditions) {
            query = query.matching(condition.description(), condition.test());
        }
        return query;
    }

    List<MailCondition> conditions() {
        return conditions;
    }

    private ExpectedMail and(MailCondition condition) {
        List<MailCondition> more = new ArrayList<>(conditions);
        more.add(condition);
        return new ExpectedMail(List.copyOf(more));
    }

    /** Reads like the conditions: "to bob@example.test and subject 'Reset your password'". */
    @Override
    public String toString() {
        if (conditions.isEmpty()) {
            return "any message";
        }
        return conditions.stream().map(MailCondition::description).collect(Collectors.joining(" and "));
    }
}
