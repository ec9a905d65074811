package dev.fakemail.internal.dns;

import dev.fakemail.fault.Protocol;
import dev.fakemail.internal.fault.FaultEngine;
import dev.fakemail.internal.fault.SessionFaults;
import dev.fakemail.internal.journal.TranscriptWriter;
import dev.fakemail.internal.session.Reply;
import dev.fakemail.internal.session.SessionCommand;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The server's fault rules for its DNS responder: each query is one "connection" of protocol dns whose one
 * command is the query (type, name), so the rules' budgets, scopes, seed and hit events work as for mail.
 * An answer rule replaces the zone's answer with its RCODE, truncate cuts a UDP answer (TC), delay waits,
 * stall and disconnect send nothing. With no rule, the zone answers directly.
 */
public final class DnsFaults implements DnsResponder.QueryHandler {
    private final FaultEngine engine;
    private final UnaryOperator<Message> zone;
    private final Clock clock;
    private final AtomicLong queries = new AtomicLong();

    public DnsFaults(FaultEngine engine, UnaryOperator<Message> zone, Clock clock) {
        this.engine = engine;
        this.zone = zone;
        this.clock = clock;
    }

    @Override
    public Message answer(Message query, InetSocketAddress client, boolean tcp) {
        Record question = query.getQuestion();
        if (engine.isEmpty() || question == null) {
            return zone.apply(query);
        }
        String type = Type.string(question.getType());
        String name = question.getName().toString(true).toLowerCase(Locale.ROOT);
        // A scratch transcript: one per query would push the mail sessions out of the journal; hits still
        // reach the fault plan's listeners (the web inbox's live events).
        TranscriptWriter scratch = new TranscriptWriter(queries.incrementAndGet(), "dns", client, clock);
        SessionFaults faults = engine.session(Protocol.DNS, scratch);
        faults.open();
        int[] code = {0};
        String[] rcode = {""};
        Reply scripted;
        try {
            scripted = faults.onCommand(SessionCommand.of((type + " " + name).getBytes(StandardCharsets.UTF_8),
                    type, name, type + " " + name), (replyCode, status, text, disconnect) -> {
                        code[0] = replyCode;
                        rcode[0] = text;
                        return Reply.none();
                    });
        } catch (InterruptedIOException stopping) {
            return null;
        }
        if (scripted == null) {
            return zone.apply(query);
        }
        if (code[0] == SessionFaults.DNS_ANSWER) {
            return rcodeAnswer(query, Rcode.value(rcode[0]));
        }
        if (code[0] == SessionFaults.DNS_TRUNCATE) {
            Message whole = zone.apply(query);
            return tcp ? whole : DnsResponder.truncated(whole);
        }
        return null; // stall or disconnect: no answer at all
    }

    private static Message rcodeAnswer(Message query, int rcode) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        response.getHeader().setRcode(rcode);
        response.addRecord(query.getQuestion(), Section.QUESTION);
        return response;
    }
}
