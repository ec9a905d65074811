package dev.fakemail.internal.dns;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Answers a DNS query from a zone's records, as an authoritative server would: the records of the asked type,
 * CNAMEs followed (at most 8, loops stopped) when the name is an alias, NXDOMAIN when the name does not exist,
 * an empty NOERROR answer when it exists without that type. Only standard queries of class IN are answered;
 * others get NOTIMP or REFUSED.
 */
public final class ZoneAnswers {
    private static final int MAX_ALIASES = 8;

    private final Function<Name, List<Record>> records;

    public ZoneAnswers(Function<Name, List<Record>> records) {
        this.records = records;
    }

    public Message answer(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        Record question = query.getQuestion();
        if (query.getHeader().getOpcode() != Opcode.QUERY) {
            response.getHeader().setRcode(Rcode.NOTIMP);
            return response;
        }
        if (question == null) {
            response.getHeader().setRcode(Rcode.FORMERR);
            return response;
        }
        response.addRecord(question, Section.QUESTION);
        if (question.getDClass() != org.xbill.DNS.DClass.IN) {
            response.getHeader().setRcode(Rcode.REFUSED);
            return response;
        }
        int type = question.getType();
        Name name = question.getName();
        Set<Name> seen = new HashSet<>();
        for (int hop = 0; hop <= MAX_ALIASES && seen.add(name); hop++) {
            List<Record> atName = records.apply(name);
            if (atName.isEmpty()) {
                if (hop == 0) {
                    response.getHeader().setRcode(Rcode.NXDOMAIN);
                }
                return response;
            }
            boolean matched = false;
            Name alias = null;
            for (Record record : atName) {
                if (record.getType() == type || type == Type.ANY) {
                    response.addRecord(record, Section.ANSWER);
                    matched = true;
                } else if (record instanceof CNAMERecord cname) {
                    alias = cname.getTarget();
                }
            }
            if (matched || alias == null) {
                return response;
            }
            response.addRecord(atName.stream().filter(CNAMERecord.class::isInstance).findFirst().orElseThrow(),
                    Section.ANSWER);
            name = alias;
        }
        return response;
    }
}
