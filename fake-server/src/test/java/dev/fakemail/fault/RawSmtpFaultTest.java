package dev.fakemail.fault;

import static dev.fakemail.fault.SmtpFaultSupport.builder;

import dev.fakemail.FakeMailServer;
import dev.fakemail.FakeMailServerBuilder;
import dev.fakemail.fault.SmtpFaultSupport.Client;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The fixture of the raw SMTP fault tests: the servers a test starts and the clients it opens, all closed after
 * each test (the clients first), so no test class repeats its own start and clean-up code.
 */
abstract class RawSmtpFaultTest {
    /** The server the test started last. */
    protected FakeMailServer server;
    /** Every client opened through {@link #connect()} or {@link #track}, in order. */
    protected final List<Client> clients = new ArrayList<>();
    private final List<FakeMailServer> servers = new ArrayList<>();

    protected FakeMailServer start(FakeMailServerBuilder builder) {
        server = builder.build().start();
        servers.add(server);
        return server;
    }

    /** A server named mx.test with the default settings. */
    protected FakeMailServer start() {
        return start(builder());
    }

    /** A plain connection to {@link #server}; nothing read yet. */
    protected Client connect() throws IOException {
        return connect(server);
    }

    protected Client connect(FakeMailServer target) throws IOException {
        return track(Client.connect(target));
    }

    /** Closes the client with the fixture. */
    protected Client track(Client client) {
        clients.add(client);
        return client;
    }

    @AfterEach
    void closeClientsAndServers() throws IOException {
        for (Client client : clients) {
            client.close();
        }
        servers.forEach(FakeMailServer::close);
    }
}
