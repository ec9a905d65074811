package dev.fakemail.web.internal;

import dev.fakemail.MailControl;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import java.util.ArrayList;
import java.util.List;

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
    private final List<String> apiRoutes = new ArrayList<>();

    private InboxHandler(MailControl control, WebSettings settings) {
        index = new MessageIndex(control);
        live = new LiveEvents();
        waits = new WaitApi(index, control::transcripts);
        liveSubscription = index.listen(live);
        waitSubscription = index.listen(waits);
        MessagesApi messages = new MessagesApi(control, index);
        MailContent content = new MailContent(messages);
        ReadStateApi readState = new ReadStateApi(index);
        LinksApi links = new LinksApi(messages);
        SessionsApi sessions = new SessionsApi(control, index);
        MailboxesApi mailboxes = new MailboxesApi(control, index);
        InfoApi info = new InfoApi(control, settings, waits::waiting, live::connections);
        FaultsApi faults = new FaultsApi(control.faults(), live::faultsChanged);
        faultSubscription = control.faults().subscribe(live::faultHit);
        HealthApi health = new HealthApi(control);
        ReceivedApi received = new ReceivedApi(control);
        StaticAssets assets = StaticAssets.load();
        RouteClasses.initialize(health);
        OpenApi openApi = OpenApi.load();
        RoutingHandler routes = new RoutingHandler();
        api(routes, "GET", "/api/health", onWorker(health::health));
        api(routes, "GET", "/api/openapi.json", openApi::serve);
        api(routes, "GET", "/api/info", onWorker(info::info));
        api(routes, "GET", "/api/messages", onWorker(messages::list));
        api(routes, "DELETE", "/api/messages", onWorker(messages::deleteAll));
        api(routes, "PUT", "/api/messages/read", onWorker(readState::markMany));
        api(routes, "GET", "/api/messages/latest", onWorker(messages::latest));
        api(routes, "GET", "/api/messages/{id}", onWorker(messages::detail));
        api(routes, "DELETE", "/api/messages/{id}", onWorker(messages::delete));
        api(routes, "PUT", "/api/messages/{id}/read", onWorker(readState::markOne));
        api(routes, "GET", "/api/messages/{id}/raw", onWorker(content::raw));
        api(routes, "GET", "/api/messages/{id}/html", onWorker(content::html));
        api(routes, "GET", "/api/messages/{id}/parts/{path}", onWorker(content::part));
        api(routes, "GET", "/api/messages/{id}/links", onWorker(links::list));
        api(routes, "POST", "/api/messages/{id}/links/check", onWorker(links::check));
        api(routes, "GET", "/api/wait", new JsonErrors(waits::handle));
        api(routes, "GET", "/api/events", live.handler());
        api(routes, "GET", "/api/mailboxes", onWorker(mailboxes::users));
        api(routes, "GET", "/api/mailbox", onWorker(mailboxes::mailbox));
        api(routes, "GET", "/api/sessions", onWorker(sessions::list));
        api(routes, "GET", "/api/sessions/{id}", onWorker(sessions::detail));
        api(routes, "POST", "/api/reset", onWorker(messages::reset));
        api(routes, "GET", "/api/received", onWorker(received::list));
        api(routes, "GET", "/api/received/{id}", onWorker(received::one));
        api(routes, "GET", "/api/unacknowledged", onWorker(received::unacknowledged));
        api(routes, "GET", "/api/transcripts", onWorker(received::transcripts));
        api(routes, "GET", "/api/faults", onWorker(faults::list));
        api(routes, "POST", "/api/faults", onWorker(faults::add));
        api(routes, "DELETE", "/api/faults", onWorker(faults::clear));
        api(routes, "DELETE", "/api/faults/{id}", onWorker(faults::remove));
        routes.setFallbackHandler(exchange -> Responses.error(exchange, 404, "not found: " + exchange.getRequestPath()))
                .setInvalidMethodHandler(exchange -> Responses.error(exchange, 405,
                        exchange.getRequestMethod() + " is not allowed on " + exchange.getRequestPath()));
        assets.paths().forEach(path -> routes.get(path, exchange -> assets.serve(path, exchange)));
        root = new SecurityHeaders(new RequestGuard(routes, settings.allowedHosts(),
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

    private void api(RoutingHandler routes, String method, String template, HttpHandler handler) {
        routes.add(method, template, handler);
        apiRoutes.add(method + " " + template);
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
