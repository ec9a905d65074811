package dev.fakemail.internal.session;

import dev.fakemail.internal.net.ConnectionThreads;
import java.util.concurrent.ExecutorService;

/**
 * The threads that write pushed output (IMAP IDLE updates) while a session's own thread is blocked reading:
 * virtual threads where the JDK has them, else a cached pool of daemon threads that go after 10 s idle.
 */
final class Pushers {
    static final ExecutorService EXECUTOR = ConnectionThreads.newExecutor("fakemail-push");

    private Pushers() {
    }
}
