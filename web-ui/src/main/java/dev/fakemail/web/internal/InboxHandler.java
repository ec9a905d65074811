package dev.fakemail.web.internal;

import dev.fakemail.MailControl;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import java.util.Map;

/**
 * The inbox's handler tree: security headers, then the request guard (host, auth, cross-site), then the
 * routes. JSON routes run on worker threads; the event stream and the wait endpoint are asynchronous and
 * hold no thread while they wait. Closing answers waiting requests, ends event streams and stops the index.
 */
public final class InboxHandler implements AutoCloseable {
    private final HttpHandler root;
    private final MessageIndex index;
    private final LiveEvents live;
    private final WaitApi waits;
    private final AutoCloseable liveSubscription;
    private final AutoCloseable waitSubscription;
    private final AutoCloseable faultSubscription;

    private InboxHandler(MailControl control, WebSettings settings) {
        index = new MessageIndex(control);
        live = new LiveEvents();
        waits = new WaitApi(index);
        liveSubscription = index.listen(live);
        waitSubscription = index.listen(waits);
        MessagesApi messages = new MessagesApi(control, index);
        MailContent content = new MailContent(messages);
        LinksApi links = new LinksApi(messages);
        SessionsApi sessions = new SessionsApi(control, index);
        MailboxesApi mailboxes = new MailboxesApi(control, index);
        InfoApi info = new InfoApi(control, settings, waits::waiting, live::connections);
        FaultsApi faults = new FaultsApi(control.faults(), live::faultsChanged);
        faultSubscription = control.faults().subscribe(live::faultHit);
        StaticAssets assets = StaticAssets.load();
        RoutingHandler routes = new RoutingHandler()
                .get("/api/health", onWorker(exchange -> Responses.json(exchange, 200, Map.of("status", "ok"))))
                .get("/api/info", onWorker(info::info))
                .get("/api/messages", onWorker(messages::list))
                .delete("/api/messages", onWorker(messages::deleteAll))
                .get("/api/messages/{id}", onWorker(messages::detail))
                .delete("/api/messages/{id}", onWorker(messages::delete))
                .get("/api/messages/{id}/raw", onWorker(content::raw))
                .get("/api/messages/{id}/html", onWorker(content::html))
                .get("/api/messages/{id}/parts/{path}", onWorker(content::part))
                .get("/api/messages/{id}/links", onWorker(links::list))
                .post("/api/messages/{id}/links/check", onWorker(links::check))
                .get("/api/wait", new JsonErrors(waits::handle))
                .get("/api/events", live.handler())
                .get("/api/mailboxes", onWorker(mailboxes::users))
                .get("/api/mailbox", onWorker(mailboxes::mailbox))
                .get("/api/sessions", onWorker(sessions::list))
                .get("/api/sessions/{id}", onWorker(sessions::detail))
                .post("/api/reset", onWorker(messages::reset))
                .get("/api/faults", onWorker(faults::list))
                .post("/api/faults", onWorker(faults::add))
                .delete("/api/faults", onWorker(faults::clear))
                .delete("/api/faults/{id}", onWorker(faults::remove))
                .setFallbackHandler(exchange -> Responses.error(exchange, 404,
                        "not found: " + exchange.getRequestPath()))
                .setInvalidMethodHandler(exchange -> Responses.error(exchange, 405,
                        exchange.getRequestMethod() + " is not allowed on " + exchange.getRequestPath()));
        assets.paths().forEach(path -> routes.get(path, exchange -> assets.serve(path, exchange)));
        root = new SecurityHeaders(new RequestGuard(routes, settings.loopbackOnly(), settings.allowedHosts(),
                settings.basicAuth() ? settings.user() + ":" + settings.password() : null));
    }

    public static InboxHandler create(MailControl control, WebSettings settings) {
        return new InboxHandler(control, settings);
    }

    public HttpHandler handler() {
        return root;
    }

    @Override
    public void close() {
        waits.close();
        live.close();
        try {
            liveSubscription.close();
            waitSubscription.close();
            faultSubscription.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            index.close();
        }
    }

    /** Runs a route on a worker thread: it may read the index, parse mail, or wait for the store's lock. */
    private static HttpHandler onWorker(HttpHandler route) {
        HttpHandler handler = new JsonErrors(route);
        return exchange -> {
            if (exchange.isInIoThread()) {
                exchange.dispatch(handler);
            } else {
                handler.handleRequest(exchange);
            }
        };
    }
}
