package dev.fakemail.web.internal;

import dev.fakemail.MailControl;
import dev.fakemail.journal.Transcript;
import dev.fakemail.journal.TranscriptLine;
import io.undertow.server.HttpServerExchange;
import java.net.InetSocketAddress;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /api/sessions} and {@code GET /api/sessions/{id}}: what was said in each SMTP and POP3 session. */
final class SessionsApi {
    private final MailControl control;
    private final MessageIndex index;

    SessionsApi(MailControl control, MessageIndex index) {
        this.control = control;
        this.index = index;
    }

    /** @param lineCount the lines kept; {@code droppedLines} those past the transcript's limit */
    record SessionEntry(long id, String protocol, String client, String started, boolean ended, int lineCount,
            long droppedLines) {
        static SessionEntry of(Transcript transcript) {
            return new SessionEntry(transcript.sessionId(), transcript.protocol(), address(transcript.client()),
                    transcript.started().toString(), transcript.isEnded(), transcript.lines().size(),
                    transcript.droppedLines());
        }
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
        List<SessionEntry> page = new ArrayList<>();
        for (long i = (long) all.size() - 1 - offset; i >= 0 && page.size() < limit; i--) {
            page.add(SessionEntry.of(all.get((int) i)));
        }
        Responses.json(exchange, 200, new SessionPage(all.size(), offset, limit, page));
    }

    void detail(HttpServerExchange exchange) throws Exception {
        long id = Params.id(Params.path(exchange, "id"), "session id");
        Transcript transcript = control.transcripts().stream().filter(candidate -> candidate.sessionId() == id)
                .findFirst().orElseThrow(() -> ApiException.notFound("no session with id " + Params.path(exchange,
                        "id") + " (only the most recent sessions are kept)"));
        List<Line> lines = transcript.lines().stream().map(SessionsApi::line).toList();
        Responses.json(exchange, 200, new SessionDetail(SessionEntry.of(transcript), lines, deliveredBy(transcript)));
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

    private static Line line(TranscriptLine line) {
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
