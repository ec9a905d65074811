package dev.fakemail.internal.imap;

import dev.fakemail.internal.auth.UserPolicy;

/**
 * What an IMAP session needs of the server's configuration.
 *
 * @param maxLiteral largest literal (and APPEND message) accepted, in octets; also advertised as APPENDLIMIT
 * @param maxErrors bad commands in a row after which the server says BYE
 * @param quotas each user's quota limits (shared by all sessions of the server)
 * @param rev2 IMAP4rev2 (RFC 9051) is advertised beside IMAP4rev1 and can be switched on by ENABLE IMAP4rev2
 */
public record ImapSettings(String hostname, UserPolicy users, boolean requireTls, long maxLiteral, int maxErrors,
        java.time.Clock clock, Quotas quotas, boolean rev2) {
    /** With IMAP4rev2 advertised. */
    public ImapSettings(String hostname, UserPolicy users, boolean requireTls, long maxLiteral, int maxErrors,
            java.time.Clock clock, Quotas quotas) {
        this(hostname, users, requireTls, maxLiteral, maxErrors, clock, quotas, true);
    }

    /** Without quotas. */
    public ImapSettings(String hostname, UserPolicy users, boolean requireTls, long maxLiteral, int maxErrors,
            java.time.Clock clock) {
        this(hostname, users, requireTls, maxLiteral, maxErrors, clock, Quotas.unlimited());
    }

    /** Longest command line, CR LF included (literals are counted apart). */
    public static final int MAX_LINE_LENGTH = 64 * 1024;
    /** Deepest nesting of parentheses in SEARCH. */
    static final int MAX_SEARCH_DEPTH = 64;
}
