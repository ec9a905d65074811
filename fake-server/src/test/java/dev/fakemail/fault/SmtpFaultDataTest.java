package dev.fakemail.fault;

import static dev.fakemail.fault.SmtpFaultSupport.MAIL_OK;
import static dev.fakemail.fault.SmtpFaultSupport.builder;
import static dev.fakemail.fault.SmtpFaultSupport.hitLine;
import static dev.fakemail.fault.SmtpFaultSupport.millisSince;
import static dev.fakemail.testing.Transcripts.endedTranscript;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.fault.SmtpFaultSupport.Client;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.store.StoreEvent;
import dev.fakemail.testing.Transcripts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Faults around the message data: at a DATA line, at the end of the data (DATA and BDAT LAST), after the
 * reply to DATA. A message is stored only when the client got the 250; one that arrived whole but whose
 * connection a rule ended before any reply is listed as unacknowledged, with its fate.
 */
@Timeout(30)
class SmtpFaultDataTest extends RawSmtpFaultTest {
    private static final String MESSAGE = "Subject: Important\r\nX-Trace: abc\r\n\r\nLine one.\r\n..dot line\r\nLast.\r\n";
    /** MESSAGE as stored (dot-unstuffed). */
    private static final String STORED_CONTENT = "Subject: Important\r\nX-Trace: abc\r\n\r\nLine one.\r\n.dot line\r\nLast.\r\n";

    @BeforeEach
    void startServer() {
        start(builder());
    }

    /** A connection that is ready to send message data (354 received). */
    private Client readyForData() throws IOException {
        Client client = connect();
        client.hello();
        client.expectReplies(
                "MAIL FROM:<alice@example.test>", "250 2.1.0 Ok",
                "RCPT TO:<bob@example.test>", "250 2.1.5 Ok",
                "DATA", "354 End data with <CR><LF>.<CR><LF>");
        return client;
    }

    private static String storedContent(ReceivedMessage message) {
        String raw = message.asString();
        assertThat(raw).startsWith("Return-Path: <alice@example.test>\r\n");
        int start = raw.indexOf("Subject: ");
        return raw.substring(start);
    }

    // --- DATA lines --------------------------------------------------------------------------------------------

    @Test
    void disconnectAtAMatchingDataLineStoresNothing() throws IOException {
        FaultHandle handle = server.faults().smtp(Trigger.dataLine("X-Trace: *")).disconnect();
        Client client = readyForData();
        // Up to and including the matching line; the server must cut the transfer there.
        client.send("Subject: Important\r\nX-Trace: abc\r\n");
        client.assertEof();

        assertThat(server.messages()).isEmpty();
        assertThat(server.unacknowledged()).as("the message never arrived whole").isEmpty();
        assertThat(handle.hits()).isEqualTo(1);
        assertThat(handle.occurrences()).as("only matching lines are occurrences")
                .isEqualTo(1);
        assertThat(endedTranscript(server, client)).containsSubsequence(
                hitLine(handle, 1),
                "*: message data cut off by a fault rule after 34 octets; nothing stored",
                "*: closed");
    }

    @Test
    void resetAtADataLine() throws IOException {
        server.faults().smtp(Trigger.dataLine("*secret*")).reset();
        Client client = readyForData();
        client.send("Subject: the secret plan\r\n");
        client.assertReset();
        assertThat(server.messages()).isEmpty();
        assertThat(server.unacknowledged()).isEmpty();
    }

    @Test
    void dataLineRuleThatDoesNotMatchLetsTheMessageThrough() throws IOException {
        FaultHandle handle = server.faults().smtp(Trigger.dataLine("X-Virus: *")).disconnect();
        Client client = readyForData();
        assertThat(client.command(MESSAGE + ".")).startsWith("250 2.0.0 Ok: queued as ");
        assertThat(server.messages()).hasSize(1);
        assertThat(storedContent(server.messages().get(0))).isEqualTo(STORED_CONTENT);
        assertThat(handle.hits()).isZero();
    }

