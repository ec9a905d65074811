package dev.fakemail.junit.internal;

import dev.fakemail.store.ReceivedMessage;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * One condition on a received message that can say how a message misses it, so a failure can show, for each
 * close candidate, exactly which conditions it fails and what it has instead.
 *
 * @param description what is asked for, as in a query's description ("subject 'Reset your password'")
 * @param mismatch for a message that does not match: what was expected and what it has instead
 * @param closeness for a message that does not match: how near it comes, 0 (unrelated) to 1 (almost), to rank
 *     candidates that miss the same number of conditions
 */
public record MailCondition(String description, Predicate<ReceivedMessage> test,
        Function<ReceivedMessage, String> mismatch, ToDoubleFunction<ReceivedMessage> closeness) {
    public boolean matches(ReceivedMessage message) {
        return test.test(message);
    }

    public String mismatchOf(ReceivedMessage message) {
        return mismatch.apply(message);
    }

    public double closenessOf(ReceivedMessage message) {
        return closeness.applyAsDouble(message);
    }
}
