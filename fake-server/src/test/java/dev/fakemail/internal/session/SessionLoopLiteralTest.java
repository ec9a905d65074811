package dev.fakemail.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.internal.journal.TranscriptWriter;
import dev.fakemail.internal.net.MemoryTransport;
import dev.fakemail.internal.tls.TlsContexts;
import dev.fakemail.journal.Transcript;
import dev.fakemail.journal.TranscriptLine;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * IMAP-style literals through the loop without sockets: line, literal, line, literal... with and without the
 * "+" continuation (LITERAL+), a synchronizing literal over the limit refused before it is sent, a
 * non-synchronizing one read and discarded past the limit, a literal holding CR LF and braces. The client's
 * bytes are split at every offset and fed in pieces of every small size.
 */
class SessionLoopLiteralTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:15:30Z"), ZoneOffset.UTC);
    static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);

    private static final String CLIENT_BYTES = ""
            + "a APPEND INBOX {5}\r\nhello {3}\r\nabc x\r\n"
            + "b APPEND INBOX {4+}\r\nwxyz {2+}\r\n12\r\n"
            + "c APPEND INBOX {10}\r\n"
            + "d APPEND INBOX {12+}\r\n123456789012\r\n"
            + "g APPEND {8}\r\nx\r\n{2}\r\n\r\n"
            + "e NOOP\r\n"
            + "f LOGOUT\r\n";

    private static final String EXPECTED = ""
            + "* OK tiny\r\n"
            + "+ Ready for literal\r\n"
            + "+ Ready for literal\r\n"
            + "a OK APPEND [hello, abc] rest [INBOX {5} {3} x]\r\n"
            + "b OK APPEND [wxyz, 12] rest [INBOX {4+} {2+}]\r\n"
            + "c NO [TOOBIG] literal of 10 refused\r\n"
            + "d OK APPEND [12345678] rest [INBOX {12+}]\r\n"
            + "+ Ready for literal\r\n"
            + "g OK APPEND [x\\r\\n{2}\\r\\n] rest [{8}]\r\n"
            + "e OK NOOP\r\n"
            + "* BYE\r\n"
            + "f OK LOGOUT\r\n";

    @Test
    void sameRepliesWhereverTheInputIsSplit() {
        byte[] input = CLIENT_BYTES.getBytes(StandardCharsets.US_ASCII);
        for (int offset = 0; offset <= input.length; offset++) {
            assertThat(run(MemoryTransport.splitAt(input, offset)).written).as("split at %d", offset)
                    .isEqualTo(EXPECTED);
        }
        for (int size = 1; size <= 16; size++) {
            assertThat(run(MemoryTransport.inPiecesOf(input, size)).written).as("pieces of %d", size)
                    .isEqualTo(EXPECTED);
        }
    }

    @Test
    void theTranscriptShowsLiteralSizesNotContent() {
        Run run = run(MemoryTransport.inPiecesOf(CLIENT_BYTES.getBytes(StandardCharsets.US_ASCII), 7));
        List<String> lines = run.transcript.lines().stream().filter(line -> line.direction() == 'C')
                .map(TranscriptLine::text).toList();
        assertThat(lines).contains("a APPEND INBOX {5}", "<literal: 5 octets>", " {3}",
                "<literal: 12 octets, 8 kept>", "<literal: 8 octets>");
        assertThat(lines).noneMatch(line -> line.contains("hello") || line.contains("123456789012"));
    }

    @Test
    void aClientGoneInsideALiteralEndsTheSession() {
        Run run = run(MemoryTransport.inPiecesOf("a APPEND {5}\r\nhel".getBytes(StandardCharsets.US_ASCII), 2));
        assertThat(run.written).isEqualTo("* OK tiny\r\n+ Ready for literal\r\n");
        assertThat(run.session.ended).isTrue();
        assertThat(run.transcript.lines().stream().map(TranscriptLine::text))
                .contains("client closed the connection in the middle of a 5 octet literal");
    }

    record Run(String written, Transcript transcript, TinyImapSession session) {
    }

    static Run run(MemoryTransport transport) {
        ConnectionInfo connection = new ConnectionInfo(CLIENT);
        TinyImapSession session = new TinyImapSession(connection);
        TranscriptWriter transcript = new TranscriptWriter(1, "IMAP", CLIENT, CLOCK);
        new SessionLoop(transport, session, connection, transcript, TlsContexts::builtIn, () -> { }).run();
        return new Run(new String(transport.written(), StandardCharsets.UTF_8), transcript, session);
    }
}
