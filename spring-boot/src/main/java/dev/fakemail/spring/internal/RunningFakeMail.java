package dev.fakemail.spring.internal;

import dev.fakemail.FakeMailServer;
import dev.fakemail.spring.AutoConfigureFakeMail;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.DisposableBean;

/**
 * The server of one application context, its optional web inbox, and the tests using it right now. Tests of
 * several classes share it through Spring's context cache; each is reset before it, so two running at the same
 * time would wipe each other's mail, which is refused with a message instead.
 */
final class RunningFakeMail implements DisposableBean {
    static final String BEAN_NAME = "dev.fakemail.spring.internal.RunningFakeMail";

    private final FakeMailServer server;
    private final AutoCloseable webInbox;
    private final Map<TestKey, String> runningTests = new LinkedHashMap<>();

    RunningFakeMail(FakeMailServer server, AutoCloseable webInbox) {
        this.server = server;
        this.webInbox = webInbox;
    }

    FakeMailServer server() {
        return server;
    }

    Optional<AutoCloseable> webInbox() {
        return Optional.ofNullable(webInbox);
    }

    /** Before a test method: refuses to share the server with a test still running, then resets it. */
    synchronized void beginTest(Object testInstance, Method testMethod) {
        String name = testInstance.getClass().getSimpleName() + "." + testMethod.getName() + "()";
        if (!runningTests.isEmpty()) {
            String other = runningTests.values().iterator().next();
            throw new IllegalStateException("The fakemail server of @" + AutoConfigureFakeMail.class.getSimpleName()
                    + " belongs to an application context that " + other + " and " + name + " share through Spring's"
                    + " context cache. It is reset before each test, but " + name + " started while " + other
                    + " was still running, so each would wipe the other's mail. Fix: keep these tests from running"
                    + " at the same time (@ResourceLock(\"fakemail\") on their classes), or give their classes"
                    + " different configurations so each context gets its own server.");
        }
        runningTests.put(new TestKey(testInstance, testMethod), name);
        server.reset();
    }

    synchronized void endTest(Object testInstance, Method testMethod) {
        runningTests.remove(new TestKey(testInstance, testMethod));
    }

    /** With the context: the web inbox first (it reads the server), then the server. */
    @Override
    public void destroy() {
        try {
            if (webInbox != null) {
                webInbox.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("the fakemail web inbox did not stop: " + e, e);
        } finally {
            server.stop();
        }
    }

    /** A test method run: the instance's identity tells concurrent runs of one method apart. */
    private record TestKey(Object instance, Method method) {
        @Override
        public boolean equals(Object other) {
            return other instanceof TestKey key && key.instance == instance && key.method.equals(method);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(instance) * 31 + method.hashCode();
        }
    }
}
