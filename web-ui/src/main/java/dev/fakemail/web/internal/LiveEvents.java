package dev.fakemail.web.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.sse.ServerSentEventConnection;
import io.undertow.server.handlers.sse.ServerSentEventHandler;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * {@code GET /api/events}: server-sent events for every change of the index, so the page (or any client)
 * sees arrivals and deletions without asking. Undertow's SSE handler is asynchronous: an open stream holds
 * no thread, and sending only queues bytes for the IO thread.
 *
 * <p>Events: {@code received} (the list entry of a new message), {@code deleted} ({@code {"id":n}}),
 * {@code reset} ({@code {}}), {@code read} (messages were marked read or unread: {@code {"ids":[..],"read":true,
 * "unread":n}}, n the unread count of all messages), {@code mailbox} ({@code {"user","mailbox","change","uid"}}), {@code fault} (a rule
 * fired: {@code {"ruleId","hit","sessionId","protocol","time","description"}}), {@code faults} (rules were added
 * or removed: {@code {}}); on connect,
 * {@code ready} ({@code {}}): whatever happened before it is in the next list. A comment line every 15
 * seconds keeps proxies from closing quiet streams.
 */
final class LiveEvents implements Consumer<IndexChange>, AutoCloseable {
    private static final long KEEP_ALIVE_MILLIS = 15_000;
    private static final long RETRY_MILLIS = 2_000;

    private final ServerSentEventHandler handler;
    private final AtomicLong eventId = new AtomicLong();

    LiveEvents() {
        // Runs on the IO thread: nothing here may wait (not even for the index), so "ready" carries no count.
        handler = new ServerSentEventHandler((connection, lastEventId) -> {
            connection.setKeepAliveTime(KEEP_ALIVE_MILLIS);
            connection.sendRetry(RETRY_MILLIS);
            connection.send("{}", "ready", null, null);
        });
    }

    HttpHandler handler() {
        return handler;
    }

    /** Called by the index in store order, under its lock: only queues the bytes for each open stream. */
    @Override
    public void accept(IndexChange change) {
        if (handler.getConnections().isEmpty()) {
            return; // nobody listens: not even the list entry is made (it has a snippet to flatten)
        }
        if (change instanceof IndexChange.Added added) {
            broadcast("received", added.message().json());
        } else if (change instanceof IndexChange.Removed removed) {
            broadcast("deleted", Map.of("id", removed.id()));
        } else if (change instanceof IndexChange.Cleared) {
            broadcast("reset", Map.of());
        } else if (change instanceof IndexChange.ReadChanged marked) {
            broadcast("read", marked); // a record: its fields in a fixed order
        } else if (change instanceof IndexChange.MailboxChanged mailbox) {
            broadcast("mailbox", Map.of("user", mailbox.user(), "mailbox", mailbox.mailbox(),
                    "change", mailbox.change(), "uid", mailbox.uid()));
        }
    }

    /** A fault rule fired; called on the session's thread, so it only queues bytes. */
    void faultHit(dev.fakemail.fault.FaultHit hit) {
        broadcast("fault", Map.of("ruleId", hit.ruleId(), "hit", hit.hit(), "sessionId", hit.sessionId(),
                "protocol", hit.protocol().wireName(), "time", hit.time().toString(), "description", hit.description()));
    }

    /** Rules were added or removed (through the API): other open pages reload their list. */
    void faultsChanged() {
        broadcast("faults", Map.of());
    }

    /** The server's DNS zone changed: open pages reload its records. */
    void dnsChanged() {
        broadcast("dns", Map.of());
    }

    int connections() {
        return handler.getConnections().size();
    }

    /** Ends every open stream (the page reconnects to whatever listens next). */
    @Override
    public void close() {
        for (ServerSentEventConnection connection : handler.getConnections()) {
            try {
                connection.close();
            } catch (IOException alreadyGone) {
                // closing is all we wanted
            }
        }
    }

    private void broadcast(String event, Object payload) {
        if (handler.getConnections().isEmpty()) {
            return; // nobody listens: not even the JSON is made
        }
        String data = json(payload);
        String id = Long.toString(eventId.incrementAndGet());
        for (ServerSentEventConnection connection : handler.getConnections()) {
            connection.send(data, event, id, null);
        }
    }

    private static String json(Object payload) {
        try {
            return Responses.JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + payload, e);
        }
    }
}
