package dev.fakemail.web.internal;

import dev.fakemail.store.ReceivedMessage;
import java.util.List;

/**
 * One entry of {@code GET /api/messages}.
 *
 * @param from the envelope sender (MAIL FROM), empty for the null sender
 * @param to the envelope recipients (RCPT TO), in order
 * @param subject the decoded Subject, empty if there is none
 * @param receivedAt when the message was accepted, ISO-8601 in UTC
 * @param size the stored size in octets
 */
record MessageSummary(long id, String from, List<String> to, String subject, String receivedAt, int size) {
    static MessageSummary of(ReceivedMessage message) {
        return new MessageSummary(message.id(), message.envelope().mailFrom(),
                message.envelope().recipientAddresses(), message.subject(), message.receivedAt().toString(),
                message.size());
    }
}
