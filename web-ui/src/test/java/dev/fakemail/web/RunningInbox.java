package dev.fakemail.web;

import dev.fakemail.FakeMailServer;
import dev.fakemail.FakeMailServerBuilder;
import dev.fakemail.store.Envelope;
import dev.fakemail.store.EnvelopeRecipient;
import dev.fakemail.store.MailQuery;
import dev.fakemail.store.ReceivedMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A mail server on loopback port 0 with a web inbox over it, fresh for each test:
 * {@code @RegisterExtension final RunningInbox inbox = new RunningInbox();}.
 */
final class RunningInbox implements BeforeEachCallback, AfterEachCallback {
    /** How long a test waits for mail to arrive or for an event of the inbox: generous for a loaded machine. */
    static final Duration WAIT = Duration.ofSeconds(10);

    private final UnaryOperator<FakeMailServerBuilder> server;
    private FakeMailServer mail;
    private WebInbox web;
    private Http http;

    RunningInbox() {
        this(UnaryOperator.identity());
    }

    RunningInbox(UnaryOperator<FakeMailServerBuilder> server) {
        this.server = server;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        mail = server.apply(FakeMailServer.builder()).build().start();
        startWeb(WebInbox.builder(mail));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stopWeb();
        mail.close();
    }

    FakeMailServer mail() {
        return mail;
    }

    WebInbox web() {
        return web;
    }

    Http http() {
        return http;
    }

    /** Replaces the inbox by one with other options (basic auth, host names ...). */
    void restartWeb(UnaryOperator<WebInbox.Builder> options) {
        stopWeb();
        startWeb(options.apply(WebInbox.builder(mail)));
    }

    /** Stops the inbox (a test of shutdown); a later {@link #restartWeb} or the end of the test is fine. */
    void stopWeb() {
        if (web != null) {
            web.close();
            web = null;
        }
    }

    /** Sends over real SMTP and returns the id the message got. */
    long send(TestMail message) {
        int before = mail.messages().size();
        message.sendTo(mail);
        return mail.await(MailQuery.all(), before + 1, WAIT).get(before).id();
    }

    /** Stores a message as if received over SMTP, bytes exactly as given. */
    ReceivedMessage deliver(String from, List<String> to, String data) {
        return deliver(mail, from, to, data);
    }

    static ReceivedMessage deliver(FakeMailServer mail, String from, List<String> to, String data) {
        Envelope envelope = new Envelope(from, Map.of(),
                to.stream().map(address -> new EnvelopeRecipient(address, Map.of())).toList(), "client.example.test",
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000), null, null, "ESMTP");
        return mail.repository().deliver(envelope, data.getBytes(StandardCharsets.UTF_8));
    }

    private void startWeb(WebInbox.Builder builder) {
        web = builder.start();
        http = new Http(web);
    }
}
