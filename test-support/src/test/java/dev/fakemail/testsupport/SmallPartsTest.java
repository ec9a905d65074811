package dev.fakemail.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmallPartsTest {
    @Test
    void aManualClockMovesOnlyWhenTold() {
        ManualClock clock = new ManualClock();
        assertThat(clock.instant()).isEqualTo(ManualClock.DEFAULT_START);
        clock.advance(Duration.ofSeconds(90));
        assertThat(clock.millis()).isEqualTo(ManualClock.DEFAULT_START.toEpochMilli() + 90_000);
        clock.set(Instant.EPOCH);
        assertThat(clock.instant()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void aPlainMessageIsHeadersAndText() {
        String message = MessageBuilder.message().from("a@example.test").to("b@example.test", "c@example.test")
                .subject("Grüße").text("line 1\nline 2").build();
        assertThat(message).isEqualTo("From: a@example.test\r\nTo: b@example.test, c@example.test\r\n"
                + "Subject: =?UTF-8?B?R3LDvMOfZQ==?=\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n"
                + "line 1\r\nline 2\r\n");
    }

    @Test
    void htmlAndAttachmentsMakeNestedMultiparts() {
        String message = MessageBuilder.message().subject("s").text("plain").html("<p>rich</p>")
                .attach("a.bin", "application/octet-stream", new byte[] {1, 2, 3}).build();
        assertThat(message).isEqualTo("Subject: s\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"=_mixed\"\r\n\r\n"
                + "--=_mixed\r\nContent-Type: multipart/alternative; boundary=\"=_alternative\"\r\n\r\n"
                + "--=_alternative\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 7bit\r\n"
                + "\r\nplain\r\n"
                + "--=_alternative\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: 7bit\r\n"
                + "\r\n<p>rich</p>\r\n--=_alternative--\r\n"
                + "--=_mixed\r\nContent-Type: application/octet-stream; name=\"a.bin\"\r\n"
                + "Content-Disposition: attachment; filename=\"a.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + "AQID\r\n--=_mixed--\r\n");
    }

    @Test
    void aMessageOfSizeHasExactlyThatSize() {
        for (int size : new int[] {20, 100, 1000, 4097}) {
            String message = MessageBuilder.ofSize(size, "x");
            assertThat(message.getBytes(StandardCharsets.US_ASCII)).hasSize(size);
            assertThat(message).startsWith("Subject: x\r\n\r\n").endsWith("\r\n");
        }
    }

    @Test
    void aFixtureClosesWhatWasOpenedNewestFirstThenTheStartedThing() {
        List<String> closed = new ArrayList<>();
        Fixture<AutoCloseable> fixture = Fixture.of(() -> () -> closed.add("server"));
        fixture.get();
        fixture.track(() -> closed.add("client 1"));
        fixture.track(() -> closed.add("client 2"));
        fixture.close();
        assertThat(closed).containsExactly("client 2", "client 1", "server");
        assertThat(fixture.isRunning()).isFalse();
        fixture.close();
        assertThat(closed).hasSize(3);
        assertThatThrownBy(() -> Fixture.empty().get()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void trustAllAcceptsAnyChain() throws Exception {
        TrustAll.trustManager().checkServerTrusted(new java.security.cert.X509Certificate[0], "RSA");
        assertThat(TrustAll.context().getProtocol()).isEqualTo("TLS");
    }
}
