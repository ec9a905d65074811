package dev.fakemail.junit;

import dev.fakemail.junit.internal.ServerLifecycle;
import dev.fakemail.junit.internal.ServerParameters;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link FakeMailTest} and {@link MailServer}: starts, resets and stops servers
 * and injects them. It keeps no state of its own: every server lives in the store of the extension context it
 * belongs to (a test class or a test method), so JUnit stops it when that context ends, and tests can run in
 * parallel and in {@code @Nested} classes. When a test fails, a summary of the mail each of its servers
 * captured is published as a report entry.
 */
public final class FakeMailExtension implements BeforeAllCallback, BeforeEachCallback, AfterTestExecutionCallback,
        AfterEachCallback, ParameterResolver {
    private final ServerLifecycle lifecycle = new ServerLifecycle();
    private final ServerParameters parameters = new ServerParameters(lifecycle);

    @Override
    public void beforeAll(ExtensionContext context) {
        lifecycle.beforeAll(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        lifecycle.beforeEach(context);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        lifecycle.afterTestExecution(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        lifecycle.afterEach(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameters.supports(parameter);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameters.resolve(parameter, context);
    }
}
