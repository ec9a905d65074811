package dev.fakemail.testing;

import dev.fakemail.FakeMailServer;
import dev.fakemail.FakeMailServerBuilder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Base of a test class whose tests each start a server of their own settings; {@link ClosesServers} closes it. */
@ExtendWith(ClosesServers.class)
public abstract class ServerPerTest {
    /** The server the running test started, or null. */
    protected FakeMailServer server;

    /** Builds and starts this test's server. */
    protected FakeMailServer start(FakeMailServerBuilder builder) {
        server = builder.build().start();
        return server;
    }

    /** Builds and starts this test's server and delivers the messages to the recipient, oldest first. */
    protected FakeMailServer startWithMail(FakeMailServerBuilder builder, String recipient, String... messages) {
        start(builder);
        for (String message : messages) {
            Stores.deliver(server, recipient, message);
        }
        return server;
    }
}
