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
     * @param unread how many of all stored messages are unread (what the tab title shows)
     * @param query the search as understood
     */
    record ListPage(int total, int stored, int unread, int offset, int limit, String query,
            List<MessageSummary.ListEntry> messages) {
    }

    /** {@code GET /api/messages?q=&offset=&limit=}: a page of the matching messages, newest first. */
    void list(HttpServerExchange exchange) throws Exception {
        SearchQuery query = SearchQuery.fromParameters(exchange.getQueryParameters());
        int offset = Params.integer(exchange, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = Params.integer(exchange, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        Responses.json(exchange, 200, index.read(all -> SearchScan.page(all, query, offset, limit, index.unread())));
    }

    /** {@code GET /api/messages/{id}}: everything about one message; fetching it marks it read (as opening it does). */
    void detail(HttpServerExchange exchange) throws Exception {
        respondWithDetail(exchange, summary(exchange));
    }

    /** {@code GET /api/messages/latest}: the newest message, as {@link #detail}; 404 when there is none. */
    void latest(HttpServerExchange exchange) throws Exception {
        MessageSummary newest = index.read(all -> all.isEmpty() ? null : all.get(all.size() - 1));
        if (newest == null) {
            throw ApiException.notFound("no message has been received yet");
        }
        respondWithDetail(exchange, newest);
    }

    private void respondWithDetail(HttpServerExchange exchange, MessageSummary summary) throws Exception {
        if (!summary.read) { // read already (the common case when a page reloads): no write lock needed
            index.markRead(all -> {
                int position = MessageIndex.indexOf(all, summary.id);
                return position < 0 ? List.of() : List.of(all.get(position)); // deleted meanwhile: nothing to mark
            }, true);
        }
        Responses.json(exchange, 200, MessageDetail.of(summary, control.transcripts(),
                Params.absoluteBase(exchange), Params.inboxQuery(exchange)));
    }

    /** {@code DELETE /api/messages/{id}}: removes one message from the received log (mailboxes keep theirs). */
    void delete(HttpServerExchange exchange) throws Exception {
        long id = Params.messageId(exchange);
        if (!control.delete(id)) {
            throw ApiException.notFound("no message with id " + id);
        }
        Responses.noContent(exchange);
    }

    /**
     * {@code DELETE /api/messages[?q=&from=...]}: removes every received message, or with a search (the list's
     * parameters) only the messages that search matches; mailboxes and transcripts stay.
     */
    void deleteAll(HttpServerExchange exchange) throws Exception {
        SearchQuery query = SearchQuery.fromParameters(exchange.getQueryParameters());
        long[] ids = query.isEmpty() ? allIds() : index.read(all -> matchingIds(all, query));
        int deleted = 0;
        for (long id : ids) { // newest first: each removal is then at the log's end
            if (control.delete(id)) {
                deleted++;
            }
        }
        Responses.json(exchange, 200, query.isEmpty() ? Map.of("deleted", deleted)
                : Map.of("deleted", deleted, "query", query.toString()));
    }

    private long[] allIds() {
        List<ReceivedMessage> all = control.messages();
        long[] ids = new long[all.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = all.get(ids.length - 1 - i).id();
        }
        return ids;
    }

    /** The ids the same search on the list would show, newest first: what the page said would go. */
    private static long[] matchingIds(List<MessageSummary> ascending, SearchQuery query) {
        int[] positions = SearchScan.matches(ascending, query);
        long[] ids = new long[positions.length];
        for (int i = 0; i < positions.length; i++) {
            ids[i] = ascending.get(positions[i]).id;
        }
        return ids;
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
