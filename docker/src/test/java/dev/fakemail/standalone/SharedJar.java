package dev.fakemail.standalone;

import dev.fakemail.client.FakeMailClient;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The packaged jar with SMTP and the web inbox ({@link SmtpAndInbox}), started once for a test class with a
 * {@link FakeMailClient} connected to it, and stopped after the class:
 * {@code @RegisterExtension static final SharedJar jar = new SharedJar();}.
 */
final class SharedJar implements BeforeAllCallback, AfterAllCallback {
    private SmtpAndInbox fakemail;
    private FakeMailClient client;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        fakemail = SmtpAndInbox.start(Map.of());
        client = FakeMailClient.connect(fakemail.inboxUrl());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (fakemail != null) {
            fakemail.close();
        }
    }

    FakeMailClient client() {
        return client;
    }

    int smtpPort() {
        return fakemail.smtpPort();
    }

    String inboxUrl() {
        return fakemail.inboxUrl();
    }
}
