package dev.fakemail.junit.internal;

import dev.fakemail.FakeMailServer;
import java.lang.reflect.Field;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * When servers start, reset and stop. Static {@code @MailServer} fields and a per-class server start before the
 * class's tests; instance fields before each test; a per-test server when a test first asks for one. Each is
 * held by its context's store and stopped when that context ends. Servers shared by a class are reset before
 * each test. JUnit registers the declared extension once however often it is declared, but an instance
 * registered with {@code @RegisterExtension} may run beside it, so each step is idempotent.
 */
public final class ServerLifecycle {
    private final WebInboxLauncher webInbox = new WebInboxLauncher(WebInboxLauncher.WEB_INBOX_CLASS);

    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        ContextServers here = ContextServers.of(context);
        for (Field field : ManagedFields.staticFields(testClass)) {
            startField(context, here, field, null);
        }
        Settings settings = Settings.of(context);
        if (settings.wantsClassServerIn(context) && !ManagedFields.any(testClass) && here.servers().isEmpty()) {
            here.add(start(context, FakeMailServer.builder().build(),
                    "the per-class server of " + ManagedFields.className(testClass), null));
        }
    }

    public void beforeEach(ExtensionContext context) {
        Settings.of(context); // rejects lifecycle = PER_CLASS on a method before anything starts
        ContextServers here = ContextServers.of(context);
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Field field : ManagedFields.instanceFields(instance.getClass())) {
                startField(context, here, field, instance);
            }
        }
        for (ManagedServer shared : classServers(context)) {
            shared.claimFor(context.getUniqueId(), testName(context));
            shared.server().reset();
        }
    }

    /** Publishes what each server captured when the test failed, so the report shows it next to the failure. */
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isEmpty() || !ContextServers.of(context).firstReport()) {
            return;
        }
        for (ManagedServer managed : ContextServers.inScope(context)) {
            if (managed.server().isRunning()) {
                context.publishReportEntry("fakemail",
                        ArrivalReport.summary(managed.name(), ServerSnapshot.of(managed.server())));
            }
        }
    }

    public void afterEach(ExtensionContext context) {
        for (ManagedServer shared : classServers(context)) {
            shared.releaseFrom(context.getUniqueId());
        }
    }

    /** A fresh server for the test of this method context, the first time the test asks for one. */
    ManagedServer perTestServer(ExtensionContext context) {
        ContextServers here = ContextServers.of(context);
        synchronized (here) {
            for (ManagedServer managed : here.servers()) {
                if (!managed.isField()) {
                    return managed;
                }
            }
            ManagedServer managed = start(context, FakeMailServer.builder().build(),
                    "the server of test " + testName(context), null);
            here.add(managed);
            return managed;
        }
    }

    private void startField(ExtensionContext context, ContextServers here, Field field, Object instance) {
        synchronized (here) {
            if (here.servers().stream().noneMatch(managed -> managed.holds(field, instance))) {
                FakeMailServer server = ManagedFields.read(field, instance);
                here.add(start(context, server, ManagedFields.describe(field),
                        new ManagedServer.FieldValue(field, instance)));
            }
        }
    }

    private ManagedServer start(ExtensionContext context, FakeMailServer server, String name,
            ManagedServer.FieldValue source) {
        ServerOwners owners = ServerOwners.of(context);
        owners.acquire(server, name);
        try {
            if (server.isRunning()) {
                throw new ExtensionConfigurationException(Misuse.alreadyRunning(name));
            }
            server.start();
        } catch (RuntimeException e) {
            owners.release(server);
            if (e instanceof ExtensionConfigurationException) {
                throw e;
            }
            throw new ExtensionConfigurationException(name + " did not start: " + e.getMessage(), e);
        }
        AutoCloseable inbox = null;
        if (Settings.of(context).webInbox()) {
            try {
                WebInboxLauncher.Started started = webInbox.start(server);
                inbox = started.inbox();
                System.out.println("fakemail web inbox for " + name + ": " + started.url());
                context.publishReportEntry("fakemail.webInbox", started.url());
            } catch (RuntimeException e) {
                server.close();
                owners.release(server);
                throw e;
            }
        }
        return new ManagedServer(server, name, source, owners, inbox);
    }

    /** Servers of the enclosing class contexts: shared by several tests, so reset before each. */
    private static List<ManagedServer> classServers(ExtensionContext context) {
        return ContextServers.inScope(context.getParent().orElseThrow());
    }

    private static String testName(ExtensionContext context) {
        return context.getTestMethod().map(method -> ManagedFields.className(context.getRequiredTestClass()) + "."
                + method.getName() + "()").orElse(context.getDisplayName());
    }
}
