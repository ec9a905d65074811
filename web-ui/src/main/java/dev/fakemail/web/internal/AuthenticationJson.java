package dev.fakemail.web.internal;

import dev.fakemail.authentication.AuthenticationResults;
import dev.fakemail.authentication.DkimResult;
import dev.fakemail.authentication.DmarcResult;
import dev.fakemail.authentication.SpfResult;
import java.util.List;

/**
 * The {@code authentication} of a message's JSON: what the server's checks against its fake zone found, with
 * results as Authentication-Results keywords ({@code pass}, {@code softfail}, {@code temperror}) and each
 * check's reason; {@code header} is the whole as an Authentication-Results value (RFC 8601).
 */
record AuthenticationJson(String spf, String dkim, String dmarc, Spf mailFrom, Spf helo, List<Dkim> signatures,
        Dmarc policy, String header) {

    record Spf(String result, String identity, String domain, String clientIp, String record, String reason) {
        static Spf of(SpfResult spf) {
            return new Spf(spf.result().keyword(), spf.identity(), spf.domain(), spf.clientIp(), spf.record(),
                    spf.reason());
        }
    }

    record Dkim(String result, String domain, String selector, String algorithm, String signedFields,
            String reason) {
        static Dkim of(DkimResult dkim) {
            return new Dkim(dkim.result().keyword(), dkim.domain(), dkim.selector(), dkim.algorithm(),
                    dkim.signedFields(), dkim.reason());
        }
    }

    record Dmarc(String result, String fromDomain, String policy, String record, String reason) {
        static Dmarc of(DmarcResult dmarc) {
            return new Dmarc(dmarc.result().keyword(), dmarc.fromDomain(), dmarc.policy(), dmarc.record(),
                    dmarc.reason());
        }
    }

    /** Null for a message that was not checked (the server has no zone). */
    static AuthenticationJson of(AuthenticationResults results, String authservId) {
        if (results == null) {
            return null;
        }
        return new AuthenticationJson(results.spf().result().keyword(), results.dkimResult().keyword(),
                results.dmarc().result().keyword(), Spf.of(results.spf()), Spf.of(results.helo()),
                results.dkim().stream().map(Dkim::of).toList(), Dmarc.of(results.dmarc()),
                results.headerValue(authservId));
    }
}
