package dev.fakemail.internal.pop3;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exclusive maildrop locks of RFC 1939 §8: one POP3 session per maildrop at a time. One per server. A
 * lock remembers its session, so a session that ends late can never release a lock another one holds.
 */
public final class MaildropLocks {
    private final Map<String, Pop3Session> holders = new ConcurrentHashMap<>();

    /** Takes the lock for the session; false if another session holds it. */
    boolean tryLock(String user, Pop3Session session) {
        return holders.putIfAbsent(key(user), session) == null;
    }

    void unlock(String user, Pop3Session session) {
        holders.remove(key(user), session);
    }

    /** Releases every lock: the server stopped and closed all sessions. */
    public void clear() {
        holders.clear();
    }

    private static String key(String user) {
        return user.toLowerCase(Locale.ROOT);
    }
}
