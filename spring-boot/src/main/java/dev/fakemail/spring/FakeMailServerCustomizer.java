package dev.fakemail.spring;

import dev.fakemail.FakeMailServerBuilder;

/**
 * Configures the server of {@link AutoConfigureFakeMail}, named in its {@code customizers} attribute. The server
 * exists before the application context does, so this is a plain class (with a constructor without parameters),
 * not a bean.
 *
 * <pre>{@code
 * static class SecureMail implements FakeMailServerCustomizer {
 *     public void customize(FakeMailServerBuilder builder) {
 *         builder.user("shop", "secret").requireAuth(true).requireTls(true);
 *     }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface FakeMailServerCustomizer {
    void customize(FakeMailServerBuilder builder);
}
