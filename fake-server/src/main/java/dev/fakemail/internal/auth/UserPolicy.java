package dev.fakemail.internal.auth;

import java.util.Map;
import java.util.Optional;

/**
 * Who may log in. By default anyone with any password (a fake server should never be the reason a test
 * cannot log in); with fixed users, only those users with their exact passwords.
 */
public final class UserPolicy {
    private final Map<String, String> passwords;

    private UserPolicy(Map<String, String> passwords) {
        this.passwords = passwords;
    }

    /** Any user name with any password is accepted. */
    public static UserPolicy anyone() {
        return new UserPolicy(null);
    }

    /** Only these users, each with exactly this password. */
    public static UserPolicy fixed(Map<String, String> passwordsByUser) {
        return new UserPolicy(Map.copyOf(passwordsByUser));
    }

    public boolean hasFixedUsers() {
        return passwords != null;
    }

    /** Fixed users and their passwords; empty when anyone may log in. */
    public Map<String, String> users() {
        return passwords == null ? Map.of() : passwords;
    }

    public boolean accepts(String user, String password) {
        if (user == null || user.isEmpty()) {
            return false;
        }
        if (passwords == null) {
            return true;
        }
        String expected = passwords.get(withoutInbox(user));
        return expected != null && expected.equals(password);
    }

    /**
     * The user's cleartext password, needed by challenge-response mechanisms (CRAM-MD5, APOP). Empty when the
     * user is unknown or when anyone may log in; callers then accept any proof for a non-empty user name.
     */
    public Optional<String> passwordOf(String user) {
        return passwords == null ? Optional.empty() : Optional.ofNullable(passwords.get(withoutInbox(user)));
    }

    /** Whether the user name exists (always true for a non-empty name when anyone may log in). */
    public boolean knows(String user) {
        return user != null && !user.isEmpty() && (passwords == null || passwords.containsKey(withoutInbox(user)));
    }

    /**
     * A POP3 or IMAP login may name an isolated inbox first ({@code job-42/bob@example.test}): the password
     * belongs to the user after the slash (see SessionInbox.mailboxLogin).
     */
    private static String withoutInbox(String user) {
        int slash = user.indexOf('/');
        return slash > 0 && slash < user.length() - 1 ? user.substring(slash + 1) : user;
    }
}
