package dev.fakemail.authentication;

/**
 * The DMARC evaluation (RFC 7489) of a captured message: does an SPF or DKIM pass align with the From domain?
 *
 * @param result     pass (an aligned SPF or DKIM pass), fail (none aligned), none (no DMARC record or no From
 *                   domain), temperror (DNS error) or permerror (a malformed record, several From domains)
 * @param fromDomain the RFC 5322 From domain, or the empty string
 * @param policy     what the domain asks receivers to do with a failing message: {@code none}, {@code quarantine}
 *                   or {@code reject} ({@code sp=} for a subdomain), or the empty string without a record
 * @param record     the DMARC record found, or the empty string
 * @param reason     why: which identifier aligned, or why none did
 */
public record DmarcResult(AuthResult result, String fromDomain, String policy, String record, String reason) {
}
