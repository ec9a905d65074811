package dev.fakemail.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.fault.FaultHit;
import dev.fakemail.fault.Protocol;
import dev.fakemail.internal.store.InMemoryMailStore;
import dev.fakemail.store.Envelope;
import dev.fakemail.store.EnvelopeRecipient;
import dev.fakemail.store.MailStore;
import dev.fakemail.store.ReceivedMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventLinesTest {
    private final InMemoryMailStore store = new InMemoryMailStore(Clock.systemUTC());

    private static Envelope envelope(String from, String... to) {
        return new Envelope(from, Map.of(), Arrays.stream(to).map(address -> new EnvelopeRecipient(address, Map.of()))
                .toList(), "client.example.test", new InetSocketAddress("127.0.0.1", 40000), null, null, "ESMTP");
    }

    private static byte[] message(String headers, int bodyOctets) {
        return (headers + "\r\n\r\n" + "x".repeat(bodyOctets)).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aReceivedMessageIsOneLineWithSenderRecipientsSubjectAndSize() {
        byte[] raw = message("Subject: Your order", 2_000);
        ReceivedMessage received = store.deliver(envelope("shop@example.test", "bob@example.test"), raw);

        assertThat(EventLines.received(received)).isEqualTo("received #" + received.id()
                + " from <shop@example.test> to <bob@example.test> \"Your order\" " + EventLines.size(raw.length));
        assertThat(EventLines.size(raw.length)).isEqualTo("2.0 KB");
    }

    @Test
    void theNullSenderManyRecipientsAndAMissingSubjectStayShort() {
        ReceivedMessage bounce = store.deliver(envelope("", "a@x.test", "b@x.test", "c@x.test", "d@x.test",
                "e@x.test"), message("From: MAILER-DAEMON", 10));

        assertThat(EventLines.received(bounce)).isEqualTo("received #" + bounce.id()
                + " from <> to <a@x.test>, <b@x.test>, <c@x.test> and 2 more \"\" " + bounce.size() + " B");
    }

    @Test
    void aFoldedLongOrHostileSubjectStaysOnOneLine() {
        ReceivedMessage folded = store.deliver(envelope("a@x.test", "b@x.test"),
                message("Subject: first part\r\n\tsecond part", 0));
        ReceivedMessage hostile = store.deliver(envelope("a@x.test", "b@x.test"),
                message("Subject: =?UTF-8?Q?fake=0Afakemail:_received_#99?=", 0));
        ReceivedMessage longOne = store.deliver(envelope("a@x.test", "b@x.test"),
                message("Subject: " + "y".repeat(200), 0));

        assertThat(EventLines.received(folded)).contains("\"first part second part\"");
        assertThat(EventLines.received(hostile)).doesNotContain("\n").contains("\"fake fakemail: received #99\"");
        assertThat(EventLines.received(longOne)).contains("\"" + "y".repeat(80) + "...\"")
                .doesNotContain("y".repeat(81));
    }

    @Test
    void anUnacknowledgedMessageSaysWhatHappenedToIt() {
        ReceivedMessage lost = store.recordUnacknowledged(envelope("a@x.test", "b@x.test"),
                message("Subject: Lost?", 0), "connection closed by a fault rule after the data, before any reply");

        assertThat(EventLines.unacknowledged(lost)).isEqualTo("unacknowledged #" + lost.id()
                + " from <a@x.test> to <b@x.test> \"Lost?\" " + lost.size()
                + " B: connection closed by a fault rule after the data, before any reply");
    }

    @Test
    void aFaultHitNamesTheRuleTheSessionAndWhatItDid() {
        FaultHit hit = new FaultHit(3, 2, 17, Protocol.POP3, Instant.now(), "pop3 RETR -> disconnect times 2");

        assertThat(EventLines.faultHit(hit)).isEqualTo("fault #3 hit 2 in pop3 session 17: pop3 RETR -> disconnect times 2");
    }

    @ParameterizedTest
    @CsvSource({"0, 0 B", "1023, 1023 B", "1024, 1.0 KB", "2150, 2.1 KB", "1048575, 1.0 MB", "1048500, 1023.9 KB", "1048576, 1.0 MB",
            "26214400, 25.0 MB"})
    void sizesReadLikeTheLimits(long octets, String text) {
        assertThat(EventLines.size(octets)).isEqualTo(text);
    }
}
