package dev.fakemail.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.internal.auth.UserPolicy;
import dev.fakemail.internal.session.ConnectionInfo;
import dev.fakemail.internal.store.InMemoryMailStore;
import dev.fakemail.store.Envelope;
import dev.fakemail.store.EnvelopeRecipient;
import dev.fakemail.testsupport.ManualClock;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Return-Path and Received fields, and their reuse for a bulk sender's messages within one second. */
class TraceHeadersTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-05T22:10:07.100Z"));
    private final SmtpSession session = new SmtpSession(
            new SmtpSettings("mx.test", 1024 * 1024, 100, 1000, 1000, 20, false, false, UserPolicy.anyone(), clock),
            new InMemoryMailStore(clock), new ConnectionInfo(CLIENT));

    @Test
    void namesTheEnvelopeTheClientAndTheSecond() {
        assertThat(text(TraceHeaders.of(session, envelope("a@test.example")))).isEqualTo(
                "Return-Path: <sender@test.example>\r\n"
                        + "Received: from client.test ([127.0.0.1])\r\n"
                        + "\tby mx.test (fakemail) with ESMTP\r\n"
                        + "\tfor <a@test.example>; Sat, 5 Dec 2026 22:10:07 +0000\r\n");
    }

    @Test
    void theSameEnvelopeInTheSameSecondGetsTheSameFields() {
        Envelope envelope = envelope("a@test.example");
        byte[] first = TraceHeaders.of(session, envelope);
        clock.advance(Duration.ofMillis(800));
        assertThat(TraceHeaders.of(session, envelope)).isSameAs(first);
    }

    @Test
    void aNewSecondGetsItsOwnDate() {
        Envelope envelope = envelope("a@test.example");
        byte[] first = TraceHeaders.of(session, envelope);
        clock.advance(Duration.ofMillis(900)); // 22:10:08.000
        byte[] next = TraceHeaders.of(session, envelope);
        assertThat(next).isNotSameAs(first);
        assertThat(text(next)).endsWith("; Sat, 5 Dec 2026 22:10:08 +0000\r\n");
        assertThat(text(first)).endsWith("; Sat, 5 Dec 2026 22:10:07 +0000\r\n");
    }

    @Test
    void anotherEnvelopeGetsItsOwnFields() {
        byte[] first = TraceHeaders.of(session, envelope("a@test.example"));
        byte[] other = TraceHeaders.of(session, envelope("b@test.example"));
        assertThat(text(other)).contains("\tfor <b@test.example>;");
        assertThat(text(first)).contains("\tfor <a@test.example>;");
        // equal but not the same object (an unacknowledged message's envelope): formatted again, same text
        assertThat(TraceHeaders.of(session, envelope("b@test.example"))).isNotSameAs(other).isEqualTo(other);
    }

    private static Envelope envelope(String recipient) {
        return new Envelope("sender@test.example", Map.of(), List.of(new EnvelopeRecipient(recipient, Map.of())),
                "client.test", CLIENT, null, null, "ESMTP");
    }

    private static String text(byte[] fields) {
        return new String(fields, StandardCharsets.US_ASCII);
    }
}
