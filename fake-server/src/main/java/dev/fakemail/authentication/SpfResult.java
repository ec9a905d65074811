package dev.fakemail.authentication;

/**
 * The SPF check (RFC 7208) of one identity of a captured message.
 *
 * @param result   pass, fail, softfail, neutral, none, temperror or permerror
 * @param identity {@code mailfrom} (the MAIL FROM address, or postmaster@HELO for a null sender) or {@code helo}
 * @param domain   the domain whose SPF record was asked ({@code -} when there is none)
 * @param clientIp the SMTP client's address the record was checked for
 * @param record   the SPF record found at the domain, or the empty string
 * @param reason   why: the matching mechanism, the missing record, the DNS error
 */
public record SpfResult(AuthResult result, String identity, String domain, String clientIp, String record,
        String reason) {
}
