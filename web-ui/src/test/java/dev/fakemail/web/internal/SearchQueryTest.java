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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The search language, without a server: parsing, matching, and the errors users see. */
class SearchQueryTest {
    private static final Instant NOON = Instant.parse("2024-05-01T12:00:00Z");

    private final MessageSummary invoice = summary("shop@example.test", "bob@example.test",
            "From: Shop <noreply@shop.test>\r\nTo: Bob <bob@example.test>\r\nCc: Carol <carol@example.test>\r\n"
                    + "Subject: Your Invoice\r\n\r\nTotal: 42 EUR, see https://shop.test/x\r\n");

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            from:SHOP                | true
            # the From header counts as sender
            from:noreply@shop.test   | true
            # Cc counts as recipient
            to:carol                 | true
            subject:invoice          | true
            text:"42 eur"            | true
            42                       | true
            from:bob                 | false
            -subject:invoice         | false
            has:attachment           | false
            -has:attachment has:html | false
            """)
    void fieldsMatchSubstringsIgnoringCase(String query, boolean matches) {
        assertThat(matches(query)).isEqualTo(matches);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            after:2024-05-01 before:2024-05-02 | true
            # after is inclusive, before is exclusive
            after:2024-05-01T12:00:00Z         | true
            before:2024-05-01T12:00:00Z        | false
            before:2024-05-01T13:00:00+02:00   | false
            after:2024-05-01T11:59             | true
            """)
    void datesAreUtcDaysOrInstants(String query, boolean matches) {
        assertThat(matches(query)).isEqualTo(matches);
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

    @Test
    void ccBccMessageIdAndSizeTermsMatchTheirOwnField() {
        MessageSummary hidden = summary("shop@example.test", "audit@example.test",
                "From: Shop <noreply@shop.test>\r\nTo: Bob <bob@example.test>\r\nMessage-ID: <Abc.123@Shop.Test>\r\n"
                        + "Subject: x\r\n\r\nbody\r\n");

        assertThat(matches("cc:carol")).isTrue();
        assertThat(matches("cc:bob")).isFalse(); // To is not Cc
        assertThat(matches("bcc:bob")).isFalse(); // named in To: not hidden
        assertThat(SearchQuery.parse("bcc:audit").matches(hidden)).isTrue();
        assertThat(SearchQuery.parse("-bcc:audit").matches(hidden)).isFalse();
        assertThat(SearchQuery.parse("bcc:bob").matches(hidden)).isFalse();
        assertThat(SearchQuery.parse("message-id:abc.123@shop.test").matches(hidden)).isTrue();
        assertThat(SearchQuery.parse("MESSAGE-ID:\"<abc.123@shop.test>\"").matches(hidden)).isTrue();
        assertThat(matches("message-id:abc")).isFalse();
        int size = invoice.size;
        assertThat(matches("larger:" + (size - 1))).isTrue();
        assertThat(matches("larger:" + size)).isFalse(); // strictly larger
        assertThat(matches("smaller:" + (size + 1))).isTrue();
        assertThat(matches("smaller:" + size)).isFalse();
        assertThat(matches("smaller:1K larger:0.1k")).isEqualTo(size < 1024 && size > 102);
        assertThat(matches("smaller:2M -larger:1MB")).isTrue();
        assertThat(matches("larger:1g")).isFalse();
    }

    @Test
    void newFieldsExplainBadValues() {
        assertThatThrownBy(() -> SearchQuery.parse("larger:big")).hasMessage(
                "larger: needs a size like 500, 10K or 2M (bytes, K = 1024), got 'big'");
        assertThatThrownBy(() -> SearchQuery.parse("smaller:-5")).hasMessageStartingWith("smaller: needs a size");
        assertThatThrownBy(() -> SearchQuery.parse("smaller:10T")).hasMessageStartingWith("smaller: needs a size");
        assertThatThrownBy(() -> SearchQuery.parse("is:seen")).hasMessage("is: knows 'read' and 'unread', got 'seen'");
        assertThatThrownBy(() -> SearchQuery.parse("is:")).hasMessage("search field 'is:' needs a value, e.g. is:unread");
        assertThatThrownBy(() -> SearchQuery.parse("larger:")).hasMessage(
                "search field 'larger:' needs a value, e.g. larger:10K");
        assertThat(SearchQuery.parse("well-:known").toString()).isEqualTo("well-:known"); // no field name: a word
        assertThatThrownBy(() -> SearchQuery.parse("reply-to:x")).hasMessageStartingWith(
                "unknown search field 'reply-to:' (fields: from, to, cc, bcc, subject, text, message-id, has, is, "
                        + "after, before, larger, smaller)");
    }

    @Test
    void everyFieldIsAlsoAParameter() {
        Map<String, Deque<String>> parameters = Map.of("cc", deque("carol"), "messageId", deque("nope"),
                "larger", deque("10"), "is", deque("unread"), "read", deque("false"));

        SearchQuery query = SearchQuery.fromParameters(parameters);

        assertThat(query.toString()).isEqualTo("cc=carol messageId=nope is=unread larger=10 read=false");
        assertThat(query.matches(invoice)).isFalse(); // the Message-ID does not hold "nope"
        assertThat(SearchQuery.fromParameters(Map.of("message-id", deque("abc"))).toString())
                .isEqualTo("message-id=abc");
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
