package dev.fakemail.web.internal;

import dev.fakemail.MailControl;
import dev.fakemail.journal.Transcript;
import dev.fakemail.store.ReceivedMessage;
import io.undertow.server.HttpServerExchange;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The server's data as it is, for programs rather than the page: {@code GET /api/received} (messages with
 * envelope and raw bytes, oldest first, paged by {@code newerThan}), {@code GET /api/received/{id}},
 * {@code GET /api/unacknowledged} and {@code GET /api/transcripts} (every kept session with all its lines). A
 * remote client (fakemail-client) rebuilds {@link ReceivedMessage} and {@link Transcript} from these, so its
 * assertions see what an in-process test sees. Unlike {@code GET /api/messages/{id}}, reading here marks
 * nothing read.
 */
final class ReceivedApi {
    /** A page stops after the message that passes this many raw octets (at least one message is always sent). */
    static final int MAX_PAGE_OCTETS = 16 * 1024 * 1024;

    private final MailControl control;

    ReceivedApi(MailControl control) {
        this.control = control;
    }

    /**
     * @param receivedAt ISO-8601 UTC, milliseconds
     * @param raw the stored bytes, base64
     * @param unacknowledgedFate for an unacknowledged message: what happened to its connection; null otherwise
     * @param authentication SPF, DKIM and DMARC against the fake zone; null on a server without a zone
     */
    record MessageData(long id, String receivedAt, MessageDetail.EnvelopeJson envelope, int size, String raw,
            String unacknowledgedFate, AuthenticationJson authentication) {
        static MessageData of(ReceivedMessage message) {
            return new MessageData(message.id(), message.receivedAt().toString(),
                    MessageDetail.EnvelopeJson.of(message.envelope()), message.size(),
                    Base64.getEncoder().encodeToString(message.bytes()), message.unacknowledgedFate().orElse(null),
                    AuthenticationJson.of(message.authentication().orElse(null),
                            dev.fakemail.authentication.AuthenticationResults.AUTHSERV_ID));
        }
    }

    /** @param more whether messages newer than the last one here exist (ask again with its id as newerThan) */
    record MessagePage(List<MessageData> messages, boolean more) {
    }

    /** @param ended when the session ended; null while it runs */
    record TranscriptData(long id, String protocol, String client, String started, String ended, long droppedLines,
            List<SessionsApi.Line> lines) {
        static TranscriptData of(Transcript transcript) {
            return new TranscriptData(transcript.sessionId(), transcript.protocol(),
                    SessionsApi.address(transcript.client()), transcript.started().toString(),
                    transcript.ended().map(Object::toString).orElse(null), transcript.droppedLines(),
                    transcript.lines().stream().map(SessionsApi::line).toList());
        }
    }

    record TranscriptList(List<TranscriptData> transcripts) {
    }

    /** {@code GET /api/received?newerThan=&limit=}: received messages in full, oldest first. */
    void list(HttpServerExchange exchange) throws Exception {
        long newerThan = Params.query(exchange, "newerThan") == null ? 0
                : Params.id(Params.query(exchange, "newerThan"), "newerThan");
        int limit = Params.integer(exchange, "limit", MessagesApi.MAX_LIMIT, 1, MessagesApi.MAX_LIMIT);
        Responses.json(exchange, 200, page(control.messages(), newerThan, limit));
    }

    /** {@code GET /api/received/{id}}: one received message in full; 404 if deleted or unknown. */
    void one(HttpServerExchange exchange) throws Exception {
        long id = Params.messageId(exchange);
        ReceivedMessage message = control.message(id)
                .orElseThrow(() -> ApiException.notFound("no message with id " + Params.path(exchange, "id")));
        Responses.json(exchange, 200, MessageData.of(message));
    }

    /** {@code GET /api/unacknowledged}: messages whose client never got the reply, oldest first. */
    void unacknowledged(HttpServerExchange exchange) throws Exception {
        long newerThan = Params.query(exchange, "newerThan") == null ? 0
                : Params.id(Params.query(exchange, "newerThan"), "newerThan");
        Responses.json(exchange, 200, page(control.unacknowledged(), newerThan, MessagesApi.MAX_LIMIT));
    }

    /** {@code GET /api/transcripts}: every kept session, oldest first, with all its kept lines. */
    void transcripts(HttpServerExchange exchange) throws Exception {
        Responses.json(exchange, 200,
                new TranscriptList(control.transcripts().stream().map(TranscriptData::of).toList()));
    }

    private static MessagePage page(List<ReceivedMessage> oldestFirst, long newerThan, int limit) {
        List<MessageData> page = new ArrayList<>();
        long octets = 0;
        for (ReceivedMessage message : oldestFirst) {
            if (message.id() <= newerThan) {
                continue;
            }
            if (page.size() >= limit || (!page.isEmpty() && octets + message.size() > MAX_PAGE_OCTETS)) {
                return new MessagePage(page, true);
            }
            page.add(MessageData.of(message));
            octets += message.size();
        }
        return new MessagePage(page, false);
    }
}
