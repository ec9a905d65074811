package dev.fakemail.junit.internal;

import dev.fakemail.journal.Transcript;
import dev.fakemail.journal.TranscriptLine;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The SMTP sessions behind a failure: one line per session saying what it delivered (or why it delivered
 * nothing: an error reply, a fault that fired), then a few transcripts verbatim: those of sessions that
 * delivered nothing, where lost mail usually went, and those of the messages in question. Capped, so a
 * failure stays readable.
 */
final class SessionsReport {
    static final int MAX_LISTED = 10;
    static final int MAX_TRANSCRIPTS = 3;
    static final int MAX_LINES = 40;
    static final int HEAD_LINES = 10;

    private SessionsReport() {
    }

    /** The sessions section of a failure about the messages with these ids; empty if there is nothing to say. */
    static String of(ServerSnapshot snapshot, Set<Long> focus) {
        List<Transcript> sessions = snapshot.smtpSessions();
        if (sessions.isEmpty()) {
            return snapshot.messages().isEmpty() ? "\n\nNo SMTP session was opened on " + snapshot.smtpAddress()
                    + ". Is the code under test sending to this host and port?" : "";
        }
        StringBuilder out = new StringBuilder("\n\nSMTP sessions:").append(list(snapshot));
        for (Transcript session : chooseTranscripts(snapshot, sessions, focus)) {
            out.append("\n\n").append(header(snapshot, session));
            appendLines(out, session);
        }
        return out.toString();
    }

    /** One line per session (the newest when there are many). */
    static String list(ServerSnapshot snapshot) {
        StringBuilder out = new StringBuilder();
        List<Transcript> sessions = snapshot.smtpSessions();
        int first = Math.max(0, sessions.size() - MAX_LISTED);
        if (first > 0) {
            out.append("\n  … ").append(first).append(" earlier sessions not shown");
        }
        for (Transcript session : sessions.subList(first, sessions.size())) {
            out.append("\n  ").append(header(snapshot, session));
        }
        return out.toString();
    }

    /** Sessions that delivered nothing first (the newest), then those of the focus messages; in session order. */
    private static List<Transcript> chooseTranscripts(ServerSnapshot snapshot, List<Transcript> sessions,
            Set<Long> focus) {
        List<Transcript> chosen = new ArrayList<>();
        for (int i = sessions.size() - 1; i >= 0 && chosen.size() < MAX_TRANSCRIPTS - 1; i--) {
            if (snapshot.deliveredBy(sessions.get(i)).isEmpty()) {
                chosen.add(sessions.get(i));
            }
        }
        for (int i = sessions.size() - 1; i >= 0 && chosen.size() < MAX_TRANSCRIPTS; i--) {
            if (snapshot.deliveredBy(sessions.get(i)).stream().anyMatch(focus::contains)) {
                chosen.add(sessions.get(i));
            }
        }
        chosen.sort(Comparator.comparingLong(Transcript::sessionId));
        return chosen;
    }

    private static String header(ServerSnapshot snapshot, Transcript session) {
        List<Long> delivered = snapshot.deliveredBy(session);
        StringBuilder header = new StringBuilder(session.protocol()).append(" session ").append(session.sessionId())
                .append(" from ").append(session.client()).append(" at ")
                .append(session.started().truncatedTo(ChronoUnit.SECONDS)); // nanoseconds only make it hard to read
        if (!delivered.isEmpty()) {
            return header.append(": delivered ")
                    .append(String.join(", ", delivered.stream().map(id -> "#" + id).toList())).toString();
        }
        header.append(": delivered nothing");
        List<String> faults = faultHits(session);
        if (!faults.isEmpty()) {
            header.append("; ").append(faults.get(0));
            if (faults.size() > 1) {
                header.append(" (and ").append(faults.size() - 1).append(" more fault hits)");
            }
        }
        lastErrorReply(session).ifPresent(reply -> header.append("; last error reply ").append(reply));
        return header.toString();
    }

    private static void appendLines(StringBuilder out, Transcript session) {
        List<TranscriptLine> lines = session.lines();
        int tail = MAX_LINES - HEAD_LINES;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.size() > MAX_LINES && i == HEAD_LINES) {
                out.append("\n  … ").append(lines.size() - MAX_LINES).append(" lines not shown");
                i = lines.size() - tail;
            }
            out.append("\n  ").append(lines.get(i));
        }
    }

    /**
     * Scripted faults that fired: event lines "fault #id hit n: ..." (a session with rules also starts with a
     * "fault rules: ..." line, which says what could fire, not what did).
     */
    private static List<String> faultHits(Transcript session) {
        return session.lines().stream()
                .filter(line -> line.direction() == '*' && line.text().startsWith("fault #"))
                .map(TranscriptLine::text)
                .toList();
    }

    private static Optional<String> lastErrorReply(Transcript session) {
        List<TranscriptLine> lines = session.lines();
        for (int i = lines.size() - 1; i >= 0; i--) {
            TranscriptLine line = lines.get(i);
            if (line.direction() == 'S' && !line.text().isEmpty()
                    && (line.text().charAt(0) == '4' || line.text().charAt(0) == '5')) {
                return Optional.of(line.text());
            }
        }
        return Optional.empty();
    }
}
