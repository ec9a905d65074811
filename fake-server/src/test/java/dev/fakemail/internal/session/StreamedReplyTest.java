package dev.fakemail.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.fault.FaultRule;
import dev.fakemail.fault.Protocol;
import dev.fakemail.fault.Sleeper;
import dev.fakemail.internal.fault.FaultEngine;
import dev.fakemail.internal.journal.TranscriptWriter;
import dev.fakemail.internal.net.MemoryTransport;
import dev.fakemail.internal.tls.TlsContexts;
import dev.fakemail.journal.Transcript;
import dev.fakemail.journal.TranscriptLine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Streamed replies: written from stored bytes straight to the connection, summarized in the transcript, and
 * shaped by the byte faults (cut-off, slicing, throttle) like any other output.
 */
class StreamedReplyTest {
    private static final String GREETING = "* OK tiny\r\n";

    @Test
    void aStreamedReplyWritesExactBytesAndOneTranscriptLinePerResponse() {
        MemoryTransport transport = MemoryTransport.inPiecesOf(bytes("a FETCH 3 100\r\nb LOGOUT\r\n"), 5);
        Transcript transcript = run(transport, new ConnectionInfo(SessionLoopLiteralTest.CLIENT));
        String body = new String(TinyImapSession.content(100), StandardCharsets.US_ASCII);
        assertThat(new String(transport.written(), StandardCharsets.US_ASCII)).isEqualTo(GREETING
                + "* 1 FETCH (BODY[] {100}\r\n" + body + ")\r\n"
                + "* 2 FETCH (BODY[] {100}\r\n" + body + ")\r\n"
                + "* 3 FETCH (BODY[] {100}\r\n" + body + ")\r\n"
                + "a OK FETCH\r\n* BYE\r\nb OK LOGOUT\r\n");
        List<String> server = serverLines(transcript);
        assertThat(server).containsExactly("* OK tiny", "* 1 FETCH (BODY[] {100})", "* 2 FETCH (BODY[] {100})",
                "* 3 FETCH (BODY[] {100})", "a OK FETCH", "* BYE", "b OK LOGOUT");
    }

    @Test
    void tenThousandMessagesOfTwoKilobytesStreamInBufferSizedWrites() throws Exception {
        RecordingTransport transport = new RecordingTransport(bytes("a FETCH 10000 2048\r\nb LOGOUT\r\n"));
        Transcript transcript = run(transport, new ConnectionInfo(SessionLoopLiteralTest.CLIENT));
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        expected.update(bytes(GREETING));
        byte[] content = TinyImapSession.content(2048);
        for (int i = 1; i <= 10_000; i++) {
            expected.update(bytes("* " + i + " FETCH (BODY[] {2048}\r\n"));
            expected.update(content);
            expected.update(bytes(")\r\n"));
        }
        expected.update(bytes("a OK FETCH\r\n* BYE\r\nb OK LOGOUT\r\n"));
        assertThat(transport.digest()).isEqualTo(expected.digest());
        // Nothing close to the 20 MB answer was ever one array: the writes are at most the output buffer.
        assertThat(transport.largestWrite()).isLessThanOrEqualTo(16 * 1024);
        assertThat(transport.written()).isGreaterThan(20_480_000L);
        assertThat(transcript.lines().size() + transcript.droppedLines()).isGreaterThanOrEqualTo(10_000);
    }

    @Test
    void aCutOffRuleEndsAStreamedReplyAfterItsBytes() throws Exception {
        FaultEngine engine = new FaultEngine(1, SessionLoopLiteralTest.CLOCK, Sleeper.REAL);
        engine.add(FaultRule.parse("smtp FETCH -> disconnect-after 5000"));
        MemoryTransport transport = MemoryTransport.inPiecesOf(bytes("a FETCH 10 2048\r\nb NOOP\r\n"), 64);
        run(transport, connection(engine));
        ByteArrayOutputStream full = new ByteArrayOutputStream();
        TinyImapSession.fetch(10, 2048).writeTo(full, line -> { });
        byte[] expected = new byte[GREETING.length() + 5000];
        System.arraycopy(bytes(GREETING), 0, expected, 0, GREETING.length());
        System.arraycopy(full.toByteArray(), 0, expected, GREETING.length(), 5000);
        assertThat(transport.written()).isEqualTo(expected);
        assertThat(transport.isClosed()).isTrue();
    }

