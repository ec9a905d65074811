package dev.fakemail.web.internal;

import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Mailpit's websocket at {@code /api/events}, beside our own event stream on the same path: a request asking to
 * upgrade to a websocket gets this, any other our server-sent events. Frames are Mailpit's
 * {@code {"Type": ..., "Data": ...}}: {@code new} (a message summary), {@code update} ({@code {ID, Read}}),
 * {@code delete} ({@code {ID}}), {@code truncate}, and {@code stats} ({@code {Total, Unread, Version}}) after each
 * change and on connecting. A browser page of another site may not listen (websockets are not bound by CORS): a
 * request with an Origin must come from the inbox's own host.
 */
final class MailpitEvents implements Consumer<IndexChange>, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MailpitEvents.class.getName());

    private final MessageIndex index;
    private final HttpHandler websocket;
    private final Set<WebSocketChannel> channels = ConcurrentHashMap.newKeySet();

    MailpitEvents(MessageIndex index) {
        this.index = index;
        this.websocket = Handlers.websocket((exchange, channel) -> {
            channels.add(channel);
            channel.addCloseTask(closed -> channels.remove(closed));
            channel.resumeReceives(); // reads pings and the close frame; what a client sends is ignored
            send(channel, new MailpitJson.Event("stats", stats()));
        });
    }

    /** Our event stream, or Mailpit's websocket when the request asks for the upgrade. */
    HttpHandler beside(HttpHandler serverSentEvents) {
        return exchange -> {
            String upgrade = exchange.getRequestHeaders().getFirst(Headers.UPGRADE);
            if (upgrade == null || !upgrade.toLowerCase(Locale.ROOT).contains("websocket")) {
                serverSentEvents.handleRequest(exchange);
            } else if (!sameOrigin(exchange)) {
                Responses.error(exchange, 403, "a websocket from another site may not listen to this inbox");
            } else {
                websocket.handleRequest(exchange);
            }
        };
    }

    private static boolean sameOrigin(HttpServerExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
        if (origin == null) {
            return true; // not a browser: a test client or a tool
        }
        try {
            URI uri = URI.create(origin);
            String authority = uri.getRawAuthority();
            return authority != null && host != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** Called by the index under its write lock: quick, and only when someone listens. */
    @Override
    public void accept(IndexChange change) {
        if (channels.isEmpty()) {
            return;
        }
        if (change instanceof IndexChange.Added added) {
            broadcast(new MailpitJson.Event("new", MailpitMessages.summary(added.message())));
        } else if (change instanceof IndexChange.Removed removed) {
            broadcast(new MailpitJson.Event("delete", Map.of("ID", Long.toString(removed.id()))));
        } else if (change instanceof IndexChange.Cleared) {
            broadcast(new MailpitJson.Event("truncate", null));
        } else if (change instanceof IndexChange.ReadChanged read) {
            for (long id : read.ids()) {
                broadcast(new MailpitJson.Event("update", new Update(Long.toString(id), read.read())));
            }
        } else {
            return; // mailbox changes: Mailpit has no IMAP mailboxes
        }
        broadcast(new MailpitJson.Event("stats", stats()));
    }

    record Update(String ID, boolean Read) {
    }

    record Stats(long Total, long Unread, String Version) {
    }

    /** Called under the index's lock or with none: reads what the index has applied, without waiting. */
    private Stats stats() {
        return new Stats(index.size(), index.unread(), "fakemail " + InfoApi.version());
    }

    int connections() {
        return channels.size();
    }

    private void broadcast(MailpitJson.Event event) {
        for (WebSocketChannel channel : channels) {
            send(channel, event);
        }
    }

    private static void send(WebSocketChannel channel, MailpitJson.Event event) {
        try {
            WebSockets.sendText(Responses.JSON.writeValueAsString(event), channel, null);
        } catch (IOException | RuntimeException failed) {
            LOG.log(Level.FINE, "websocket send failed", failed);
        }
    }

    @Override
    public void close() {
        for (WebSocketChannel channel : channels) {
            try {
                channel.sendClose();
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        channels.clear();
    }
}
