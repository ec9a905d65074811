package dev.fakemail.authentication;

import java.util.List;
import java.util.Optional;

/**
 * What the server found when it checked a captured message against its fake DNS zone: SPF for the MAIL FROM
 * and HELO identities, every DKIM signature, and DMARC. Present only on servers given a zone
 * ({@code FakeMailServer.builder().zone(...)}).
 *
 * @param spf   SPF of the MAIL FROM identity (postmaster@HELO for a null sender)
 * @param helo  SPF of the HELO identity
 * @param dkim  one result per DKIM-Signature field, in message order; empty for an unsigned message
 * @param dmarc DMARC of the From domain
 */
public record AuthenticationResults(SpfResult spf, SpfResult helo, List<DkimResult> dkim, DmarcResult dmarc) {
    public AuthenticationResults {
        dkim = List.copyOf(dkim);
    }

    /** True if a signature of this domain verified. */
    public boolean dkimPassesFor(String signingDomain) {
        return dkim.stream().anyMatch(result -> result.passesFor(signingDomain));
    }

    /** The combined DKIM result: pass if any signature passed, else the first signature's, else none. */
    public AuthResult dkimResult() {
        if (dkim.stream().anyMatch(result -> result.result() == AuthResult.PASS)) {
            return AuthResult.PASS;
        }
        return dkim.isEmpty() ? AuthResult.NONE : dkim.get(0).result();
    }

    /** The first signature of this domain, verified or not. */
    public Optional<DkimResult> dkimFor(String signingDomain) {
        return dkim.stream().filter(result -> result.domain().equalsIgnoreCase(signingDomain)).findFirst();
    }

    /** The authserv-id of {@link #headerValue()}: who did the checks. */
    public static final String AUTHSERV_ID = "fakemail";

    /** As {@link #headerValue(String)} with the authserv-id {@value #AUTHSERV_ID}, as the transcript and API show it. */
    public String headerValue() {
        return headerValue(AUTHSERV_ID);
    }

    /**
     * The results as the value of an Authentication-Results header field (RFC 8601), e.g.
     * {@code fakemail; spf=pass smtp.mailfrom=shop.test; dkim=pass header.d=shop.test header.s=s1;
     * dmarc=pass header.from=shop.test}.
     */
    public String headerValue(String authservId) {
        StringBuilder value = new StringBuilder(authservId);
        value.append("; spf=").append(spf.result().keyword()).append(" smtp.mailfrom=").append(spf.domain());
        value.append("; spf=").append(helo.result().keyword()).append(" smtp.helo=").append(helo.domain());
        if (dkim.isEmpty()) {
            value.append("; dkim=none");
        }
        for (DkimResult result : dkim) {
            value.append("; dkim=").append(result.result().keyword());
            if (result.result() != AuthResult.PASS) {
                value.append(" (").append(comment(result.reason())).append(")");
            }
            value.append(" header.d=").append(result.domain()).append(" header.s=").append(result.selector());
        }
        value.append("; dmarc=").append(dmarc.result().keyword());
        if (!dmarc.policy().isEmpty()) {
            value.append(" (p=").append(dmarc.policy()).append(")");
        }
        value.append(" header.from=").append(dmarc.fromDomain().isEmpty() ? "-" : dmarc.fromDomain());
        return value.toString();
    }

    /** A comment may not hold unbalanced parentheses, nor line breaks. */
    private static String comment(String text) {
        return text.replace('(', '[').replace(')', ']').replaceAll("[\\r\\n]+", " ");
    }
}
