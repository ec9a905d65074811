package dev.fakemail.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Large searches are split over the cores; the result must be the same as one scan: newest first, all. */
class SearchScanTest {
    @Test
    void aParallelScanFindsWhatASequentialOneFindsInTheSameOrder() {
        MessageSummary even = SearchQueryTest.summary("a@x", "b@x", "Subject: even\r\n\r\nx\r\n");
        MessageSummary odd = SearchQueryTest.summary("a@x", "b@x", "Subject: odd\r\n\r\nx\r\n");
        int size = SearchScan.PARALLEL_FROM + 1001;
        List<MessageSummary> all = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            all.add(i % 2 == 0 ? even : odd);
        }

        int[] found = SearchScan.matches(all, SearchQuery.parse("subject:even"));

        assertThat(found).containsExactly(IntStream.iterate(size - 1, i -> i >= 0, i -> i - 1)
                .filter(i -> i % 2 == 0).toArray());
        MessagesApi.ListPage page = SearchScan.page(all, SearchQuery.parse("subject:even"), 10, 5, 0);
        assertThat(page.total()).isEqualTo(found.length);
        assertThat(page.stored()).isEqualTo(size);
        assertThat(page.messages()).hasSize(5).allMatch(entry -> entry.subject().equals("even"));
    }
}
