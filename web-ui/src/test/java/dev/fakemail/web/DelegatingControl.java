package dev.fakemail.web;

import dev.fakemail.MailControl;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * A {@link MailControl} that is not a FakeMailServer, as another front door could hand one over. A proxy, so
 * it follows the interface as the core grows.
 */
final class DelegatingControl {
    private DelegatingControl() {
    }

    static MailControl of(MailControl delegate) {
        return (MailControl) Proxy.newProxyInstance(MailControl.class.getClassLoader(),
                new Class<?>[] {MailControl.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
