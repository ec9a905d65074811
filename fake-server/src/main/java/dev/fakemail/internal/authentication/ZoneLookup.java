package dev.fakemail.internal.authentication;

import dev.fakemail.internal.dns.DnsResponder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The checks' way into the fake zone: each lookup is a DNS query answered in-process by the same handler as
 * the DNS responder, so the server's {@code dns} fault rules (SERVFAIL, no answer) reach SPF, DKIM and DMARC
 * as they would reach a real resolver, and nothing ever goes to the network.
 */
public final class ZoneLookup {
    /** Where the checks' queries come from, for fault rules that look at the client. */
    private static final InetSocketAddress SERVER_ITSELF = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final DnsResponder.QueryHandler handler;

    public ZoneLookup(DnsResponder.QueryHandler handler) {
        this.handler = handler;
    }

    /** The outcome of one lookup. */
    public record Answer(Outcome outcome, List<Record> records, String error) {
        public boolean failed() {
            return outcome == Outcome.ERROR;
        }
    }

    /** RECORDS includes an empty answer for a name that exists without that type (NODATA). */
    public enum Outcome {
        RECORDS, NO_SUCH_NAME, ERROR
    }

    public Answer query(String name, int type) {
        Name owner;
        try {
            owner = Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            return new Answer(Outcome.NO_SUCH_NAME, List.of(), "not a DNS name: " + name);
        }
        Message query = Message.newQuery(Record.newRecord(owner, type, DClass.IN));
        query.getHeader().setFlag(Flags.RD);
        Message response = handler.answer(query, SERVER_ITSELF, true);
        String asked = Type.string(type) + " " + owner.toString(true);
        if (response == null) {
            return new Answer(Outcome.ERROR, List.of(), asked + ": no answer (timed out)");
        }
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return new Answer(Outcome.NO_SUCH_NAME, List.of(), asked + ": no such name (NXDOMAIN)");
        }
        if (rcode != Rcode.NOERROR) {
            return new Answer(Outcome.ERROR, List.of(), asked + ": " + Rcode.string(rcode));
        }
        List<Record> records = new ArrayList<>();
        for (Record record : response.getSection(Section.ANSWER)) {
            if (record.getType() == type) {
                records.add(record);
            }
        }
        return new Answer(Outcome.RECORDS, records, "");
    }

    /** The TXT records of a name, each record's strings joined (RFC 7208 3.3, RFC 6376 3.6.2.2). */
    public static List<String> texts(Answer answer) {
        List<String> texts = new ArrayList<>();
        for (Record record : answer.records()) {
            if (record instanceof TXTRecord txt) {
                texts.add(String.join("", txt.getStrings()));
            }
        }
        return texts;
    }
}
