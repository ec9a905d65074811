package dev.fakemail.smtp.clients;

import dev.fakemail.FakeMailServer;
import dev.fakemail.journal.TranscriptLine;
import java.util.List;

/** The Angus client tests' view of what the server logged. */
final class ServerTranscripts {
    private ServerTranscripts() {
    }

    /** Every line of every transcript the server kept, as written ("C: ...", "S: ..."), connection by connection. */
    static List<String> transcriptLines(FakeMailServer server) {
        return server.transcripts().stream().flatMap(transcript -> transcript.lines().stream())
                .map(TranscriptLine::toString).toList();
    }
}
