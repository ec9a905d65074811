package dev.fakemail.internal.store;

import dev.fakemail.store.MailStore;
import java.util.Locale;

/** Mailbox name rules: {@code /} separates levels; INBOX (alone or as the first level) in any case is INBOX. */
final class MailboxNames {
    static final char DELIMITER = '/';

    private MailboxNames() {
    }

    /** The name with its INBOX level in upper case, so "inbox/x" and "INBOX/x" are one mailbox. */
    static String canonical(String name) {
        if (name.equalsIgnoreCase(MailStore.INBOX)) {
            return MailStore.INBOX;
        }
        if (name.length() > 6 && name.substring(0, 6).equalsIgnoreCase(MailStore.INBOX + DELIMITER)) {
            return MailStore.INBOX + name.substring(5);
        }
        return name;
    }

    static String validated(String name) {
        String canonical = canonical(name);
        // Control characters (a CR from an IMAP literal) could not be shown in a LIST reply or a transcript line.
        if (canonical.isEmpty() || canonical.charAt(0) == DELIMITER || canonical.charAt(canonical.length() - 1) == DELIMITER
                || canonical.contains("//") || canonical.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new MailboxException(MailboxException.Reason.INVALID_NAME, "invalid mailbox name '" + name + "'");
        }
        return canonical;
    }

    /** The parent's name, or null at the top level. */
    static String parent(String name) {
        int last = name.lastIndexOf(DELIMITER);
        return last < 0 ? null : name.substring(0, last);
    }

    static boolean isInferior(String candidate, String of) {
        return candidate.length() > of.length() + 1 && candidate.startsWith(of) && candidate.charAt(of.length()) == DELIMITER;
    }

    /** Users are addresses, compared case-insensitively. */
    static String user(String user) {
        return user.toLowerCase(Locale.ROOT);
    }
}
