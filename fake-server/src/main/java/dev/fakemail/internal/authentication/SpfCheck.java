package dev.fakemail.internal.authentication;

import dev.fakemail.authentication.AuthResult;
import dev.fakemail.authentication.SpfResult;
import java.util.List;
import java.util.Locale;
import org.apache.james.jspf.core.DNSLookupContinuation;
import org.apache.james.jspf.core.SPF1Utils;
import org.apache.james.jspf.core.SPFChecker;
import org.apache.james.jspf.core.SPFCheckerExceptionCatcher;
import org.apache.james.jspf.core.SPFSession;
import org.apache.james.jspf.core.exceptions.SPFErrorConstants;
import org.apache.james.jspf.core.exceptions.SPFResultException;
import org.apache.james.jspf.executor.FutureSPFResult;
import org.apache.james.jspf.executor.SPFResult;
import org.apache.james.jspf.executor.SynchronousSPFExecutor;
import org.apache.james.jspf.impl.DefaultTermsFactory;
import org.apache.james.jspf.impl.SPF;
import org.apache.james.jspf.core.DNSServiceEnabled;
import org.apache.james.jspf.core.MacroExpand;
import org.apache.james.jspf.core.MacroExpandEnabled;
import org.apache.james.jspf.core.SPFCheckEnabled;
import org.apache.james.jspf.parser.RFC4408SPF1Parser;
import org.apache.james.jspf.wiring.WiringServiceTable;

/**
 * SPF (RFC 7208) by Apache jSPF, asking the fake zone. jSPF is wired by hand with its synchronous executor:
 * its default asynchronous one waits on a future that a DNS error inside a continuation may never complete.
 */
final class SpfCheck {
    private final ZoneDnsService dns;
    private final SynchronousSPFExecutor executor;
    /** One for all checks: building jSPF's parser compiles its large record pattern, too slow per message. */
    private final SPF spf;

    SpfCheck(ZoneLookup zone, String localName) {
        this.dns = new ZoneDnsService(zone, localName);
        this.executor = new SynchronousSPFExecutor(dns);
        this.spf = newSpf(dns, executor);
    }

    /** SPF of the MAIL FROM identity; for a null sender, of postmaster@HELO (RFC 7208 2.4). */
    SpfResult mailFrom(String clientIp, String mailFrom, String helo) {
        String identity = mailFrom.isEmpty() ? "postmaster@" + helo : mailFrom;
        String domain = identity.substring(identity.lastIndexOf('@') + 1);
        return check("mailfrom", clientIp, mailFrom, helo, domain);
    }

    /** SPF of the HELO identity (RFC 7208 2.3). */
    SpfResult helo(String clientIp, String helo) {
        return check("helo", clientIp, "", helo, helo);
    }

    private SpfResult check(String identity, String clientIp, String mailFrom, String helo, String domain) {
        if (domain.isEmpty() || domain.startsWith("[") || !domain.contains(".")) {
            return new SpfResult(AuthResult.NONE, identity, domain.isEmpty() ? "-" : domain, clientIp, "",
                    "no domain to check: " + (domain.isEmpty() ? "empty" : domain));
        }
        dns.startCheck();
        SPFResult result = run(clientIp, mailFrom, helo);
        AuthResult outcome = AuthResult.fromKeyword(result.getResult());
        List<String> seen = dns.spfRecordsSeen();
        String record = seen.stream().filter(line -> line.startsWith(domain.toLowerCase(Locale.ROOT) + ":")
                || line.startsWith(domain + ":")).map(line -> line.substring(line.indexOf(": ") + 2)).findFirst()
                .orElse("");
        return new SpfResult(outcome, identity, domain, clientIp, record, reason(outcome, result, domain, clientIp,
                seen));
    }

    private static String reason(AuthResult outcome, SPFResult result, String domain, String clientIp,
            List<String> seen) {
        String explanation = result.getExplanation();
        String records = seen.isEmpty() ? "" : "; records: " + String.join(" | ", seen);
        return switch (outcome) {
            case NONE -> "no SPF record at " + domain;
            case PASS -> domain + " designates " + clientIp + " as a permitted sender" + records;
            case FAIL, SOFTFAIL, NEUTRAL -> domain + " does not designate " + clientIp + " as a permitted sender ("
                    + outcome.keyword() + ")" + (explanation == null || explanation.isBlank() ? ""
                            : ": " + explanation) + records;
            case TEMPERROR -> "DNS error while checking " + domain + records;
            case PERMERROR -> "the SPF record of " + domain + " cannot be used (syntax, too many lookups or"
                    + " several records)" + records;
        };
    }

    /**
     * jSPF's {@code SPF.checkSPF(ip, from, helo)} without its result handler, which logs a WARN with a stack trace
     * for every none, temperror and permerror: in an application with a logging backend, a line per captured mail.
     */
    private SPFResult run(String clientIp, String mailFrom, String helo) {
        SPFSession session = new SPFSession(mailFrom, helo, clientIp);
        session.pushChecker(new ResultNamer());
        session.pushChecker(spf);
        FutureSPFResult result = new FutureSPFResult();
        executor.execute(session, result);
        return result;
    }

    /** Names the result at the end, or from the exception that ended the check, as jSPF's own handler does. */
    private static final class ResultNamer implements SPFChecker, SPFCheckerExceptionCatcher {
        @Override
        public DNSLookupContinuation checkSPF(SPFSession session) {
            if (session.getCurrentResultExpanded() == null) {
                String result = session.getCurrentResult() == null ? "" : session.getCurrentResult();
                session.setCurrentResultExpanded(SPF1Utils.resultToName(result));
            }
            return null;
        }

        @Override
        public void onException(Exception exception, SPFSession session) {
            session.setCurrentResultExpanded(exception instanceof SPFResultException result ? result.getResult()
                    : SPFErrorConstants.NEUTRAL_CONV);
        }
    }

    private static SPF newSpf(ZoneDnsService dns, SynchronousSPFExecutor executor) {
        WiringServiceTable wiring = new WiringServiceTable();
        wiring.put(DNSServiceEnabled.class, dns);
        MacroExpand macros = new MacroExpand(dns);
        wiring.put(MacroExpandEnabled.class, macros);
        RFC4408SPF1Parser parser = new RFC4408SPF1Parser(new DefaultTermsFactory(wiring));
        SPF spf = new SPF(dns, parser, macros, executor);
        wiring.put(SPFCheckEnabled.class, spf); // after the parser, as jSPF's own constructor does
        return spf;
    }
}
