package dev.fakemail.web.internal;

import dev.fakemail.Endpoint;
import dev.fakemail.FakeMailServer;
import dev.fakemail.MailControl;
import dev.fakemail.ProtocolName;
import dev.fakemail.ServerConfig;
import dev.fakemail.internal.BuildVersion;
import io.undertow.server.HttpServerExchange;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/** {@code GET /api/info}: version, where each protocol listens and with which TLS, the server's limits. */
final class InfoApi {
    private static final String VERSION = BuildVersion.of(InfoApi.class, "/dev/fakemail/web/version.properties");

    private final MailControl control;
    private final WebSettings web;
    private final IntSupplier waiting;
    private final IntSupplier eventStreams;

    InfoApi(MailControl control, WebSettings web, IntSupplier waiting, IntSupplier eventStreams) {
        this.control = control;
        this.web = web;
        this.waiting = waiting;
        this.eventStreams = eventStreams;
    }

    /** @param tls "implicit" (SMTPS, POP3S, IMAPS) or "starttls" (offered after connecting), as each protocol declares */
    record EndpointJson(String protocol, String host, int port, String tls) {
    }

    /** @param server null when the inbox runs over a {@link MailControl} that is not a FakeMailServer */
    record Info(String version, ServerJson server, WebJson web) {
    }

    /** @param waiting requests waiting in {@code /api/wait}; {@code eventStreams} open {@code /api/events} */
    record WebJson(boolean basicAuth, boolean loopbackOnly, int waiting, int eventStreams) {
    }

    record ServerJson(String hostname, List<EndpointJson> endpoints, boolean requireTls, boolean requireAuth,
            boolean fixedUsers, boolean customCertificate, long maxMessageSize, int maxMessages, String maxAge,
            int maxConnections, int maxConnectionsPerClient) {
    }

    void info(HttpServerExchange exchange) throws Exception {
        ServerJson server = null;
        if (control instanceof FakeMailServer mail) {
            ServerConfig config = mail.config();
            List<EndpointJson> endpoints = new ArrayList<>();
            for (ProtocolName protocol : ProtocolName.values()) {
                mail.endpoint(protocol).ifPresent(endpoint -> endpoints.add(endpoint(protocol, endpoint)));
            }
            server = new ServerJson(config.hostname(), endpoints, config.requireTls(), config.requireAuth(),
                    config.hasFixedUsers(), config.customTls(), config.maxMessageSize(),
                    config.retention().maxMessages(),
                    config.retention().maxAge() == null ? null : config.retention().maxAge().toString(),
                    config.maxConnections(), config.maxConnectionsPerClient());
        }
        Responses.json(exchange, 200, new Info(VERSION, server, new WebJson(web.basicAuth(), web.loopbackOnly(),
                waiting.getAsInt(), eventStreams.getAsInt())));
    }

    private static EndpointJson endpoint(ProtocolName protocol, Endpoint endpoint) {
        return new EndpointJson(protocol.id(), endpoint.host(), endpoint.port(),
                protocol.implicitTls() ? "implicit" : "starttls");
    }

    static String version() {
        return VERSION;
    }

}
