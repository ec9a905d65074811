package dev.fakemail;

import dev.fakemail.internal.store.MailRepository;
import dev.fakemail.store.Mailbox;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Set;

/**
 * Seeds one user's mailboxes from a test, as if a mail client had filed the mail there: folders are created on
 * first use, messages appended with flags (keywords too), with the same events IMAP sessions and the web inbox
 * see. Obtained from {@link FakeMailServer#seed(String)}; starts at INBOX.
 *
 * <pre>{@code
 * mail.seed("bob@example.test").folder("Archive/2026").append(rfc822Text, "\\Seen", "$Important");
 * }</pre>
 */
public final class MailboxSeed {
    private final MailRepository store;
    private final Clock clock;
    private final Mailbox mailbox;

    private MailboxSeed(MailRepository store, Clock clock, Mailbox mailbox) {
        this.store = store;
        this.clock = clock;
        this.mailbox = mailbox;
    }

    /** A seed of the user's INBOX. */
    static MailboxSeed inbox(MailRepository store, Clock clock, String user) {
        return new MailboxSeed(store, clock, store.inbox(user));
    }

    /** The user's folder of that name ("/" separates levels), created with its parents if it does not exist. */
    public MailboxSeed folder(String name) {
        String user = mailbox.user();
        Mailbox folder = store.mailbox(user, name).orElseGet(() -> store.createMailbox(user, name));
        return new MailboxSeed(store, clock, folder);
    }

    /** Appends a message (RFC 5322 text, CR LF line ends) with these flags; returns its UID. */
    public long append(String message, String... flags) {
        return append(message.getBytes(StandardCharsets.UTF_8), flags);
    }

    /** Appends a message's bytes, kept as given, with these flags; returns its UID. */
    public long append(byte[] message, String... flags) {
        return store.append(mailbox, message.clone(), Set.of(flags), OffsetDateTime.now(clock).withNano(0)).uid();
    }

    /** The folder this seed appends to. */
    public Mailbox mailbox() {
        return mailbox;
    }
}
