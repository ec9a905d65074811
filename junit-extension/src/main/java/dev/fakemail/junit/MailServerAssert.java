package dev.fakemail.junit;

import dev.fakemail.MailControl;
import dev.fakemail.junit.internal.ArrivalReport;
import dev.fakemail.junit.internal.ServerSnapshot;
import dev.fakemail.junit.internal.Texts;
import dev.fakemail.store.ReceivedMessage;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * Assertions on the mail a server received, optionally waiting for it.
 *
 * <pre>{@code
 * assertThat(mail).receivesWithin(Duration.ofSeconds(5))
 *         .exactlyOne(to("bob@example.test").subject("Reset your password"))
 *         .hasTextContaining("https://shop.example.test/reset/");
 * assertThat(mail).hasReceived().none(to("mallory@example.test"));
 * }</pre>
 *
 * Waiting is event-driven: it returns as soon as the expected mail is there. A failure says what was expected,
 * lists what arrived, shows the closest candidates with what differs, and the transcripts of the SMTP sessions
 * involved (including those that delivered nothing).
 */
public class MailServerAssert extends AbstractAssert<MailServerAssert, MailControl> {
    private Duration timeout = Duration.ZERO;
    private SoftAssertionsProvider softly;

    public MailServerAssert(MailControl actual) {
        super(actual, MailServerAssert.class);
    }

    /** The following expectations wait up to this long for mail that has not arrived yet. */
    public MailServerAssert receivesWithin(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
        }
        this.timeout = timeout;
        return myself;
    }

    /**
     * The user's IMAP folder as it is now (INBOX, Sent, "Archive/2026", ...); fails, listing the user's folders,
     * if it does not exist.
     */
    public MailboxAssert mailbox(String user, String name) {
        isNotNull();
        var mailbox = actual.store().mailbox(user, name);
        if (mailbox.isEmpty()) {
            failWithMessage("%nExpected %s to have a mailbox '%s' but it has %s", user, name,
                    actual.store().mailboxes(user).stream().map(m -> m.name()).toList());
        }
        return new MailboxAssert(mailbox.get());
    }

    /** The following expectations look at what has arrived so far, without waiting (the default). */
    public MailServerAssert hasReceived() {
        this.timeout = Duration.ZERO;
        return myself;
    }

    /**
     * Exactly one message matches (waiting for it if {@link #receivesWithin} was called); assertions on it
     * follow. "Exactly" is judged when the first match is there: waiting longer for a second would mean sleeping.
     */
    public ReceivedMessageAssert exactlyOne(ExpectedMail expected) {
        isNotNull();
        Objects.requireNonNull(expected, "expected");
        List<ReceivedMessage> matches = actual.await(expected.asQuery(), 1, timeout);
        if (matches.size() == 1) {
            return ReceivedMessageAssert.of(matches.get(0), softly);
        }
        AssertionError failure = failure("%n%s", report("exactly one message", expected, matches.size(), 1));
        if (softly == null) {
            throw failure;
        }
        softly.collectAssertionError(failure); // and carry on: the next soft assertion still runs
        return ReceivedMessageAssert.skipped(softly);
    }

    /** Exactly this many messages match (waiting for them if {@link #receivesWithin} was called). */
    public MailServerAssert exactly(int count, ExpectedMail expected) {
        checkCount(count);
        List<ReceivedMessage> matches = actual.await(expected.asQuery(), count, timeout);
        if (matches.size() != count) {
            failWithMessage("%n%s", report("exactly " + (count == 1 ? "one message" : Texts.messages(count)),
                    expected, matches.size(), count));
        }
        return myself;
    }

    /** At least this many messages match (waiting for them if {@link #receivesWithin} was called). */
    public MailServerAssert atLeast(int count, ExpectedMail expected) {
        checkCount(count);
        List<ReceivedMessage> matches = actual.await(expected.asQuery(), count, timeout);
        if (matches.size() < count) {
            failWithMessage("%n%s", report("at least " + Texts.messages(count), expected, matches.size(), count));
        }
        return myself;
    }

    /**
     * No message matches, now. This never waits, whatever {@link #receivesWithin} said: proving that mail does
     * not come would take sleeping for the whole timeout.
     */
    public MailServerAssert none(ExpectedMail expected) {
        isNotNull();
        Objects.requireNonNull(expected, "expected");
        int matches = actual.messages(expected.asQuery()).size();
        if (matches > 0) {
            failWithMessage("%n%s", report("no message", expected, matches, 0));
        }
        return myself;
    }

    /** Exactly this many messages in total (waiting for them if {@link #receivesWithin} was called). */
    public MailServerAssert hasMessageCount(int count) {
        return exactly(count, ExpectedMail.any());
    }

    /** No message at all, now. */
    public MailServerAssert hasNoMessages() {
        return none(ExpectedMail.any());
    }

    MailServerAssert softly(SoftAssertionsProvider provider) {
        this.softly = provider;
        return this;
    }

    private void checkCount(int count) {
        isNotNull();
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + count);
        }
    }

    private String report(String expectation, ExpectedMail expected, int found, int wanted) {
        boolean missing = found < wanted;
        String outcome = found == 0 ? "none" : missing ? "only " + found : String.valueOf(found);
        String when = !missing ? " arrived" : timeout.isZero() ? " had arrived" : " arrived within "
                + Texts.duration(timeout);
        if (missing && !timeout.isZero() && Thread.currentThread().isInterrupted()) {
            when += " (the wait was interrupted)";
        }
        String headline = "Expected " + expectation + " matching: " + expected + "\nbut " + outcome + when + ".";
        return ArrivalReport.render(headline, expected.conditions(), ServerSnapshot.of(actual), missing);
    }
}
