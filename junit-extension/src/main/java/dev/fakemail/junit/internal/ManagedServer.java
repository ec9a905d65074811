package dev.fakemail.junit.internal;

import dev.fakemail.FakeMailServer;
import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * A server the extension started and will stop: the zero-configuration one or the value of a
 * {@code @MailServer} field, with what it needs to explain itself in messages.
 */
public final class ManagedServer {
    private final FakeMailServer server;
    private final String name;
    /** The {@code @MailServer} field it is the value of, null for the per-class or per-test server. */
    private final FieldValue source;
    private final ServerOwners owners;
    private final AutoCloseable webInbox;
    /** The test using a server shared by a class; two at once would wipe each other's mail with reset. */
    private final AtomicReference<TestClaim> usedBy = new AtomicReference<>();

    ManagedServer(FakeMailServer server, String name, FieldValue source, ServerOwners owners, AutoCloseable webInbox) {
        this.server = server;
        this.name = name;
        this.source = source;
        this.owners = owners;
        this.webInbox = webInbox;
    }

    public FakeMailServer server() {
        return server;
    }

    /** "@MailServer field 'mail' in PasswordResetTest", "the server of test sendsMail()" */
    public String name() {
        return name;
    }

    boolean isField() {
        return source != null;
    }

    boolean holds(Field candidate, Object owner) {
        return source != null && source.field().equals(candidate) && source.instance() == owner;
    }

    /**
     * Marks this class-wide server as used by a test, or fails if another test uses it right now: its reset
     * would wipe the other test's mail.
     */
    void claimFor(String testId, String testName) {
        TestClaim claim = new TestClaim(testId, testName);
        TestClaim current = usedBy.updateAndGet(existing -> existing == null ? claim : existing);
        if (!current.testId().equals(testId)) {
            throw new ExtensionConfigurationException(Misuse.usedConcurrently(name, current.testName(), testName));
        }
    }

    void releaseFrom(String testId) {
        usedBy.updateAndGet(existing -> existing != null && existing.testId().equals(testId) ? null : existing);
    }

    /** Stops the web inbox and the server and lets the server object be managed again. */
    void close() {
        try {
            if (webInbox != null) {
                webInbox.close();
            }
        } catch (Exception e) {
            // the inbox is a debugging aid; the server must stop regardless
        } finally {
            server.close();
            owners.release(server);
        }
    }

    private record TestClaim(String testId, String testName) {
    }

    /** A {@code @MailServer} field and the test instance it was read from (null for a static field). */
    record FieldValue(Field field, Object instance) {
    }
}
