package dev.fakemail.web.internal;

import dev.fakemail.MailControl;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON routes over one inbox (the server's default inbox, or an isolated one): its index, live events,
 * waits, messages, sessions, mailboxes and faults. The inbox handler keeps one for the default inbox and one
 * per isolated inbox in use, chosen by the {@code inbox} query parameter.
 */
final class ControlRoutes implements AutoCloseable {
    private final MailControl control;
    private final MessageIndex index;
    private final LiveEvents live;
    private final WaitApi waits;
    private final AutoCloseable liveSubscription;
    private final AutoCloseable waitSubscription;
    private final AutoCloseable faultSubscription;
    private final MailpitEvents mailpitEvents;
    private final AutoCloseable mailpitSubscription;
    private final RoutingHandler routes = new RoutingHandler();
    private final List<String> apiRoutes = new ArrayList<>();

    /** @param server what {@code /api/info} describes: the server, also for an isolated inbox's routes */
    ControlRoutes(MailControl control, MailControl server, WebSettings settings, HealthApi health, OpenApi openApi) {
        this.control = control;
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
        InfoApi info = new InfoApi(server, settings, waits::waiting, live::connections);
        FaultsApi faults = new FaultsApi(control.faults(), live::faultsChanged);
        faultSubscription = control.faults().subscribe(live::faultHit);
        mailpitEvents = new MailpitEvents(index);
        mailpitSubscription = index.listen(mailpitEvents);
        ReceivedApi received = new ReceivedApi(control);
        api("GET", "/api/health", InboxHandler.onWorker(health::health));
        api("GET", "/api/openapi.json", openApi::serve);
        api("GET", "/api/info", InboxHandler.onWorker(info::info));
        api("GET", "/api/messages", InboxHandler.onWorker(messages::list));
        api("DELETE", "/api/messages", InboxHandler.onWorker(messages::deleteAll));
        api("PUT", "/api/messages/read", InboxHandler.onWorker(readState::markMany));
        api("GET", "/api/messages/latest", InboxHandler.onWorker(messages::latest));
        api("GET", "/api/messages/{id}", InboxHandler.onWorker(messages::detail));
        api("DELETE", "/api/messages/{id}", InboxHandler.onWorker(messages::delete));
        api("PUT", "/api/messages/{id}/read", InboxHandler.onWorker(readState::markOne));
        api("GET", "/api/messages/{id}/raw", InboxHandler.onWorker(content::raw));
        api("GET", "/api/messages/{id}/html", InboxHandler.onWorker(content::html));
        api("GET", "/api/messages/{id}/parts/{path}", InboxHandler.onWorker(content::part));
        api("GET", "/api/messages/{id}/links", InboxHandler.onWorker(links::list));
        api("POST", "/api/messages/{id}/links/check", InboxHandler.onWorker(links::check));
        api("GET", "/api/wait", new JsonErrors(waits::handle));
        api("GET", "/api/events", mailpitEvents.beside(live.handler())); // Mailpit's websocket on Upgrade
        api("GET", "/api/mailboxes", InboxHandler.onWorker(mailboxes::users));
        api("GET", "/api/mailbox", InboxHandler.onWorker(mailboxes::mailbox));
        api("GET", "/api/sessions", InboxHandler.onWorker(sessions::list));
        api("GET", "/api/sessions/{id}", InboxHandler.onWorker(sessions::detail));
        api("POST", "/api/reset", InboxHandler.onWorker(messages::reset));
        api("GET", "/api/received", InboxHandler.onWorker(received::list));
        api("GET", "/api/received/{id}", InboxHandler.onWorker(received::one));
        api("GET", "/api/unacknowledged", InboxHandler.onWorker(received::unacknowledged));
        api("GET", "/api/transcripts", InboxHandler.onWorker(received::transcripts));
        api("GET", "/api/faults", InboxHandler.onWorker(faults::list));
        api("POST", "/api/faults", InboxHandler.onWorker(faults::add));
        api("DELETE", "/api/faults", InboxHandler.onWorker(faults::clear));
        api("DELETE", "/api/faults/{id}", InboxHandler.onWorker(faults::remove));
        MailpitRoutes.mount(routes, new MailpitApi(index, messages), new MailpitInfo(index),
                new MailpitChaos(control.faults(), live::faultsChanged));
    }

    /** Tells this inbox's open pages that the server's DNS zone changed. */
    void dnsChanged() {
        live.dnsChanged();
    }

    MailControl control() {
        return control;
    }

    RoutingHandler routes() {
        return routes;
    }

    List<String> apiRoutes() {
        return List.copyOf(apiRoutes);
    }

    private void api(String method, String template, HttpHandler handler) {
        routes.add(method, template, handler);
        apiRoutes.add(method + " " + template);
    }

    @Override
    public void close() {
        waits.close();
        live.close();
        mailpitEvents.close();
        try {
            mailpitSubscription.close();
            liveSubscription.close();
            waitSubscription.close();
            faultSubscription.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            index.close();
        }
    }
}
