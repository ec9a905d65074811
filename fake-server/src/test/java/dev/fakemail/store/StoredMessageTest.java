package dev.fakemail.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StoredMessageTest {
    private static StoredMessage stored(String text) {
        return new StoredMessage(1, 1, Set.of(), OffsetDateTime.ofInstant(Instant.EPOCH, ZoneOffset.UTC), text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void crlfSizeCountsBareLineFeedsAsCrLfAndCompletesTheLastLine() {
        assertThat(stored("a\r\nb\r\n").crlfSize()).isEqualTo(6);
        assertThat(stored("a\nb\n").crlfSize()).isEqualTo(6);
        assertThat(stored("\na\r\n").crlfSize()).isEqualTo(5);
        assertThat(stored("a\r\nlast").crlfSize()).isEqualTo(9);
        assertThat(stored("").crlfSize()).isZero();
        StoredMessage message = stored("x\ny\n");
        assertThat(message.crlfSize()).isEqualTo(message.crlfSize()).isEqualTo(6);
    }
}
