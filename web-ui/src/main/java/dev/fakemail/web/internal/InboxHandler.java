package dev.fakemail.web.internal;

import dev.fakemail.FakeMailServer;
import dev.fakemail.Inbox;
import dev.fakemail.MailControl;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The inbox's handler tree: security headers, then the request guard (host, auth, cross-site), then the
 * routes. JSON routes run on worker threads; the event stream and the wait endpoint are asynchronous and
 * hold no thread while they wait. Closing answers waiting requests, ends event streams and stops the index.
 *
 * <p>Every {@code /api/...} route acts on the server's default inbox, or with {@code ?inbox=<id>} on that
 * isolated inbox: each inbox in use gets its own {@link ControlRoutes} (index, events, waits), dropped when
 * the inbox is deleted or expires.
 */
public final class InboxHandler implements AutoCloseable {
    private final HttpHandler root;
    private final WebSettings settings;
    private final MailControl control;
    private final HealthApi health;
    private final OpenApi openApi;
    private final ControlRoutes defaultRoutes;
    private final InboxesApi inboxes;
    private final RoutingHandler inboxRoutes = new RoutingHandler();
    private final Map<String, ControlRoutes> byInbox = new ConcurrentHashMap<>();
    private final List<String> apiRoutes = new ArrayList<>();

    private InboxHandler(MailControl control, WebSettings settings) {
        this.control = control;
        this.settings = settings;
        health = new HealthApi(control);
        RouteClasses.initialize(health);
        openApi = OpenApi.load();
        defaultRoutes = new ControlRoutes(control, control, settings, health, openApi);
        apiRoutes.addAll(defaultRoutes.apiRoutes());
        inboxes = new InboxesApi(control instanceof FakeMailServer server ? server : null);
        inbox("GET", "/api/inboxes", onWorker(inboxes::list));
        inbox("POST", "/api/inboxes", onWorker(inboxes::create));
        inbox("GET", "/api/inboxes/{id}", onWorker(inboxes::get));
        inbox("DELETE", "/api/inboxes/{id}", onWorker(inboxes::delete));
        fallbacks(inboxRoutes);
        RoutingHandler routes = defaultRoutes.routes();
        StaticAssets assets = StaticAssets.load();
        assets.paths().forEach(path -> routes.get(path, exchange -> assets.serve(path, exchange)));
        fallbacks(routes);
        root = new SecurityHeaders(new RequestGuard(this::dispatch, settings.allowedHosts(),
                settings.basicAuth() ? settings.user() + ":" + settings.password() : null));
    }

    public static InboxHandler create(MailControl control, WebSettings settings) {
        return new InboxHandler(control, settings);
    }

    public HttpHandler handler() {
        return root;
    }

    /**
     * Every JSON API route as "METHOD /template", in registration order: what {@code /api/openapi.json} must
     * describe (a test holds the two together).
     */
    List<String> apiRoutes() {
        return List.copyOf(apiRoutes);
    }

    private void dispatch(HttpServerExchange exchange) throws Exception {
        String path = exchange.getRequestPath();
        if (path.equals("/api/inboxes") || path.startsWith("/api/inboxes/")) {
            inboxRoutes.handleRequest(exchange);
            return;
        }
        Deque<String> named = exchange.getQueryParameters().get("inbox");
        String id = named == null ? null : named.peekFirst();
        if (id == null || id.isEmpty() || id.equals("default") || !path.startsWith("/api/")) {
            defaultRoutes.routes().handleRequest(exchange);
            return;
        }
        ControlRoutes routes = routesFor(id);
        if (routes == null) {
            Responses.error(exchange, 404, "no inbox with id " + Params.shown(id)
                    + " (deleted, expired, or never created: POST /api/inboxes creates one)");
            return;
        }
        routes.routes().handleRequest(exchange);
    }

    /** The routes of an isolated inbox, made on first use; those of deleted or expired inboxes are closed. */
    private ControlRoutes routesFor(String id) {
        byInbox.entrySet().removeIf(entry -> {
            boolean gone = !((Inbox) entry.getValue().control()).isOpen();
            if (gone) {
                entry.getValue().close();
            }
            return gone;
        });
        Optional<Inbox> inbox = inboxes.named(id);
        if (inbox.isEmpty()) {
            return null;
        }
        return byInbox.compute(id, (key, existing) -> {
            if (existing != null && existing.control() == inbox.get()) {
                return existing;
            }
            if (existing != null) {
                existing.close(); // an inbox of the same id was deleted and made again
            }
            ControlRoutes made = new ControlRoutes(inbox.get(), control, settings, health, openApi);
            fallbacks(made.routes());
            return made;
        });
    }

    private void inbox(String method, String template, HttpHandler handler) {
        inboxRoutes.add(method, template, handler);
        apiRoutes.add(method + " " + template);
    }

    private static void fallbacks(RoutingHandler routes) {
        routes.setFallbackHandler(exchange -> Responses.error(exchange, 404, "not found: " + exchange.getRequestPath()))
                .setInvalidMethodHandler(exchange -> Responses.error(exchange, 405,
                        exchange.getRequestMethod() + " is not allowed on " + exchange.getRequestPath()));
    }

    @Override
    public void close() {
        try {
            defaultRoutes.close();
        } finally {
            byInbox.values().forEach(ControlRoutes::close);
            byInbox.clear();
        }
    }

    /** Runs a route on a worker thread: it may read the index, parse mail, or wait for the store's lock. */
    static HttpHandler onWorker(HttpHandler route) {
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
