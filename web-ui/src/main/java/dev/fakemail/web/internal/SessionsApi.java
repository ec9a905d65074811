package dev.fakemail.web.internal;

import dev.fakemail.MailControl;
import dev.fakemail.journal.Transcript;
import dev.fakemail.journal.TranscriptLine;
import dev.fakemail.store.ReceivedMessage;
import io.undertow.server.HttpServerExchange;
import java.net.InetSocketAddress;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** {@code GET /api/sessions} and {@code GET /api/sessions/{id}}: what was said in each SMTP and POP3 session. */
final class SessionsApi {
    /** The last line of an SMTP 4xx/5xx reply, a POP3 -ERR, an IMAP tagged NO or BAD. */
    private static final Pattern REFUSAL = Pattern.compile("[45][0-9][0-9](?: |$)|-ERR\\b|(?!\\* )\\S+ (?:NO|BAD)\\b");
    private final MailControl control;
    private final MessageIndex index;

    SessionsApi(MailControl control, MessageIndex index) {
        this.control = control;
        this.index = index;
    }

    /**
     * @param lineCount the lines kept; {@code droppedLines} those past the transcript's limit
     * @param outcome what came of the session, from what the server kept of it
     */
    record SessionEntry(long id, String protocol, String client, String started, boolean ended, int lineCount,
            long droppedLines, Outcome outcome) {
    }

    /**
     * @param delivered messages this session delivered (received and answered)
     * @param refusals server replies that refused something: SMTP 4xx/5xx, POP3 -ERR, IMAP tagged NO/BAD
     * @param faultHits fault rules that fired in this session
     * @param unacknowledged messages stored whose client never got the reply (a fault rule cut it off)
     */
    record Outcome(int delivered, int refusals, int faultHits, int unacknowledged) {
    }

    record SessionPage(int total, int offset, int limit, List<SessionEntry> sessions) {
    }

    /** @param direction "C" (client), "S" (server) or "*" (an event such as TLS or a disconnect) */
    record Line(String time, String direction, String text) {
    }

    /** @param messageIds the received messages this session delivered */
    record SessionDetail(SessionEntry session, List<Line> transcript, List<Long> messageIds) {
    }

    /** Newest first, paged like the message list. */
    void list(HttpServerExchange exchange) throws Exception {
        int offset = Params.integer(exchange, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = Params.integer(exchange, "limit", MessagesApi.DEFAULT_LIMIT, 1, MessagesApi.MAX_LIMIT);
        List<Transcript> all = control.transcripts();
        List<ReceivedMessage> unacknowledged = control.unacknowledged();
        List<SessionEntry> page = new ArrayList<>();
        for (long i = (long) all.size() - 1 - offset; i >= 0 && page.size() < limit; i--) {
            Transcript transcript = all.get((int) i);
            page.add(entry(transcript, deliveredBy(transcript).size(), unacknowledged));
        }
        Responses.json(exchange, 200, new SessionPage(all.size(), offset, limit, page));
    }

    void detail(HttpServerExchange exchange) throws Exception {
        long id = Params.id(Params.path(exchange, "id"), "session id");
        Transcript transcript = control.transcripts().stream().filter(candidate -> candidate.sessionId() == id)
                .findFirst().orElseThrow(() -> ApiException.notFound("no session with id " + Params.path(exchange,
                        "id") + " (only the most recent sessions are kept)"));
        List<Line> lines = transcript.lines().stream().map(SessionsApi::line).toList();
        List<Long> delivered = deliveredBy(transcript);
        Responses.json(exchange, 200, new SessionDetail(entry(transcript, delivered.size(), control.unacknowledged()),
                lines, delivered));
    }

    private static SessionEntry entry(Transcript transcript, int delivered, List<ReceivedMessage> unacknowledged) {
        List<TranscriptLine> lines = transcript.lines();
        int refusals = 0;
        int faultHits = 0;
        for (TranscriptLine line : lines) {
            if (line.direction() == 'S' && REFUSAL.matcher(line.text()).lookingAt()) {
                refusals++;
            } else if (line.direction() == '*' && line.text().startsWith("fault #")) {
                faultHits++;
            }
        }
        return new SessionEntry(transcript.sessionId(), transcript.protocol(), address(transcript.client()),
                transcript.started().toString(), transcript.isEnded(), lines.size(), transcript.droppedLines(),
                new Outcome(delivered, refusals, faultHits, unacknowledgedFrom(transcript, unacknowledged)));
    }

    /** Unacknowledged messages from the session's client address (ip and port) stored after it began. */
    private static int unacknowledgedFrom(Transcript transcript, List<ReceivedMessage> unacknowledged) {
        InetSocketAddress client = transcript.client();
        int count = 0;
        for (ReceivedMessage message : unacknowledged) {
            if (client != null && client.equals(message.envelope().clientAddress())
                    && !message.receivedAt().isBefore(transcript.started().truncatedTo(ChronoUnit.MILLIS))) {
                count++;
            }
        }
        return count;
    }

    /** Messages from the session's client address (ip and port) that arrived after it began. */
    private List<Long> deliveredBy(Transcript transcript) {
        InetSocketAddress client = transcript.client();
        long started = transcript.started().truncatedTo(ChronoUnit.MILLIS).toEpochMilli();
        return index.read(all -> {
            List<Long> ids = new ArrayList<>();
            for (int i = all.size() - 1; i >= 0 && all.get(i).receivedAtMillis >= started; i--) {
                MessageSummary message = all.get(i);
                if (client != null && client.equals(message.message.envelope().clientAddress())) {
                    ids.add(0, message.id);
                }
            }
            return ids;
        });
    }

    static Line line(TranscriptLine line) {
        return new Line(line.time().toString(), String.valueOf(line.direction()), line.text());
    }

    static String address(InetSocketAddress address) {
        if (address == null) {
            return null;
        }
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
