package dev.fakemail.spring.internal;

import dev.fakemail.spring.AutoConfigureFakeMail;
import java.util.List;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Registered in META-INF/spring.factories: Spring asks it for every test class. For a class with
 * {@link AutoConfigureFakeMail} (also inherited, or on an enclosing class of a {@code @Nested} test) it returns a
 * customizer whose settings become part of the context cache key.
 */
public final class FakeMailContextCustomizerFactory implements ContextCustomizerFactory {
    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        AutoConfigureFakeMail annotation =
                TestContextAnnotationUtils.findMergedAnnotation(testClass, AutoConfigureFakeMail.class);
        if (annotation == null) {
            return null;
        }
        return new FakeMailContextCustomizer(List.of(annotation.customizers()), annotation.webInbox());
    }
}
