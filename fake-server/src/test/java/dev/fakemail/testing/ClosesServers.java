package dev.fakemail.testing;

import dev.fakemail.FakeMailServer;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Closes every {@link FakeMailServer} field of the test instance after each test, so a test class that starts
 * its servers itself needs no {@code @AfterEach} of its own: {@code @ExtendWith(ClosesServers.class)}.
 */
public final class ClosesServers implements AfterEachCallback {
    @Override
    public void afterEach(ExtensionContext context) throws IllegalAccessException {
        Object test = context.getRequiredTestInstance();
        for (Class<?> type = test.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && FakeMailServer.class.isAssignableFrom(field.getType())) {
                    field.setAccessible(true);
                    FakeMailServer server = (FakeMailServer) field.get(test);
                    if (server != null) {
                        server.close();
                    }
                }
            }
        }
    }
}
