package dev.fakemail.junit;

import dev.fakemail.store.Mailbox;
import dev.fakemail.store.StoredMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one user's IMAP folder as it is now: which messages it holds (by subject, in UID order) and
 * their flags. Failures list the folder's messages with their UIDs and flags.
 *
 * <pre>{@code
 * assertThat(mail).mailbox("bob@example.test", "Archive").hasSubjects("Invoice 42")
 *         .messageWithSubject("Invoice 42").hasFlags("\\Seen");
 * }</pre>
 */
public class MailboxAssert extends AbstractAssert<MailboxAssert, Mailbox> {
    MailboxAssert(Mailbox actual) {
        super(actual, MailboxAssert.class);
    }

    public MailboxAssert hasMessageCount(int count) {
        List<StoredMessage> messages = actual.messages();
        if (messages.size() != count) {
            failWithMessage("%nExpected %s to hold %d message(s) but it holds %d:%n%s", actual, count, messages.size(),
                    listing(messages));
        }
        return myself;
    }

    /** Exactly these subjects, in UID order (the order a client shows by arrival). */
    public MailboxAssert hasSubjects(String... subjects) {
        List<StoredMessage> messages = actual.messages();
        List<String> found = messages.stream().map(StoredMessage::subject).toList();
        if (!found.equals(Arrays.asList(subjects))) {
            failWithMessage("%nExpected %s to hold messages with subjects %s (in UID order) but it holds:%n%s", actual,
                    Arrays.toString(subjects), listing(messages));
        }
        return myself;
    }

    /** The one message with this subject (exact, after decoding); fails if there is none or several. */
    public StoredMessageAssert messageWithSubject(String subject) {
        List<StoredMessage> matches = actual.messages().stream().filter(m -> m.subject().equals(subject)).toList();
        if (matches.size() != 1) {
            failWithMessage("%nExpected exactly one message with subject '%s' in %s but found %d:%n%s", subject, actual,
                    matches.size(), listing(actual.messages()));
        }
        return new StoredMessageAssert(matches.get(0), actual);
    }

    static String listing(List<StoredMessage> messages) {
        if (messages.isEmpty()) {
            return "  (no messages)";
        }
        return messages.stream().map(m -> "  UID " + m.uid() + " " + new TreeSet<>(m.flags()) + " '" + m.subject() + "'")
                .collect(Collectors.joining(System.lineSeparator()));
    }

    /** Flags of one message in a folder. */
    public static class StoredMessageAssert extends AbstractAssert<StoredMessageAssert, StoredMessage> {
        private final Mailbox mailbox;

        StoredMessageAssert(StoredMessage actual, Mailbox mailbox) {
            super(actual, StoredMessageAssert.class);
            this.mailbox = mailbox;
        }

        /** Has every one of these flags or keywords (it may have more). */
        public StoredMessageAssert hasFlags(String... flags) {
            Set<String> missing = new TreeSet<>(Arrays.asList(flags));
            missing.removeAll(actual.flags());
            if (!missing.isEmpty()) {
                failWithMessage("%nExpected '%s' (UID %d in %s) to have flags %s but it has %s, lacking %s",
                        actual.subject(), actual.uid(), mailbox, Arrays.toString(flags), new TreeSet<>(actual.flags()),
                        missing);
            }
            return myself;
        }

        /** Has none of these flags or keywords. */
        public StoredMessageAssert doesNotHaveFlags(String... flags) {
            Set<String> present = new TreeSet<>(Arrays.asList(flags));
            present.retainAll(actual.flags());
            if (!present.isEmpty()) {
                failWithMessage("%nExpected '%s' (UID %d in %s) not to have flags %s but it has %s", actual.subject(),
                        actual.uid(), mailbox, present, new TreeSet<>(actual.flags()));
            }
            return myself;
        }
    }
}
