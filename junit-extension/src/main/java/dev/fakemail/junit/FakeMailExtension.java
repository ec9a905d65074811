package dev.fakemail.junit;

import dev.fakemail.FakeMailServer;
import dev.fakemail.MailControl;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one server per test method, lazily, when a test asks for it, and keeps it in the test's extension
 * store so JUnit closes it, also under parallel execution. No state lives outside that store.
 */
public final class FakeMailExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(FakeMailExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == FakeMailServer.class || type == MailControl.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(RunningServer.class, key -> new RunningServer(), RunningServer.class)
                .server;
    }

    /** Adapts the server to JUnit's closeable resource, so the store stops it after the test. */
    private static final class RunningServer implements ExtensionContext.Store.CloseableResource {
        private final FakeMailServer server = FakeMailServer.builder().build().start();

        @Override
        public void close() {
            server.close();
        }
    }
}
