package dev.fakemail.web.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One page of a search over the summaries, newest first, with the total number of matches. A search looks at
 * every message (substring matches cannot use an index); from {@link #PARALLEL_FROM} messages on, the scan is
 * split over the machine's cores. The caller holds the index's read lock, so nothing changes meanwhile.
 */
final class SearchScan {
    static final int PARALLEL_FROM = 20_000;
    private static final int MAX_SLICES = 4;

    private SearchScan() {
    }

    static MessagesApi.ListPage page(List<MessageSummary> ascending, SearchQuery query, int offset, int limit,
            int unread) {
        List<MessageSummary.ListEntry> entries = new ArrayList<>(Math.min(limit, 64));
        int total;
        if (query.isEmpty()) { // no search: the page is a slice, whatever its depth
            total = ascending.size();
            for (long i = (long) total - 1 - offset; i >= 0 && entries.size() < limit; i--) {
                entries.add(ascending.get((int) i).json());
            }
        } else {
            int[] matches = matches(ascending, query);
            total = matches.length;
            for (int i = offset; i < matches.length && entries.size() < limit; i++) {
                entries.add(ascending.get(matches[i]).json());
            }
        }
        return new MessagesApi.ListPage(total, ascending.size(), unread, offset, limit, query.toString(), entries);
    }

    /** Positions of the matching messages, newest first. */
    static int[] matches(List<MessageSummary> ascending, SearchQuery query) {
        int size = ascending.size();
        int slices = size < PARALLEL_FROM ? 1 : Math.min(MAX_SLICES, Runtime.getRuntime().availableProcessors());
        if (slices <= 1) {
            return scan(ascending, query, 0, size);
        }
        // Slice k covers the k-th block from the newest end, so concatenating the slices keeps newest first.
        int[][] found = IntStream.range(0, slices).parallel().mapToObj(k -> scan(ascending, query,
                size - (int) ((long) size * (k + 1) / slices), size - (int) ((long) size * k / slices)))
                .toArray(int[][]::new);
        int[] all = new int[Arrays.stream(found).mapToInt(slice -> slice.length).sum()];
        int at = 0;
        for (int[] slice : found) {
            System.arraycopy(slice, 0, all, at, slice.length);
            at += slice.length;
        }
        return all;
    }

    /** Matches in [from, to), newest (highest position) first. */
    private static int[] scan(List<MessageSummary> ascending, SearchQuery query, int from, int to) {
        int[] found = new int[16];
        int count = 0;
        for (int i = to - 1; i >= from; i--) {
            if (query.matches(ascending.get(i))) {
                if (count == found.length) {
                    found = Arrays.copyOf(found, count * 2);
                }
                found[count++] = i;
            }
        }
        return Arrays.copyOf(found, count);
    }
}
