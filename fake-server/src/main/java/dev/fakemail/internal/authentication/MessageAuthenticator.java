package dev.fakemail.internal.authentication;

import dev.fakemail.authentication.AuthenticationResults;
import dev.fakemail.authentication.DkimResult;
import dev.fakemail.authentication.SpfResult;
import dev.fakemail.internal.dns.DnsResponder;
import dev.fakemail.internal.mime.HeaderBlock;
import dev.fakemail.store.Envelope;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;

/**
 * Checks a message the server accepted against the fake zone: SPF of the MAIL FROM and HELO identities for
 * the client's address, every DKIM signature, then DMARC for the From domain. Runs in the session before the
 * message is stored, so its results are there with the message for everyone who reads it. Only servers with a
 * zone have one of these: without a zone, none of this runs.
 */
public final class MessageAuthenticator {
    private final SpfCheck spf;
    private final DkimCheck dkim;
    private final DmarcCheck dmarc;

    public MessageAuthenticator(DnsResponder.QueryHandler zone, Clock clock, String serverName) {
        ZoneLookup lookup = new ZoneLookup(zone);
        this.spf = new SpfCheck(lookup, serverName);
        this.dkim = new DkimCheck(lookup, clock);
        this.dmarc = new DmarcCheck(lookup);
    }

    public AuthenticationResults check(Envelope envelope, byte[] raw) {
        String clientIp = clientIp(envelope.clientAddress());
        String helo = envelope.heloName() == null ? "" : envelope.heloName();
        SpfResult mailFrom = spf.mailFrom(clientIp, envelope.mailFrom(), helo);
        SpfResult heloResult = spf.helo(clientIp, helo);
        List<DkimResult> signatures = dkim.verify(raw);
        return new AuthenticationResults(mailFrom, heloResult, signatures,
                dmarc.evaluate(fromDomains(raw), mailFrom, signatures));
    }

    private static String clientIp(InetSocketAddress client) {
        return client == null || client.getAddress() == null ? "127.0.0.1" : client.getAddress().getHostAddress();
    }

    /** The domains of the From field's addresses (RFC 5322 3.6.2), lower case, in order. */
    static List<String> fromDomains(byte[] raw) {
        List<String> domains = new ArrayList<>();
        for (String value : HeaderBlock.rawValues(raw, "From")) {
            AddressList addresses = LenientAddressParser.DEFAULT.parseAddressList(value);
            for (Address address : addresses) {
                if (address instanceof Mailbox mailbox) {
                    add(domains, mailbox);
                } else if (address instanceof Group group) {
                    group.getMailboxes().forEach(mailbox -> add(domains, mailbox));
                }
            }
        }
        return domains;
    }

    private static void add(List<String> domains, Mailbox mailbox) {
        String domain = mailbox.getDomain();
        if (domain != null && !domain.isBlank()) {
            domains.add(domain.trim().toLowerCase(Locale.ROOT));
        }
    }
}
