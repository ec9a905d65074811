package dev.fakemail.web.internal;

import io.undertow.server.HttpServerExchange;
import java.util.Map;

/**
 * {@code GET /api/v1/info} and {@code GET /api/v1/webui}. fakemail keeps no database file and counts no SMTP
 * statistics of Mailpit's kind, so those numbers are 0 and the database path empty; the version is fakemail's.
 */
final class MailpitInfo {
    private final MessageIndex index;
    private final long startedMillis = System.currentTimeMillis();

    MailpitInfo(MessageIndex index) {
        this.index = index;
    }

    void info(HttpServerExchange exchange) throws Exception {
        int messages = index.read(all -> all.size());
        Runtime runtime = Runtime.getRuntime();
        MailpitJson.RuntimeStats stats = new MailpitJson.RuntimeStats(runtime.totalMemory() - runtime.freeMemory(),
                0, 0, 0, 0, 0, (System.currentTimeMillis() - startedMillis) / 1000);
        Responses.json(exchange, 200, new MailpitJson.AppInformation("fakemail " + InfoApi.version(), "", "", 0,
                messages, index.unread(), Map.of(), stats));
    }

    /** No relay, no SpamAssassin; Chaos is on: it maps onto fault rules ({@link MailpitChaos}). */
    void webUi(HttpServerExchange exchange) throws Exception {
        Responses.json(exchange, 200, new MailpitJson.WebUiConfiguration("fakemail",
                new MailpitJson.MessageRelay(false, "", "", "", "", "", false), false, true, false, false));
    }
}