    @Test
    void aSliceRuleCutsAStreamedReplyIntoPiecesWithPauses() throws Exception {
        List<Long> pauses = new ArrayList<>();
        FaultEngine engine = new FaultEngine(1, SessionLoopLiteralTest.CLOCK, millis -> pauses.add(millis));
        engine.add(FaultRule.parse("smtp FETCH -> slice 1000 7ms"));
        RecordingTransport transport = new RecordingTransport(bytes("a FETCH 10 2048\r\nb LOGOUT\r\n"));
        run(transport, connection(engine));
        long fetchBytes = 10L * ("* 1 FETCH (BODY[] {2048}\r\n".length() + 2048 + 3) + 1; // "10" is one digit more
        long total = GREETING.length() + fetchBytes + "a OK FETCH\r\n* BYE\r\nb OK LOGOUT\r\n".length();
        assertThat(transport.written()).isEqualTo(total);
        assertThat(transport.largestWrite()).isEqualTo(1000);
        assertThat(pauses).isNotEmpty().allMatch(millis -> millis == 7);
        assertThat(transport.writes()).isGreaterThanOrEqualTo((int) (fetchBytes / 1000));
    }

    @Test
    void aThrottleRulePacesAStreamedReply() throws Exception {
        AtomicLong longestWait = new AtomicLong();
        FaultEngine engine = new FaultEngine(1, SessionLoopLiteralTest.CLOCK,
                millis -> longestWait.accumulateAndGet(millis, Math::max));
        engine.add(FaultRule.parse("smtp FETCH -> throttle 100000"));
        RecordingTransport transport = new RecordingTransport(bytes("a FETCH 20 2048\r\nb LOGOUT\r\n"));
        run(transport, connection(engine));
        long dueMillis = (transport.written() - GREETING.length()) * 1000 / 100_000;
        // The recording sleeper does not sleep, so the pacer's last wait is the whole schedule of the output.
        assertThat(transport.largestWrite()).isLessThanOrEqualTo(100_000 / 20);
        assertThat(longestWait.get()).isBetween(dueMillis * 8 / 10, dueMillis + 10);
    }

    @Test
    void commandRulesMatchTheVerbTheSessionParsed() {
        FaultEngine engine = new FaultEngine(1, SessionLoopLiteralTest.CLOCK, Sleeper.REAL);
        engine.add(FaultRule.parse("smtp FETCH 1:* -> reply 450 \"not now\""));
        MemoryTransport transport = MemoryTransport.inPiecesOf(
                bytes("a FETCH 1:*\r\nb UID FETCH 1:*\r\nc FETCH 1 5\r\n"), 3);
        run(transport, connection(engine));
        // "UID FETCH" is a two-word verb; a rule on the plain verb matches its UID form too.
        assertThat(new String(transport.written(), StandardCharsets.US_ASCII)).isEqualTo(GREETING
                + "* NO not now\r\n* NO not now\r\n* 1 FETCH (BODY[] {5}\r\nabcde)\r\nc OK FETCH\r\n");
    }

    @Test
    void aUidRuleMatchesTheUidFormOnly() {
        FaultEngine engine = new FaultEngine(1, SessionLoopLiteralTest.CLOCK, Sleeper.REAL);
        engine.add(FaultRule.parse("smtp uid fetch 1:* -> reply 450 \"not now\""));
        MemoryTransport transport = MemoryTransport.inPiecesOf(bytes("b UID FETCH 1:*\r\nc FETCH 1 5\r\n"), 3);
        run(transport, connection(engine));
        assertThat(new String(transport.written(), StandardCharsets.US_ASCII)).isEqualTo(GREETING
                + "* NO not now\r\n* 1 FETCH (BODY[] {5}\r\nabcde)\r\nc OK FETCH\r\n");
    }

    private static ConnectionInfo connection(FaultEngine engine) {
        TranscriptWriter transcript = new TranscriptWriter(1, "IMAP", SessionLoopLiteralTest.CLIENT, SessionLoopLiteralTest.CLOCK);
        return new ConnectionInfo(SessionLoopLiteralTest.CLIENT,
                engine.session(Protocol.SMTP, transcript));
    }

    private static Transcript run(dev.fakemail.internal.net.Transport transport, ConnectionInfo connection) {
        TinyImapSession session = new TinyImapSession(connection);
        TranscriptWriter transcript = new TranscriptWriter(1, "IMAP", SessionLoopLiteralTest.CLIENT, SessionLoopLiteralTest.CLOCK);
        new SessionLoop(transport, session, connection, transcript, TlsContexts::builtIn, () -> { }).run();
        return transcript;
    }

    private static List<String> serverLines(Transcript transcript) {
        return transcript.lines().stream().filter(line -> line.direction() == 'S').map(TranscriptLine::text).toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
