package dev.fakemail.fault;

import static dev.fakemail.fault.SmtpFaultSupport.MAIL_OK;
import static dev.fakemail.fault.SmtpFaultSupport.builder;
import static dev.fakemail.fault.SmtpFaultSupport.hitLine;
import static dev.fakemail.fault.SmtpFaultSupport.millisSince;
import static dev.fakemail.testing.Transcripts.endedTranscript;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.fakemail.fault.SmtpFaultSupport.Client;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.store.StoreEvent;
import dev.fakemail.testing.Transcripts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

    /** MAIL FROM and RCPT TO, both accepted. */
    private static void mailAndRcpt(Client client) throws IOException {
        client.expectReplies(
                "MAIL FROM:<alice@example.test>", "250 2.1.0 Ok",
                "RCPT TO:<bob@example.test>", "250 2.1.5 Ok");
    }

    /** MAIL FROM, RCPT TO and DATA, accepted: ready to send message data. */
    private static void transactionToData(Client client) throws IOException {
        mailAndRcpt(client);
        client.expectReplies("DATA", "354 End data with <CR><LF>.<CR><LF>");
    }

    /** A connection that said EHLO, MAIL FROM and RCPT TO, ready for BDAT. */
    private Client readyForBdat() throws IOException {
        Client client = connect().hello();
        mailAndRcpt(client);
        return client;
    }

    /** A connection that is ready to send message data (354 received). */
    private Client readyForData() throws IOException {
        Client client = connect().hello();
        transactionToData(client);
        return client;
    }

    /** Adds the rules the steps add, then a connection ready to send message data. */
    private Client readyForDataAfter(Consumer<FaultPlan> rules) throws IOException {
        rules.accept(server.faults());
        return readyForData();
    }

    /** Adds the rules the steps add, then sends MESSAGE and its final dot on a new connection. */
    private Client messageSentAfter(Consumer<FaultPlan> rules) throws IOException {
        Client client = readyForDataAfter(rules);
        client.send(MESSAGE + ".\r\n");
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
    void dataLineRuleThatDoesNotMatchLetsTheMessageThrough() throws IOException {
        FaultHandle handle = server.faults().smtp(Trigger.dataLine("X-Virus: *")).disconnect();
        Client client = readyForData();
        assertThat(client.command(MESSAGE + ".")).startsWith("250 2.0.0 Ok: queued as ");
        assertThat(server.messages()).hasSize(1);
        assertThat(storedContent(server.messages().get(0))).isEqualTo(STORED_CONTENT);
        assertThat(handle.hits()).isZero();
    }

    static Stream<Arguments> dataLineRulesThatCut() {
        return Stream.of(
                arguments(named("reset", (Consumer<FaultPlan>) faults -> faults.smtp(Trigger.dataLine("*secret*"))
                        .reset()), "Subject: the secret plan\r\n", (Ending) Client::assertReset),
                arguments(named("on dot-unstuffed lines", (Consumer<FaultPlan>) faults -> faults
                        .smtp(Trigger.dataLine(".dot line")).disconnect()), "Subject: x\r\n\r\n..dot line\r\n",
                        (Ending) Client::assertEof),
                arguments(named("in text form", (Consumer<FaultPlan>) faults -> faults
                        .addText("smtp data-line \"X-Trace: *\" -> disconnect")),
                        "Subject: Important\r\nX-Trace: abc\r\n", (Ending) Client::assertEof));
    }

    /** Data up to and including the matching line: the rule cuts the transfer, nothing is stored or listed. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dataLineRulesThatCut")
    void dataLineRuleCutsTheTransfer(Consumer<FaultPlan> rule, String data, Ending ending) throws IOException {
        Client client = readyForDataAfter(rule);
        client.send(data);
        ending.seenBy(client);
        assertThat(server.messages()).isEmpty();
        assertThat(server.unacknowledged()).isEmpty();
    }

    @Test
    void dataLineSplitAcrossWritesIsStillOneLine() throws IOException {
        Client client = readyForDataAfter(faults -> faults.smtp(Trigger.dataLine("X-Trace: abc")).disconnect());
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
        Client client = readyForDataAfter(faults -> faults.smtp(Trigger.dataLine("Last."))
                .delay(Duration.ofMillis(300)));
        long start = System.nanoTime();
        assertThat(client.command(MESSAGE + ".")).startsWith("250 2.0.0 Ok: queued as ");
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(280).isLessThan(5_000);
        assertThat(server.messages()).hasSize(1);
    }

    @Test
    void endOfDataReply554StoresNothingAndTheSessionGoesOn() throws IOException {
        FaultHandle handle = server.faults().smtp(Trigger.endOfData()).times(1)
                .reply(554, "5.7.1", "Message rejected as spam");
        Client client = readyForData();
        assertThat(client.command(MESSAGE + ".")).isEqualTo("554 5.7.1 Message rejected as spam\r\n");
        assertThat(server.messages()).isEmpty();
        assertThat(server.unacknowledged()).as("the client got a reply").isEmpty();

        // The transaction is over: a new MAIL needs no RSET, and the next message is accepted.
        transactionToData(client);
        assertThat(client.command(MESSAGE + ".")).startsWith("250 2.0.0 Ok: queued as ");
        assertThat(server.messages()).hasSize(1);
        assertThat(handle.hits()).isEqualTo(1);
    }

    @Test
    void endOfDataTemporaryFailureThenSuccessOnRetry() throws IOException {
        Client client = readyForDataAfter(faults -> faults.smtp(Trigger.endOfData())
                .times(1).reply(451, "4.3.0", "Queue write error"));
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
        Client client = messageSentAfter(faults -> faults.smtp(Trigger.endOfData()).disconnect());
        client.assertEof();
        List<String> transcript = endedTranscript(server, client);
        assertThat(transcript).as("the transcript says the message was not acknowledged:\n%s",
                String.join("\n", transcript))
                .anyMatch(line -> line.startsWith("*: ") && (line.contains("unacknowledged")
                        || line.contains("before any reply")));
    }

    /** How the client sees the end of a connection. */
    private interface Ending {
        void seenBy(Client client) throws IOException;
    }

    static Stream<Arguments> endingsWithoutAReply() {
        return Stream.of(
                arguments(named("reset", (Consumer<FaultPlan>) faults -> faults.smtp(Trigger.endOfData()).reset()),
                        (Ending) Client::assertReset,
                        "connection reset by a fault rule after the data, before any reply"),
                arguments(named("stall 300 ms", (Consumer<FaultPlan>) faults -> faults.smtp(Trigger.endOfData())
                        .stall(Duration.ofMillis(300))),
                        (Ending) Client::assertEof,
                        "connection stalled by a fault rule after the data, before any reply"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endingsWithoutAReply")
    void endOfDataEndingRecordsTheMessageWithItsFate(Consumer<FaultPlan> rule, Ending ending, String fate)
            throws IOException {
        Client client = messageSentAfter(rule);
        ending.seenBy(client);
        assertThat(server.messages()).isEmpty();
        assertThat(awaitUnacknowledged()).hasSize(1);
        assertThat(server.unacknowledged().get(0).unacknowledgedFate()).contains(fate);
    }

    static Stream<Arguments> closingReplies() {
        return Stream.of(
                arguments(named("421", (Consumer<FaultPlan>) faults -> faults.smtp(Trigger.endOfData())
                        .reply(421, "4.3.2", "Shutting down")), "421 4.3.2 Shutting down\r\n"),
                arguments(named("reply and disconnect", (Consumer<FaultPlan>) faults -> faults.smtp(Trigger.endOfData())
                        .replyAndDisconnect(554, "5.7.1", "Rejected, goodbye")), "554 5.7.1 Rejected, goodbye\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("closingReplies")
    void endOfDataClosingReplyIsAReplySoTheMessageIsNotUnacknowledged(Consumer<FaultPlan> rule, String reply)
            throws IOException {
        Client client = messageSentAfter(rule);
        assertThat(client.readStringToEnd()).isEqualTo(reply);
        endedTranscript(server, client);
        assertThat(server.messages()).isEmpty();
        assertThat(server.unacknowledged()).as("the client got a reply: it knows the message was not stored")
                .isEmpty();
    }

    @Test
    void endOfDataCutBeforeTheReplyMeansTheClientNeverGotA250() throws IOException {
        // The connection is cut before a single byte of the reply: the client cannot know the message arrived,
        // so it must not be in messages() (stored only when the client got the 250) but in unacknowledged().
        Client client = messageSentAfter(faults -> faults.smtp(Trigger.endOfData()).disconnectAfterBytes(0));
        client.assertEof();
        endedTranscript(server, client);
        assertThat(server.messages()).as("the client got no 250").isEmpty();
        assertThat(server.unacknowledged()).hasSize(1);
    }

    @Test
    void resetForgetsUnacknowledgedMessages() throws IOException {
        Client client = messageSentAfter(faults -> faults.smtp(Trigger.endOfData()).disconnect());
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
        Client client = readyForBdat();
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
        Client client = readyForBdat();
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
        Client client = readyForBdat();
        assertThat(client.command("BDAT 4\r\nab")).isEqualTo("250 2.0.0 Ok: 4 octets received\r\n");
        assertThat(handle.occurrences()).isZero();
        assertThat(client.command("BDAT 0 LAST")).isEqualTo("554 5.6.0 Content rejected\r\n");
        assertThat(handle.occurrences()).isEqualTo(1);
    }

    // --- after the reply to DATA ---------------------------------------------------------------------------------

    @Test
    void disconnectAfterTheReplyToDataKeepsTheMessage() throws IOException {
        Client client = messageSentAfter(faults -> faults.smtp(Trigger.afterReply("DATA")).disconnect());
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
        Client client = readyForBdat();
        assertThat(client.command("BDAT 4\r\nab")).isEqualTo("250 2.0.0 Ok: 4 octets received\r\n");
        client.send("BDAT 4 LAST\r\ncd\r\n");
        String received = client.readStringToEnd();
        assertThat(received).startsWith("250 2.0.0 Ok: queued as ");
        assertThat(server.messages()).hasSize(1);
        assertThat(new String(server.messages().get(0).bytes(), StandardCharsets.US_ASCII)).endsWith("ab\r\ncd\r\n");
    }

    @Test
    void endOfDataDelayDelaysTheAcceptance() throws IOException {
        Client client = readyForDataAfter(faults -> faults.smtp(Trigger.endOfData()).delay(Duration.ofMillis(400)));
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
