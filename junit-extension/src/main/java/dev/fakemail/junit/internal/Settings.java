package dev.fakemail.junit.internal;

import dev.fakemail.junit.FakeMailTest;
import dev.fakemail.junit.FakeMailTest.Lifecycle;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The {@link FakeMailTest} that applies to a context: the nearest one on the method, its class or an enclosing
 * class of a {@code @Nested} test, with the context that carries it.
 *
 * @param owner the context whose element carries the annotation; empty when the extension came in only through
 *     a {@code @MailServer} field or {@code @ExtendWith} (then the defaults apply)
 */
record Settings(Lifecycle lifecycle, boolean webInbox, Optional<ExtensionContext> owner) {
    static Settings of(ExtensionContext context) {
        for (ExtensionContext current = context; current.getParent().isPresent();
                current = current.getParent().get()) {
            Optional<FakeMailTest> found = AnnotationSupport.findAnnotation(current.getElement(), FakeMailTest.class);
            if (found.isPresent()) {
                if (found.get().lifecycle() == Lifecycle.PER_CLASS && current.getTestMethod().isPresent()) {
                    throw new ExtensionConfigurationException(Misuse.perClassOnMethod(current));
                }
                return new Settings(found.get().lifecycle(), found.get().webInbox(), Optional.of(current));
            }
        }
        return new Settings(Lifecycle.PER_METHOD, false, Optional.empty());
    }

    /** Whether this class context is the one whose annotation asks for a server per class. */
    boolean wantsClassServerIn(ExtensionContext classContext) {
        return lifecycle == Lifecycle.PER_CLASS && owner.filter(context -> context == classContext).isPresent();
    }
}
