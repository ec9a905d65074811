package dev.fakemail.web.internal;

import dev.fakemail.MailControl;
import dev.fakemail.store.Mailbox;
import dev.fakemail.store.StoredMessage;
import io.undertow.server.HttpServerExchange;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/mailboxes} and {@code GET /api/mailbox?user=&name=}: the users' mailboxes as POP3 (and
 * later IMAP) clients see them, with UIDs, flags and MODSEQ.
 */
final class MailboxesApi {
    private final MailControl control;
    private final MessageIndex index;

    MailboxesApi(MailControl control, MessageIndex index) {
        this.control = control;
        this.index = index;
    }

    record MailboxEntry(String name, int messages, long uidValidity, long uidNext, long highestModSeq) {
        static MailboxEntry of(Mailbox mailbox) {
            return new MailboxEntry(mailbox.name(), mailbox.size(), mailbox.uidValidity(), mailbox.uidNext(),
                    mailbox.highestModSeq());
        }
    }

    record UserEntry(String user, List<MailboxEntry> mailboxes) {
    }

    /**
     * One message of a mailbox.
     *
     * @param messageId the received message it was delivered from, if still in the received log (null
     *     otherwise); {@code subject} and {@code from} come from there
     */
    record MailboxMessage(long uid, List<String> flags, long modSeq, String internalDate, int size, Long messageId,
            String subject, String from) {
    }

    record MailboxPage(String user, MailboxEntry mailbox, int offset, int limit, List<MailboxMessage> messages) {
    }

    void users(HttpServerExchange exchange) throws Exception {
        List<UserEntry> users = new ArrayList<>();
        for (String user : control.store().users()) {
            users.add(new UserEntry(user, control.store().mailboxes(user).stream().map(MailboxEntry::of).toList()));
        }
        Responses.json(exchange, 200, users);
    }

    /** One mailbox's messages, newest (highest UID) first, paged. */
    void mailbox(HttpServerExchange exchange) throws Exception {
        String user = Params.query(exchange, "user");
        String name = Params.query(exchange, "name") == null ? "INBOX" : Params.query(exchange, "name");
        if (user == null || user.isEmpty()) {
            throw ApiException.badRequest("user is missing: /api/mailbox?user=bob@example.test&name=INBOX");
        }
        Mailbox mailbox = control.store().mailbox(user, name).orElseThrow(() -> ApiException.notFound(
                "no mailbox '" + Params.shown(name) + "' for user '" + Params.shown(user) + "'"));
        int offset = Params.integer(exchange, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = Params.integer(exchange, "limit", MessagesApi.DEFAULT_LIMIT, 1, MessagesApi.MAX_LIMIT);
        List<StoredMessage> stored = mailbox.messages();
        List<StoredMessage> page = new ArrayList<>();
        for (long i = (long) stored.size() - 1 - offset; i >= 0 && page.size() < limit; i--) {
            page.add(stored.get((int) i));
        }
        List<MailboxMessage> messages = index.read(all -> page.stream()
                .map(message -> entry(message, deliveredFrom(all, message, mailbox.user()))).toList());
        Responses.json(exchange, 200, new MailboxPage(mailbox.user(), MailboxEntry.of(mailbox), offset, limit,
                messages));
    }

    private static MailboxMessage entry(StoredMessage message, MessageSummary received) {
        return new MailboxMessage(message.uid(), List.copyOf(message.flags()), message.modSeq(),
                message.internalDate().toInstant().toString(), message.size(), received == null ? null : received.id,
                // mail that did not come through SMTP (IMAP APPEND, COPY, a test's seed) speaks for itself
                received == null ? message.subject() : received.subject,
                received == null ? message.header("From").orElse(null) : received.headerFrom());
    }

    /**
     * The received message a delivery came from: same arrival millisecond, same size, addressed to the user.
     * (The core shares the bytes but does not name the link; arrival times only grow, so a binary search
     * finds the millisecond.)
     */
    private static MessageSummary deliveredFrom(List<MessageSummary> all, StoredMessage message, String user) {
        long millis = message.internalDate().toInstant().toEpochMilli();
        int low = 0;
        int high = all.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (all.get(middle).receivedAtMillis < millis) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        for (int i = low; i < all.size() && all.get(i).receivedAtMillis == millis; i++) {
            MessageSummary candidate = all.get(i);
            if (candidate.size == message.size()
                    && candidate.to().stream().anyMatch(address -> address.equalsIgnoreCase(user))) {
                return candidate;
            }
        }
        return null;
    }
}
