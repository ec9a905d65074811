package dev.fakemail.internal.imap.mime;

import static dev.fakemail.internal.imap.mime.Fixtures.bytes;
import static dev.fakemail.internal.imap.mime.Fixtures.str;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RenderCacheTest {
    private static final byte[] RAW = bytes("Subject: s\r\n\r\nbody\r\n");

    @Test
    void rendersOnceAndServesTheSameBytesAfterwards() {
        RenderCache cache = new RenderCache(10_000);
        byte[] first = cache.get(1L, RenderCache.Item.ENVELOPE, RAW);
        assertThat(str(first)).isEqualTo("(NIL \"s\" NIL NIL NIL NIL NIL NIL NIL NIL)");
        assertThat(cache.get(1L, RenderCache.Item.ENVELOPE, RAW)).isSameAs(first);
        assertThat(str(cache.get(1L, RenderCache.Item.BODY, RAW)))
                .isEqualTo("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 6 1)");
        assertThat(str(cache.get(1L, RenderCache.Item.BODYSTRUCTURE, RAW)))
                .isEqualTo("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 6 1 NIL NIL NIL NIL)");
        assertThat(cache.entryCount()).isEqualTo(3);
    }

    @Test
    void staysWithinItsByteBudgetByDroppingTheOldestEntries() {
        int entryCost = 41 + RenderCache.ENTRY_OVERHEAD; // the envelope above is 41 bytes
        RenderCache cache = new RenderCache(2L * entryCost);
        byte[] one = cache.get(1L, RenderCache.Item.ENVELOPE, RAW);
        byte[] two = cache.get(2L, RenderCache.Item.ENVELOPE, RAW);
        byte[] three = cache.get(3L, RenderCache.Item.ENVELOPE, RAW); // evicts 1, the oldest
        assertThat(cache.entryCount()).isEqualTo(2);
        assertThat(cache.sizeInBytes()).isEqualTo(2L * entryCost);
        assertThat(cache.get(2L, RenderCache.Item.ENVELOPE, RAW)).isSameAs(two);
        assertThat(cache.get(3L, RenderCache.Item.ENVELOPE, RAW)).isSameAs(three);
        assertThat(cache.get(1L, RenderCache.Item.ENVELOPE, RAW)).isNotSameAs(one).isEqualTo(one); // rendered again
        cache.remove(3L);
        assertThat(cache.entryCount()).isEqualTo(1);
        assertThat(cache.sizeInBytes()).isEqualTo(entryCost);
        assertThat(new RenderCache(0).get(9L, RenderCache.Item.ENVELOPE, RAW)).isEqualTo(one);
    }
}