    @Test
    void dataLineSeesDotUnstuffedLines() throws IOException {
        server.faults().smtp(Trigger.dataLine(".dot line")).disconnect();
        Client client = readyForData();
        client.send("Subject: x\r\n\r\n..dot line\r\n");
        client.assertEof();
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void dataLineSplitAcrossWritesIsStillOneLine() throws IOException {
        server.faults().smtp(Trigger.dataLine("X-Trace: abc")).disconnect();
        Client client = readyForData();
        client.send("Subject: Important\r\nX-Tr");
        Transcripts.pause(150);
        client.send("ace: a");
        Transcripts.pause(150);
        client.send("bc\r\n");
        client.assertEof();
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void dataLineDelayStallsTheTransferButKeepsTheMessage() throws IOException {
        server.faults().smtp(Trigger.dataLine("Last.")).delay(Duration.ofMillis(300));
        Client client = readyForData();
        long start = System.nanoTime();
        assertThat(client.command(MESSAGE + ".")).startsWith("250 2.0.0 Ok: queued as ");
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(280).isLessThan(5_000);
        assertThat(server.messages()).hasSize(1);
    }

    @Test
    void dataLineRuleInTextForm() throws IOException {
        server.faults().addText("smtp data-line \"X-Trace: *\" -> disconnect");
        Client client = readyForData();
        client.send("Subject: Important\r\nX-Trace: abc\r\n");
        client.assertEof();
        assertThat(server.messages()).isEmpty();
    }

    // --- end of data ----------------------------------------------------------------------------------------------

    @Test
    void endOfDataReply554StoresNothingAndTheSessionGoesOn() throws IOException {
        FaultHandle handle = server.faults().smtp(Trigger.endOfData()).times(1)
                .reply(554, "5.7.1", "Message rejected as spam");
        Client client = readyForData();
        assertThat(client.command(MESSAGE + ".")).isEqualTo("554 5.7.1 Message rejected as spam\r\n");
        assertThat(server.messages()).isEmpty();
        assertThat(server.unacknowledged()).as("the client got a reply").isEmpty();

        // The transaction is over: a new MAIL needs no RSET, and the next message is accepted.
        client.expectReplies(
                "MAIL FROM:<alice@example.test>", "250 2.1.0 Ok",
                "RCPT TO:<bob@example.test>", "250 2.1.5 Ok",
                "DATA", "354 End data with <CR><LF>.<CR><LF>");
        assertThat(client.command(MESSAGE + ".")).startsWith("250 2.0.0 Ok: queued as ");
        assertThat(server.messages()).hasSize(1);
        assertThat(handle.hits()).isEqualTo(1);
    }

    @Test
    void endOfDataTemporaryFailureThenSuccessOnRetry() throws IOException {
        server.faults().smtp(Trigger.endOfData()).times(1).reply(451, "4.3.0", "Queue write error");
        Client client = readyForData();
        client.expectReplies(
                MESSAGE + ".", "451 4.3.0 Queue write error",
                "RSET", "250 2.0.0 Ok");
        assertThat(client.sendMessage("alice@example.test", "bob@example.test", "retry"))
                .startsWith("250 2.0.0 Ok: queued as ");
        assertThat(server.messages()).extracting(ReceivedMessage::subject).containsExactly("retry");
    }

    @Test
    void endOfDataDisconnectRecordsTheMessageAsUnacknowledged() throws IOException {
        List<StoreEvent> events = new CopyOnWriteArrayList<>();
        server.store().subscribe(events::add);
        FaultHandle handle = server.faults().smtp(Trigger.endOfData()).disconnect();
        Client client = readyForData();
        client.send(MESSAGE + ".\r\n");
        client.assertEof();

        assertThat(server.messages()).as("the client never got a 250").isEmpty();
        List<ReceivedMessage> unacknowledged = server.unacknowledged();
        assertThat(unacknowledged).hasSize(1);
        ReceivedMessage message = unacknowledged.get(0);
        assertThat(message.isAcknowledged()).isFalse();
        assertThat(message.unacknowledgedFate())
                .contains("connection closed by a fault rule after the data, before any reply");
        assertThat(storedContent(message)).isEqualTo(STORED_CONTENT);
        assertThat(message.envelope().mailFrom()).isEqualTo("alice@example.test");
        assertThat(message.envelope().recipientAddresses()).containsExactly("bob@example.test");
        assertThat(events).anyMatch(event -> event instanceof StoreEvent.MessageUnacknowledged);
        assertThat(events).noneMatch(event -> event instanceof StoreEvent.MessageReceived);

        assertThat(endedTranscript(server, client)).containsSubsequence(
                "C: <message data: 65 octets kept, COMPLETE>",
                hitLine(handle, 1),
                "*: closed");
    }

    @Test
    void endOfDataDisconnectTranscriptSaysTheMessageWasNotAcknowledged() throws IOException {
        server.faults().smtp(Trigger.endOfData()).disconnect();
        Client client = readyForData();
        client.send(MESSAGE + ".\r\n");
        client.assertEof();
        List<String> transcript = endedTranscript(server, client);
        assertThat(transcript).as("the transcript says the message was not acknowledged:\n%s",
                String.join("\n", transcript))
                .anyMatch(line -> line.startsWith("*: ") && (line.contains("unacknowledged")
                        || line.contains("before any reply")));
    }

    @Test
    void endOfDataResetRecordsTheMessageWithItsFate() throws IOException {
        server.faults().smtp(Trigger.endOfData()).reset();
        Client client = readyForData();
        client.send(MESSAGE + ".\r\n");
        client.assertReset();
        assertThat(server.messages()).isEmpty();
        assertThat(awaitUnacknowledged()).hasSize(1);
        assertThat(server.unacknowledged().get(0).unacknowledgedFate())
                .contains("connection reset by a fault rule after the data, before any reply");
    }

    @Test
    void endOfDataStallRecordsTheMessageWithItsFate() throws IOException {
        server.faults().smtp(Trigger.endOfData()).stall(Duration.ofMillis(300));
        Client client = readyForData();
        client.send(MESSAGE + ".\r\n");
        client.assertEof();
        assertThat(server.messages()).isEmpty();
        assertThat(awaitUnacknowledged()).hasSize(1);
        assertThat(server.unacknowledged().get(0).unacknowledgedFate())
                .contains("connection stalled by a fault rule after the data, before any reply");
    }

    @Test
    void endOfData421ReplyIsAReplySoTheMessageIsNotUnacknowledged() throws IOException {
        server.faults().smtp(Trigger.endOfData()).reply(421, "4.3.2", "Shutting down");
        Client client = readyForData();
        client.send(MESSAGE + ".\r\n");
        assertThat(client.readStringToEnd()).isEqualTo("421 4.3.2 Shutting down\r\n");
        assertThat(server.messages()).isEmpty();
        endedTranscript(server, client);
        assertThat(server.unacknowledged()).as("the client got a (negative) reply: it knows it was not sent")
                .isEmpty();
    }

    @Test
    void endOfDataReplyAndDisconnectIsAReplySoTheMessageIsNotUnacknowledged() throws IOException {
        server.faults().smtp(Trigger.endOfData()).replyAndDisconnect(554, "5.7.1", "Rejected, goodbye");
        Client client = readyForData();
        client.send(MESSAGE + ".\r\n");
        assertThat(client.readStringToEnd()).isEqualTo("554 5.7.1 Rejected, goodbye\r\n");
        endedTranscript(server, client);
        assertThat(server.messages()).isEmpty();
        assertThat(server.unacknowledged()).as("the client got a reply: it knows the message was refused").isEmpty();
    }

    @Test
    void endOfDataCutBeforeTheReplyMeansTheClientNeverGotA250() throws IOException {
        // The connection is cut before a single byte of the reply: the client cannot know the message arrived,
        // so it must not be in messages() (stored only when the client got the 250) but in unacknowledged().
        server.faults().smtp(Trigger.endOfData()).disconnectAfterBytes(0);
        Client client = readyForData();
        client.send(MESSAGE + ".\r\n");
        client.assertEof();
        endedTranscript(server, client);
        assertThat(server.messages()).as("the client got no 250").isEmpty();
        assertThat(server.unacknowledged()).hasSize(1);
    }

    @Test
    void resetForgetsUnacknowledgedMessages() throws IOException {
        server.faults().smtp(Trigger.endOfData()).disconnect();
        Client client = readyForData();
        client.send(MESSAGE + ".\r\n");
        client.assertEof();
        assertThat(server.unacknowledged()).hasSize(1);
        server.reset();
        assertThat(server.unacknowledged()).isEmpty();
    }

    /** The reset case can reach the client before the server recorded the message; wait for it briefly. */
    private List<ReceivedMessage> awaitUnacknowledged() {
        long start = System.nanoTime();
        while (server.unacknowledged().isEmpty() && millisSince(start) < 5_000) {
            Transcripts.pause(10);
        }
        return server.unacknowledged();
    }

    // --- BDAT ---------------------------------------------------------------------------------------------------

    @Test
    void bdatLastDisconnectRecordsAllChunksAsUnacknowledged() throws IOException {
        server.faults().smtp(Trigger.endOfData()).disconnect();
        Client client = connect();
        client.hello();
        client.expectReplies(
                "MAIL FROM:<alice@example.test>", "250 2.1.0 Ok",
                "RCPT TO:<bob@example.test>", "250 2.1.5 Ok");
        String first = "Subject: Chunked\r\n";
        String last = "\r\nBody.\r\n";
        assertThat(client.command("BDAT " + first.length() + "\r\n" + first.substring(0, first.length() - 2)))
                .isEqualTo("250 2.0.0 Ok: " + first.length() + " octets received\r\n");
        client.send("BDAT " + last.length() + " LAST\r\n" + last);
        client.assertEof();

        assertThat(server.messages()).isEmpty();
        assertThat(server.unacknowledged()).hasSize(1);
        ReceivedMessage message = server.unacknowledged().get(0);
        assertThat(storedContent(message)).isEqualTo(first + last);
        assertThat(message.unacknowledgedFate())
                .contains("connection closed by a fault rule after the data, before any reply");
    }

    @Test
    void bdatLastReplyRefusesAndStoresNothing() throws IOException {
        server.faults().smtp(Trigger.endOfData()).reply(554, "5.6.0", "Content rejected");
        Client client = connect();
        client.hello();
        client.command("MAIL FROM:<alice@example.test>");
        client.command("RCPT TO:<bob@example.test>");
        String body = "Subject: One chunk\r\n\r\nBody.\r\n";
        assertThat(client.command("BDAT " + body.length() + " LAST\r\n" + body.substring(0, body.length() - 2)))
                .isEqualTo("554 5.6.0 Content rejected\r\n");
        assertThat(server.messages()).isEmpty();
        assertThat(server.unacknowledged()).isEmpty();
        assertThat(client.command("MAIL FROM:<alice@example.test>")).isEqualTo(MAIL_OK);
    }

    @Test
    void bdatChunksBeforeLastDoNotTriggerEndOfData() throws IOException {
        FaultHandle handle = server.faults().smtp(Trigger.endOfData()).reply(554, "5.6.0", "Content rejected");
        Client client = connect();
        client.hello();
        client.command("MAIL FROM:<alice@example.test>");
        client.command("RCPT TO:<bob@example.test>");
        assertThat(client.command("BDAT 4\r\nab")).isEqualTo("250 2.0.0 Ok: 4 octets received\r\n");
        assertThat(handle.occurrences()).isZero();
        assertThat(client.command("BDAT 0 LAST")).isEqualTo("554 5.6.0 Content rejected\r\n");
        assertThat(handle.occurrences()).isEqualTo(1);
    }

    // --- after the reply to DATA ---------------------------------------------------------------------------------

    @Test
    void disconnectAfterTheReplyToDataKeepsTheMessage() throws IOException {
        server.faults().smtp(Trigger.afterReply("DATA")).disconnect();
        Client client = readyForData();
        client.send(MESSAGE + ".\r\n");
        String received = client.readStringToEnd();
        assertThat(received).startsWith("250 2.0.0 Ok: queued as ").endsWith("\r\n");
        assertThat(received.lines()).hasSize(1);
        assertThat(server.messages()).hasSize(1);
        assertThat(received).isEqualTo("250 2.0.0 Ok: queued as " + server.messages().get(0).id() + "\r\n");
        assertThat(storedContent(server.messages().get(0))).isEqualTo(STORED_CONTENT);
        assertThat(server.unacknowledged()).isEmpty();
    }

    @Test
    void afterReplyToBdatLastKeepsTheMessage() throws IOException {
        server.faults().smtp(Trigger.afterReply("BDAT", "* LAST")).disconnect();
        Client client = connect();
        client.hello();
        client.command("MAIL FROM:<alice@example.test>");
        client.command("RCPT TO:<bob@example.test>");
        assertThat(client.command("BDAT 4\r\nab")).isEqualTo("250 2.0.0 Ok: 4 octets received\r\n");
        client.send("BDAT 4 LAST\r\ncd\r\n");
        String received = client.readStringToEnd();
        assertThat(received).startsWith("250 2.0.0 Ok: queued as ");
        assertThat(server.messages()).hasSize(1);
        assertThat(new String(server.messages().get(0).bytes(), StandardCharsets.US_ASCII)).endsWith("ab\r\ncd\r\n");
    }

    @Test
    void endOfDataDelayDelaysTheAcceptance() throws IOException {
        server.faults().smtp(Trigger.endOfData()).delay(Duration.ofMillis(400));
        Client client = readyForData();
        long start = System.nanoTime();
        client.send(MESSAGE + ".\r\n");
        client.setTimeoutMillis(200);
        try {
            client.reply();
            throw new AssertionError("reply arrived before the delay");
        } catch (java.net.SocketTimeoutException expected) {
            assertThat(server.messages()).as("not stored before the client can get its 250").isEmpty();
        }
        client.setTimeoutMillis(SmtpFaultSupport.READ_TIMEOUT_MILLIS);
        assertThat(client.reply()).startsWith("250 2.0.0 Ok: queued as ");
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(380).isLessThan(5_000);
        assertThat(server.messages()).hasSize(1);
    }
}
