package dev.fakemail.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.store.Envelope;
import dev.fakemail.store.EnvelopeRecipient;
import dev.fakemail.store.StoredMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A delivery's internal date is the clock's instant at the offset its zone has at that instant: the store keeps a
 * zone's rules between deliveries, so a zone with summer time and a clock whose zone changes must still come out
 * right.
 */
class DeliveryDateTest {
    private final MovableClock clock = new MovableClock();
    private final InMemoryMailStore store = new InMemoryMailStore(clock);

    @Test
    void eachDeliveryGetsTheOffsetItsZoneHasAtThatInstant() {
        clock.set("2026-01-15T10:00:00.123Z", "Europe/Berlin");
        store.deliver(envelope(), bytes("winter"), null);
        clock.set("2026-07-15T10:00:00.456Z", "Europe/Berlin");
        store.deliver(envelope(), bytes("summer"), null);
        clock.set("2026-07-15T11:00:00.789Z", "Asia/Kolkata");
        store.deliver(envelope(), bytes("elsewhere"), null);

        List<StoredMessage> inbox = store.inbox("bob@example.test").messages();
        assertThat(inbox).extracting(StoredMessage::internalDate).containsExactly(
                OffsetDateTime.parse("2026-01-15T11:00:00.123+01:00"),
                OffsetDateTime.parse("2026-07-15T12:00:00.456+02:00"),
                OffsetDateTime.parse("2026-07-15T16:30:00.789+05:30"));
    }

    @Test
    void anInternalDateBefore1970KeepsItsMillisecondAndOffset() {
        clock.set("1969-12-31T23:59:59.001Z", "America/New_York");
        store.deliver(envelope(), bytes("old"), null);

        OffsetDateTime date = store.inbox("bob@example.test").messages().get(0).internalDate();
        assertThat(date).isEqualTo(OffsetDateTime.parse("1969-12-31T18:59:59.001-05:00"));
        assertThat(date.toInstant()).isEqualTo(Instant.parse("1969-12-31T23:59:59.001Z"));
    }

    private static Envelope envelope() {
        return new Envelope("a@example.test", Map.of(), List.of(new EnvelopeRecipient("bob@example.test", Map.of())),
                "client.test", new InetSocketAddress("127.0.0.1", 4000), null, null, "ESMTP");
    }

    private static byte[] bytes(String text) {
        return ("Subject: " + text + "\r\n\r\n" + text + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.EPOCH;
        private ZoneId zone = ZoneId.of("UTC");

        void set(String instant, String zoneId) {
            now = Instant.parse(instant);
            zone = ZoneId.of(zoneId);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            throw new UnsupportedOperationException();
        }
    }
}
