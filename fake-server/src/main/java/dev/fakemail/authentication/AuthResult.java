package dev.fakemail.authentication;

import java.util.Locale;

/** The result of one check, named as in Authentication-Results (RFC 8601): SPF, DKIM and DMARC share them. */
public enum AuthResult {
    /** The check succeeded. */
    PASS,
    /** The check failed: the record or signature says this mail is not authorized or not intact. */
    FAIL,
    /** SPF only: not authorized, but the domain asks receivers to be lenient ({@code ~all}). */
    SOFTFAIL,
    /** SPF only: the domain makes no assertion about this client ({@code ?all}). */
    NEUTRAL,
    /** Nothing to check: no record, no signature, no sender domain. */
    NONE,
    /** A transient DNS error (SERVFAIL, no answer): the check could not complete. */
    TEMPERROR,
    /** A permanent error: a record or signature is malformed, a key is missing, a limit was exceeded. */
    PERMERROR;

    /** The lower-case name used in Authentication-Results and in the JSON API ({@code pass}, {@code temperror}). */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The result for a keyword such as {@code softfail}; case does not matter. */
    public static AuthResult fromKeyword(String keyword) {
        try {
            return valueOf(keyword.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an authentication result: " + keyword
                    + " (pass, fail, softfail, neutral, none, temperror or permerror)", e);
        }
    }
}
