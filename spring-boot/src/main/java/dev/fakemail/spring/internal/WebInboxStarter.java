package dev.fakemail.spring.internal;

import dev.fakemail.FakeMailServer;
import dev.fakemail.web.WebInbox;
import org.springframework.util.ClassUtils;

/**
 * Starts the web inbox of {@code webInbox = true}. fakemail-web is an optional dependency, so its classes are
 * touched only after checking that they are there.
 */
final class WebInboxStarter {
    private static final String WEB_INBOX_CLASS = "dev.fakemail.web.WebInbox";

    private WebInboxStarter() {
    }

    static AutoCloseable start(FakeMailServer server) {
        return start(server, WEB_INBOX_CLASS);
    }

    /** With the class to look for, so a test can ask for one that is missing. */
    static AutoCloseable start(FakeMailServer server, String webInboxClass) {
        if (!ClassUtils.isPresent(webInboxClass, WebInboxStarter.class.getClassLoader())) {
            throw new IllegalStateException("@AutoConfigureFakeMail(webInbox = true) needs the web inbox on the test"
                    + " class path. Fix: add the test dependency dev.fakemail:fakemail-web, or remove webInbox = true.");
        }
        return Present.start(server);
    }

    /** Loaded only when fakemail-web is on the class path. */
    private static final class Present {
        static AutoCloseable start(FakeMailServer server) {
            WebInbox inbox = WebInbox.start(server);
            System.out.println("fakemail web inbox for the server on " + server.endpoints() + ": " + inbox.uri());
            return inbox;
        }
    }
}
