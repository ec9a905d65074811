package dev.fakemail.junit.internal;

import dev.fakemail.MailControl;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Starts the web inbox through reflection: it lives in the optional fakemail-web module, which the JUnit
 * module must not depend on (every dependency here lands on every user's test class path).
 */
final class WebInboxLauncher {
    static final String WEB_INBOX_CLASS = "dev.fakemail.web.WebInbox";

    private final String className;

    WebInboxLauncher(String className) {
        this.className = className;
    }

    /** A started inbox for the control; close it to stop it. */
    Started start(MailControl control) {
        Class<?> inboxClass;
        try {
            inboxClass = Class.forName(className, true, WebInboxLauncher.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ExtensionConfigurationException(Misuse.webInboxMissing(), e);
        }
        try {
            Method start = inboxClass.getMethod("start", MailControl.class);
            AutoCloseable inbox = (AutoCloseable) start.invoke(null, control);
            Object uri = inboxClass.getMethod("uri").invoke(inbox);
            return new Started(inbox, String.valueOf(uri));
        } catch (InvocationTargetException e) {
            throw new ExtensionConfigurationException("the web inbox did not start: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new ExtensionConfigurationException("this fakemail-web does not fit this fakemail-junit (expected "
                    + className + ".start(MailControl) and uri()); use the same version of both", e);
        }
    }

    record Started(AutoCloseable inbox, String url) {
    }
}
