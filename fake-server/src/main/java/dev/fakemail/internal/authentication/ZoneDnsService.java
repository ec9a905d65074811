package dev.fakemail.internal.authentication;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.james.jspf.core.DNSRequest;
import org.apache.james.jspf.core.DNSService;
import org.apache.james.jspf.core.exceptions.TimeoutException;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * jSPF's plug-in point for DNS, answered from the fake zone: records as jSPF's own dnsjava service gives them
 * (addresses as text, MX and PTR targets, TXT strings joined), null for a name or type that is not there, and a
 * {@link TimeoutException} (SPF's temperror) for a SERVFAIL or a query left unanswered by a fault rule. Remembers
 * the SPF records it handed out, so a result can say which record decided it.
 */
final class ZoneDnsService implements DNSService {
    private final ZoneLookup zone;
    private final String localName;
    /** Per check: one service serves every session's checks, each on its own thread. */
    private final ThreadLocal<List<String>> spfRecordsSeen = ThreadLocal.withInitial(ArrayList::new);
    private int recordLimit = 10;

    ZoneDnsService(ZoneLookup zone, String localName) {
        this.zone = zone;
        this.localName = localName;
    }

    @Override
    public List<String> getRecords(DNSRequest request) throws TimeoutException {
        int type = switch (request.getRecordType()) {
            case DNSRequest.A -> Type.A;
            case DNSRequest.AAAA -> Type.AAAA;
            case DNSRequest.MX -> Type.MX;
            case DNSRequest.PTR -> Type.PTR;
            case DNSRequest.TXT -> Type.TXT;
            case DNSRequest.SPF -> Type.SPF;
            default -> -1;
        };
        if (type < 0) {
            return null;
        }
        ZoneLookup.Answer answer = zone.query(request.getHostname(), type);
        if (answer.failed()) {
            throw new TimeoutException(answer.error());
        }
        if (answer.records().isEmpty()) {
            return null; // jSPF's own service answers null for NXDOMAIN and for no records of the type
        }
        if (type == Type.TXT) {
            List<String> texts = ZoneLookup.texts(answer);
            texts.stream().filter(text -> text.toLowerCase(java.util.Locale.ROOT).startsWith("v=spf1"))
                    .forEach(text -> spfRecordsSeen.get().add(request.getHostname() + ": " + text));
            return texts;
        }
        List<String> values = new ArrayList<>();
        for (Record record : answer.records()) {
            if (record instanceof ARecord a) {
                values.add(a.getAddress().getHostAddress());
            } else if (record instanceof AAAARecord aaaa) {
                values.add(aaaa.getAddress().getHostAddress());
            } else if (record instanceof MXRecord mx) {
                values.add(mx.getTarget().toString());
            } else if (record instanceof PTRRecord ptr) {
                String target = ptr.getTarget().toString();
                values.add(target.endsWith(".") ? target.substring(0, target.length() - 1) : target);
            } else {
                values.add(record.rdataToString());
            }
        }
        return values;
    }

    @Override
    public CompletionStage<List<String>> getRecordsAsync(DNSRequest request) {
        try {
            return CompletableFuture.completedFuture(getRecords(request));
        } catch (TimeoutException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public List<String> getLocalDomainNames() {
        return List.of(localName);
    }

    @Override
    public void setTimeOut(int timeOut) {
        // answered in-process: no timeout to set
    }

    @Override
    public int getRecordLimit() {
        return recordLimit;
    }

    @Override
    public void setRecordLimit(int recordLimit) {
        this.recordLimit = recordLimit;
    }

    /** Forgets the records of this thread's previous check. */
    void startCheck() {
        spfRecordsSeen.get().clear();
    }

    /** The SPF records this thread's check looked up so far, as "name: record", in order. */
    List<String> spfRecordsSeen() {
        return List.copyOf(spfRecordsSeen.get());
    }
}
