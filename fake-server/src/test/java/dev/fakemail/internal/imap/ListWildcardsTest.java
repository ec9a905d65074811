package dev.fakemail.internal.imap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** LIST's wildcards (RFC 3501 §6.3.8): '*' matches anything, '%' anything but the hierarchy delimiter. */
class ListWildcardsTest {
    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource({
        "*, INBOX, true", "*, Work/Old, true", "%, Work/Old, false", "%, Work, true", "Work/%, Work/Old, true",
        "Work/%, Work/Old/Deep, false", "Work/*, Work/Old/Deep, true", "W*d, Work/Old, true", "W%d, Work/Old, false",
        "Work, Work, true", "Work, Works, false", "Work*, Work, true", "'', '', true", "'', Work, false",
        "*%*, Work/Old, true", "%/%, Work/Old, true", "inbox, INBOX, true", "inbox/%, INBOX/Sub, true",
        "Wor, Work, false",
    })
    void wildcardsMatchAsTheRfcSays(String pattern, String name, boolean matches) {
        assertThat(ListHandlers.matches(pattern, name)).isEqualTo(matches);
    }

    @Test
    @Timeout(10)
    void manyWildcardsTakeNoLongerThanTheirLength() {
        String stars = "*".repeat(90);

        assertThat(ListHandlers.matches(stars + "K", "Work/Old/Deep/Archive/2026/December")).isFalse();
        assertThat(ListHandlers.matches("%".repeat(90) + "*K", "Work/Old/Deep/Archive/2026/DecemberK")).isTrue();
    }
}
