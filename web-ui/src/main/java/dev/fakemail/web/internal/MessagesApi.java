package dev.fakemail.web.internal;

import dev.fakemail.MailControl;
import dev.fakemail.store.ReceivedMessage;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.Map;

/** The received-message routes: list and search, one message, delete, reset. Run on worker threads. */
final class MessagesApi {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    private final MailControl control;
    private final MessageIndex index;

    MessagesApi(MailControl control, MessageIndex index) {
        this.control = control;
        this.index = index;
    }

    /**
     * A page of the list, newest first.
     *
     * @param total how many messages match the search
     * @param stored how many messages are stored in all
     * @param query the search as understood
     */
    record ListPage(int total, int stored, int offset, int limit, String query,
            List<MessageSummary.ListEntry> messages) {
    }

    /** {@code GET /api/messages?q=&offset=&limit=}: a page of the matching messages, newest first. */
    void list(HttpServerExchange exchange) throws Exception {
        SearchQuery query = SearchQuery.fromParameters(exchange.getQueryParameters());
        int offset = Params.integer(exchange, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = Params.integer(exchange, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        Responses.json(exchange, 200, index.read(all -> SearchScan.page(all, query, offset, limit)));
    }

    /** {@code GET /api/messages/{id}}: everything about one message. */
    void detail(HttpServerExchange exchange) throws Exception {
        MessageSummary summary = summary(exchange);
        Responses.json(exchange, 200, MessageDetail.of(summary, control.transcripts()));
    }

    /** {@code DELETE /api/messages/{id}}: removes one message from the received log (mailboxes keep theirs). */
    void delete(HttpServerExchange exchange) throws Exception {
        long id = Params.messageId(exchange);
        if (!control.delete(id)) {
            throw ApiException.notFound("no message with id " + id);
        }
        Responses.noContent(exchange);
    }

    /** {@code DELETE /api/messages}: removes every received message; mailboxes and transcripts stay. */
    void deleteAll(HttpServerExchange exchange) throws Exception {
        List<ReceivedMessage> all = control.messages();
        int deleted = 0;
        for (int i = all.size() - 1; i >= 0; i--) { // newest first: each removal is then at the log's end
            if (control.delete(all.get(i).id())) {
                deleted++;
            }
        }
        Responses.json(exchange, 200, Map.of("deleted", deleted));
    }

    /** {@code POST /api/reset}: forgets all messages, mailboxes and transcripts, as a test's reset does. */
    void reset(HttpServerExchange exchange) throws Exception {
        control.reset();
        Responses.noContent(exchange);
    }

    /** The message named by the path's id: 400 for a malformed id, 404 for an unknown one. */
    MessageSummary summary(HttpServerExchange exchange) {
        long id = Params.messageId(exchange);
        return index.byId(id).orElseThrow(() -> ApiException.notFound("no message with id "
                + Params.path(exchange, "id")));
    }
}
