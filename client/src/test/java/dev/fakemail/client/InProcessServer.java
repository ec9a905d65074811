package dev.fakemail.client;

import dev.fakemail.FakeMailServer;
import dev.fakemail.web.WebInbox;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A server on loopback port 0 with its web inbox, and a client connected to that inbox, fresh for each test:
 * {@code @RegisterExtension final InProcessServer running = new InProcessServer();}.
 */
final class InProcessServer implements BeforeEachCallback, AfterEachCallback {
    private FakeMailServer server;
    private WebInbox web;
    private FakeMailClient client;

    @Override
    public void beforeEach(ExtensionContext context) {
        server = FakeMailServer.builder().build().start();
        web = WebInbox.start(server);
        client = FakeMailClient.connect(web.uri());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        web.close();
        server.close();
    }

    FakeMailServer server() {
        return server;
    }

    FakeMailClient client() {
        return client;
    }
}
