package dev.fakemail.testing;

import dev.fakemail.FakeMailServer;
import dev.fakemail.journal.Transcript;
import dev.fakemail.journal.TranscriptLine;
import dev.fakemail.testsupport.LineClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The server's session transcripts as the tests read them: by protocol, by client, once ended. */
public final class Transcripts {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private Transcripts() {
    }

    /** The lines in one direction ('C', 'S' or '*') of every transcript of a protocol family, oldest first. */
    public static List<String> lines(FakeMailServer server, String protocolPrefix, char direction) {
        List<String> lines = new ArrayList<>();
        for (Transcript transcript : server.transcripts()) {
            if (transcript.protocol().startsWith(protocolPrefix)) {
                for (TranscriptLine line : transcript.lines()) {
                    if (line.direction() == direction) {
                        lines.add(line.text());
                    }
                }
            }
        }
        return lines;
    }

    /** The event lines ('*') of all transcripts of a protocol family ("POP3" or "SMTP"), oldest session first. */
    public static List<String> events(FakeMailServer server, String protocolPrefix) {
        return lines(server, protocolPrefix, '*');
    }

    /** The newest transcript of the protocol family (the session a test just opened). */
    public static Transcript newestTranscript(FakeMailServer server, String protocolPrefix) {
        Transcript newest = null;
        for (Transcript transcript : server.transcripts()) {
            if (transcript.protocol().startsWith(protocolPrefix)
                    && (newest == null || transcript.sessionId() > newest.sessionId())) {
                newest = transcript;
            }
        }
        if (newest == null) {
            throw new AssertionError("no " + protocolPrefix + " transcript");
        }
        return newest;
    }

    /** Waits (bounded) until the server has ended every transcript: sessions are over. */
    public static void awaitSessionsEnded(FakeMailServer server) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (server.transcripts().stream().allMatch(Transcript::isEnded)) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("sessions still open after " + WAIT.toSeconds() + " s:\n" + server.transcripts());
    }

    /** Every transcript of the protocol family ("" for all) as text, for failure messages. */
    public static String text(FakeMailServer server, String protocolPrefix) {
        StringBuilder text = new StringBuilder();
        for (Transcript transcript : server.transcripts()) {
            if (transcript.protocol().startsWith(protocolPrefix)) {
                text.append(transcript).append('\n');
            }
        }
        return text.toString();
    }

    /** The transcript of the client's session (matched by the client's port), waiting for it to appear. */
    public static Transcript transcriptOf(FakeMailServer server, LineClient client) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            for (Transcript transcript : server.transcripts()) {
                if (transcript.client() != null && transcript.client().getPort() == client.localPort()) {
                    return transcript;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no transcript for client port " + client.localPort() + " in "
                        + server.transcripts());
            }
            pause(10);
        }
    }

    /** The lines of the client's transcript once the session has ended ("C: ...", "S: ...", "*: ..."). */
    public static List<String> endedTranscript(FakeMailServer server, LineClient client) {
        Transcript transcript = transcriptOf(server, client);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!transcript.isEnded()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("session did not end:\n" + transcript);
            }
            pause(10);
        }
        return lines(transcript);
    }

    public static long sessionIdOf(FakeMailServer server, LineClient client) {
        return transcriptOf(server, client).sessionId();
    }

    /** Every transcript as text, for failure messages. */
    public static String allTranscripts(FakeMailServer server) {
        return text(server, "");
    }

    /** The client lines of every POP3/POP3S transcript, oldest session first. */
    public static List<String> clientLines(FakeMailServer server) {
        return lines(server, "POP3", 'C');
    }

    public static List<String> lines(Transcript transcript) {
        return transcript.lines().stream().map(TranscriptLine::toString).toList();
    }

    /** Every line of every transcript the server kept, as written ("C: ...", "S: ..."), session by session. */
    public static List<String> transcriptLines(FakeMailServer server) {
        return server.transcripts().stream().flatMap(transcript -> lines(transcript).stream()).toList();
    }

    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
