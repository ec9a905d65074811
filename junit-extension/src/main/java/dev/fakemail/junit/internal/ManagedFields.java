package dev.fakemail.junit.internal;

import dev.fakemail.FakeMailServer;
import dev.fakemail.junit.MailServer;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/** Finds {@link MailServer} fields and reads them, failing with the fix when a field is misused. */
final class ManagedFields {
    private ManagedFields() {
    }

    static List<Field> staticFields(Class<?> testClass) {
        return find(testClass, true);
    }

    static List<Field> instanceFields(Class<?> testClass) {
        return find(testClass, false);
    }

    static boolean any(Class<?> testClass) {
        return !staticFields(testClass).isEmpty() || !instanceFields(testClass).isEmpty();
    }

    /** The server in the field; {@code instance} is null for a static field. */
    static FakeMailServer read(Field field, Object instance) {
        if (field.getType() != FakeMailServer.class) {
            throw new ExtensionConfigurationException(Misuse.wrongType(field));
        }
        Object value = ReflectionSupport.tryToReadFieldValue(field, instance)
                .getOrThrow(e -> new ExtensionConfigurationException("cannot read " + describe(field), e));
        if (value == null) {
            throw new ExtensionConfigurationException(Misuse.nullField(field));
        }
        return (FakeMailServer) value;
    }

    /** "@MailServer static field 'mail' in PasswordResetTest.Nested" */
    static String describe(Field field) {
        return "@MailServer " + (Modifier.isStatic(field.getModifiers()) ? "static " : "") + "field '"
                + field.getName() + "' in " + className(field.getDeclaringClass());
    }

    /** The class name without its package, nested classes joined by dots. */
    static String className(Class<?> type) {
        String name = type.getName();
        return name.substring(name.lastIndexOf('.') + 1).replace('$', '.');
    }

    private static List<Field> find(Class<?> testClass, boolean statics) {
        return ReflectionSupport.findFields(testClass,
                field -> AnnotationSupport.isAnnotated(field, MailServer.class)
                        && Modifier.isStatic(field.getModifiers()) == statics,
                HierarchyTraversalMode.TOP_DOWN);
    }
}
