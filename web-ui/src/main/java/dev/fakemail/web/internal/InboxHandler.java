package dev.fakemail.web.internal;

import dev.fakemail.MailControl;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.BlockingHandler;

/** Builds the inbox's handler tree: security headers, then blocking dispatch, then the routes. */
public final class InboxHandler {
    private InboxHandler() {
    }

    public static HttpHandler create(MailControl control) {
        MessagesApi api = new MessagesApi(control);
        StaticAssets assets = StaticAssets.load();
        RoutingHandler routes = new RoutingHandler()
                .get("/api/health", api::health)
                .get("/api/messages", api::list)
                .get("/api/messages/{id}/raw", api::raw)
                .setFallbackHandler(exchange -> Responses.error(exchange, 404, "not found: " + exchange.getRequestPath()))
                .setInvalidMethodHandler(exchange -> Responses.error(exchange, 405,
                        exchange.getRequestMethod() + " is not allowed on " + exchange.getRequestPath()));
        assets.paths().forEach(path -> routes.get(path, exchange -> assets.serve(path, exchange)));
        // Handlers read the store and serialize JSON: keep that off the IO threads.
        return new SecurityHeaders(new BlockingHandler(routes));
    }
}
