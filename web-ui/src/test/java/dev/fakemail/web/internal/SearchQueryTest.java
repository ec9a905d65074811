package dev.fakemail.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.internal.store.InMemoryMailStore;
import dev.fakemail.store.Envelope;
import dev.fakemail.store.EnvelopeRecipient;
import dev.fakemail.store.MailStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The search language, without a server: parsing, matching, and the errors users see. */
class SearchQueryTest {
    private static final Instant NOON = Instant.parse("2024-05-01T12:00:00Z");

    private final MessageSummary invoice = summary("shop@example.test", "bob@example.test",
            "From: Shop <noreply@shop.test>\r\nTo: Bob <bob@example.test>\r\nCc: Carol <carol@example.test>\r\n"
                    + "Subject: Your Invoice\r\n\r\nTotal: 42 EUR, see https://shop.test/x\r\n");

    @Test
    void fieldsMatchSubstringsIgnoringCase() {
        assertThat(matches("from:SHOP")).isTrue();
        assertThat(matches("from:noreply@shop.test")).isTrue(); // the From header counts as sender
        assertThat(matches("to:carol")).isTrue(); // Cc counts as recipient
        assertThat(matches("subject:invoice")).isTrue();
        assertThat(matches("text:\"42 eur\"")).isTrue();
        assertThat(matches("42")).isTrue();
        assertThat(matches("from:bob")).isFalse();
        assertThat(matches("-subject:invoice")).isFalse();
        assertThat(matches("has:attachment")).isFalse();
        assertThat(matches("-has:attachment has:html")).isFalse();
    }

    @Test
    void datesAreUtcDaysOrInstants() {
        assertThat(matches("after:2024-05-01 before:2024-05-02")).isTrue();
        assertThat(matches("after:2024-05-01T12:00:00Z")).isTrue(); // after is inclusive
        assertThat(matches("before:2024-05-01T12:00:00Z")).isFalse(); // before is exclusive
        assertThat(matches("before:2024-05-01T13:00:00+02:00")).isFalse();
        assertThat(matches("after:2024-05-01T11:59")).isTrue();
    }

    @Test
    void quotesKeepSpacesAndColonsAndEscapedQuotes() {
        assertThat(matches("\"https://shop.test/x\"")).isTrue();
        assertThat(SearchQuery.parse("subject:\"a \\\"b\\\" c\"").toString()).isEqualTo("subject:\"a \\\"b\\\" c\"");
        assertThat(SearchQuery.parse("  ").isEmpty()).isTrue();
        assertThat(SearchQuery.parse("-").toString()).isEqualTo("-"); // a lone minus is a word
    }

    @Test
    void errorsSayWhatIsWrong() {
        assertThatThrownBy(() -> SearchQuery.parse("http://x")).hasMessageStartingWith("unknown search field 'http:'")
                .hasMessageContaining("put it in quotes");
        assertThatThrownBy(() -> SearchQuery.parse("before:")).hasMessageStartingWith("search field 'before:' needs");
        assertThatThrownBy(() -> SearchQuery.parse("after:5/1/2024")).hasMessageContaining("2024-05-01");
        assertThatThrownBy(() -> SearchQuery.parse("\"open")).hasMessageStartingWith("search has a quote");
        assertThatThrownBy(() -> SearchQuery.parse("x".repeat(SearchQuery.MAX_LENGTH + 1)))
                .hasMessageStartingWith("search is too long");
        assertThat(catchStatus(() -> SearchQuery.parse("nope:x"))).isEqualTo(400);
    }

    @Test
    void parametersAddTermsToTheQuery() {
        Map<String, Deque<String>> parameters = Map.of("q", deque("invoice"), "to", deque("bob"),
                "hasAttachment", deque("false"));

        SearchQuery query = SearchQuery.fromParameters(parameters);

        assertThat(query.toString()).isEqualTo("invoice to=bob hasAttachment=false");
        assertThat(query.matches(invoice)).isTrue();
    }

    private boolean matches(String query) {
        return SearchQuery.parse(query).matches(invoice);
    }

    private static int catchStatus(Runnable action) {
        try {
            action.run();
            return 0;
        } catch (ApiException e) {
            return e.status();
        }
    }

    private static Deque<String> deque(String value) {
        return new ArrayDeque<>(List.of(value));
    }

    static MessageSummary summary(String from, String to, String data) {
        InMemoryMailStore store = new InMemoryMailStore(Clock.fixed(NOON, ZoneOffset.UTC));
        Envelope envelope = new Envelope(from, Map.of(), List.of(new EnvelopeRecipient(to, Map.of())), "helo",
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000), null, null, "ESMTP");
        return MessageSummary.of(store.deliver(envelope, data.getBytes(StandardCharsets.UTF_8)));
    }
}
