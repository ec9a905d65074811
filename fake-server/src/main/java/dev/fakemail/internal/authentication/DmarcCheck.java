package dev.fakemail.internal.authentication;

import dev.fakemail.authentication.AuthResult;
import dev.fakemail.authentication.DkimResult;
import dev.fakemail.authentication.DmarcResult;
import dev.fakemail.authentication.SpfResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xbill.DNS.Type;

/**
 * DMARC (RFC 7489): finds the policy record of the From domain (or of its organizational domain), and passes
 * the message when an SPF or DKIM pass is aligned with the From domain, strictly or relaxed as the record asks.
 * No maintained Java library does this; it is small enough to keep here.
 *
 * <p>The organizational domain is the From domain's last two labels: fake zones use names such as
 * {@code shop.test}, and the Public Suffix List has nothing to say about them.
 */
final class DmarcCheck {
    private final ZoneLookup zone;

    DmarcCheck(ZoneLookup zone) {
        this.zone = zone;
    }

    DmarcResult evaluate(List<String> fromDomains, SpfResult spf, List<DkimResult> dkim) {
        if (fromDomains.isEmpty()) {
            return new DmarcResult(AuthResult.NONE, "", "", "", "no From address with a domain");
        }
        String from = fromDomains.get(0);
        if (fromDomains.stream().anyMatch(domain -> !domain.equals(from))) {
            return new DmarcResult(AuthResult.PERMERROR, from, "", "",
                    "From names several domains (" + String.join(", ", fromDomains) + "): DMARC cannot pick one");
        }
        String organizational = organizationalDomain(from);
        Found found = find("_dmarc." + from);
        boolean atOrganization = false;
        if (found.outcome == AuthResult.NONE && !organizational.equals(from)) {
            found = find("_dmarc." + organizational);
            atOrganization = true;
        }
        if (found.outcome != AuthResult.PASS) {
            return new DmarcResult(found.outcome, from, "", found.record, found.reason);
        }
        Map<String, String> tags = found.tags;
        String policy = atOrganization && tags.containsKey("sp") ? tags.get("sp") : tags.get("p");
        boolean strictSpf = "s".equals(tags.getOrDefault("aspf", "r"));
        boolean strictDkim = "s".equals(tags.getOrDefault("adkim", "r"));
        for (DkimResult signature : dkim) {
            if (signature.result() == AuthResult.PASS && aligned(signature.domain(), from, strictDkim)) {
                return new DmarcResult(AuthResult.PASS, from, policy, found.record, "DKIM d=" + signature.domain()
                        + " passed and is aligned with From " + from + (strictDkim ? " (strict)" : " (relaxed)"));
            }
        }
        if (spf.result() == AuthResult.PASS && aligned(spf.domain(), from, strictSpf)) {
            return new DmarcResult(AuthResult.PASS, from, policy, found.record, "SPF passed for " + spf.domain()
                    + ", aligned with From " + from + (strictSpf ? " (strict)" : " (relaxed)"));
        }
        return new DmarcResult(AuthResult.FAIL, from, policy, found.record,
                "nothing aligned with From " + from + ": " + spfWhy(spf, from, strictSpf) + "; "
                        + dkimWhy(dkim, from, strictDkim) + "; the domain asks for p=" + policy);
    }

    private static String spfWhy(SpfResult spf, String from, boolean strict) {
        if (spf.result() != AuthResult.PASS) {
            return "SPF " + spf.result().keyword() + " for " + spf.domain();
        }
        return "SPF passed for " + spf.domain() + ", not aligned" + (strict ? " (aspf=s)" : "");
    }

    private static String dkimWhy(List<DkimResult> dkim, String from, boolean strict) {
        if (dkim.isEmpty()) {
            return "no DKIM signature";
        }
        StringBuilder why = new StringBuilder();
        for (DkimResult signature : dkim) {
            why.append(why.length() == 0 ? "" : ", ").append("DKIM d=").append(signature.domain()).append(' ');
            why.append(signature.result() == AuthResult.PASS
                    ? "passed, not aligned" + (strict ? " (adkim=s)" : "")
                    : signature.result().keyword());
        }
        return why.toString();
    }

    static boolean aligned(String domain, String from, boolean strict) {
        String a = domain.toLowerCase(Locale.ROOT);
        String b = from.toLowerCase(Locale.ROOT);
        return strict ? a.equals(b) : organizationalDomain(a).equals(organizationalDomain(b));
    }

    static String organizationalDomain(String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        int last = name.lastIndexOf('.');
        if (last <= 0) {
            return name;
        }
        int before = name.lastIndexOf('.', last - 1);
        return before < 0 ? name : name.substring(before + 1);
    }

    private record Found(AuthResult outcome, Map<String, String> tags, String record, String reason) {
    }

    private Found find(String name) {
        ZoneLookup.Answer answer = zone.query(name, Type.TXT);
        if (answer.failed()) {
            return new Found(AuthResult.TEMPERROR, Map.of(), "", "DNS error: " + answer.error());
        }
        List<String> records = ZoneLookup.texts(answer).stream()
                .filter(text -> text.trim().toUpperCase(Locale.ROOT).startsWith("V=DMARC1")).toList();
        if (records.isEmpty()) {
            return new Found(AuthResult.NONE, Map.of(), "", "no DMARC record at " + name);
        }
        if (records.size() > 1) {
            // RFC 7489 6.6.3: more than one record means none applies
            return new Found(AuthResult.NONE, Map.of(), String.join(" | ", records),
                    records.size() + " DMARC records at " + name + ": none applies");
        }
        String record = records.get(0);
        Map<String, String> tags = new LinkedHashMap<>();
        for (String part : record.split(";")) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                tags.putIfAbsent(part.substring(0, equals).trim().toLowerCase(Locale.ROOT),
                        part.substring(equals + 1).trim().toLowerCase(Locale.ROOT));
            }
        }
        String policy = tags.get("p");
        if (policy == null || !List.of("none", "quarantine", "reject").contains(policy)) {
            return new Found(AuthResult.PERMERROR, tags, record, "the DMARC record at " + name
                    + " has " + (policy == null ? "no p= tag" : "an unknown policy p=" + policy)
                    + " (none, quarantine or reject)");
        }
        String sp = tags.get("sp");
        if (sp != null && !List.of("none", "quarantine", "reject").contains(sp)) {
            tags.remove("sp"); // an unknown sp= falls back to p= (RFC 7489 6.3)
        }
        for (String mode : List.of("adkim", "aspf")) {
            String value = tags.get(mode);
            if (value != null && !value.equals("r") && !value.equals("s")) {
                return new Found(AuthResult.PERMERROR, tags, record, "the DMARC record at " + name + " has "
                        + mode + "=" + value + " (r or s)");
            }
        }
        return new Found(AuthResult.PASS, tags, record, "");
    }
}
