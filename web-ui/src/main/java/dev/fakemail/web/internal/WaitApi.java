package dev.fakemail.web.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fakemail.journal.Transcript;
import io.undertow.server.HttpServerExchange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.xnio.XnioExecutor;

/**
 * {@code GET /api/wait?q=&count=&timeout=&newerThan=&include=message}: answers once {@code count} messages match
 * the search (at once if they are already there), or with 408 when the timeout passes first, so a test in any
 * language can wait for mail with one HTTP call instead of polling; with {@code include=message} the answer
 * also holds the newest match in full (text, HTML, links, codes), so the test needs no second call. A waiting
 * request holds no thread: it is a listener on the index plus a timer on Undertow's IO thread.
 */
final class WaitApi implements Consumer<IndexChange>, AutoCloseable {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);
    static final int MAX_WAITERS = 1000;
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final MessageIndex index;
    private final Supplier<List<Transcript>> transcripts;
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();

    /**
     * What a wait answers (200 when enough matched, 408 on timeout with an {@code error}).
     *
     * @param matched how many messages match now; {@code messages} lists them oldest first (at most 1000)
     * @param message with {@code include=message}: the newest match in full, as {@code GET /api/messages/{id}}
     *     has it; left out otherwise and on errors
     */
    record WaitResult(String query, int count, int matched, List<MessageSummary.ListEntry> messages, String error,
            @JsonInclude(JsonInclude.Include.NON_NULL) MessageDetail message) {
    }

    /** What a request waits for: its parameters, read (and refused with 400 when wrong) before it waits. */
    private record WaitRequest(SearchQuery query, int count, long newerThan, Duration timeout,
            boolean includeMessage) {
        static WaitRequest of(HttpServerExchange exchange) {
            SearchQuery query = SearchQuery.fromParameters(exchange.getQueryParameters());
            int count = Params.integer(exchange, "count", 1, 1, MessagesApi.MAX_LIMIT);
            long newerThan = Params.query(exchange, "newerThan") == null ? 0
                    : Params.id(Params.query(exchange, "newerThan"), "newerThan");
            Duration timeout = Params.duration(exchange, "timeout", DEFAULT_TIMEOUT, MAX_TIMEOUT);
            String include = Params.query(exchange, "include");
            if (include != null && !include.equals("message")) {
                throw ApiException.badRequest("include knows 'message' (the newest match in full), got '"
                        + Params.shown(include) + "'");
            }
            return new WaitRequest(query, count, newerThan, timeout, include != null);
        }

        boolean wants(MessageSummary message) {
            return message.id > newerThan && query.matches(message);
        }
    }

    WaitApi(MessageIndex index, Supplier<List<Transcript>> transcripts) {
        this.index = index;
        this.transcripts = transcripts;
    }

    void handle(HttpServerExchange exchange) {
        WaitRequest request = WaitRequest.of(exchange);
        if (waiters.size() >= MAX_WAITERS) {
            throw new ApiException(503, "too many requests are waiting already (" + MAX_WAITERS + ")");
        }
        Waiter waiter = new Waiter(exchange, request);
        // Reading the index may wait for it to catch up: on a worker thread, never on the IO thread.
        exchange.dispatch(exchange.getConnection().getWorker(), waiter::start);
    }

    int waiting() {
        return waiters.size();
    }

    @Override
    public void accept(IndexChange change) {
        for (Waiter waiter : waiters) {
            waiter.onChange(change);
        }
    }

    /**
     * Answers every waiting request with 503 (the inbox is going away) and gives the answers a moment to be
     * written before the server closes the connections: a client whose connection is cut instead would
     * retry, and only learn of a refused connection.
     */
    @Override
    public void close() {
        List<Waiter> open = List.copyOf(waiters);
        CountDownLatch answered = new CountDownLatch(open.size());
        for (Waiter waiter : open) {
            waiter.exchange.addExchangeCompleteListener((exchange, next) -> {
                answered.countDown();
                next.proceed();
            });
            if (!waiter.finish(503, "the web inbox is stopping")) {
                answered.countDown();
            }
        }
        try {
            answered.await(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Waiter {
        private final HttpServerExchange exchange;
        private final WaitRequest request;
        private final AtomicBoolean finished = new AtomicBoolean();
        /** Guarded by this; changed only by index events after registration. */
        private final List<MessageSummary> matches = new ArrayList<>();
        private volatile XnioExecutor.Key timer;

        Waiter(HttpServerExchange exchange, WaitRequest request) {
            this.exchange = exchange;
            this.request = request;
        }

        void start() {
            try {
                boolean enough = index.read(all -> {
                    for (MessageSummary message : all) {
                        if (request.wants(message)) {
                            matches.add(message);
                        }
                    }
                    if (matches.size() >= request.count()) {
                        return true;
                    }
                    waiters.add(this); // under the index's read lock: no change can slip in between
                    return false;
                });
                if (enough) {
                    finish(200, null);
                    return;
                }
                exchange.getConnection().addCloseListener(connection -> finish(0, null));
                timer = exchange.getIoThread().executeAfter(() -> finish(408, "no message matching "
                        + request.query() + " arrived within " + describe(request.timeout()) + " (" + matchCount()
                        + " of " + request.count() + ")"), request.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                finish(500, "internal error: " + e);
            }
        }

        synchronized void onChange(IndexChange change) {
            if (change instanceof IndexChange.Added added) {
                if (request.wants(added.message())) {
                    matches.add(added.message());
                    if (matches.size() >= request.count()) {
                        finish(200, null);
                    }
                }
            } else if (change instanceof IndexChange.Removed removed) {
                matches.removeIf(message -> message.id == removed.id());
            } else if (change instanceof IndexChange.Cleared) {
                matches.clear();
            }
        }

        private synchronized int matchCount() {
            return matches.size();
        }

        /**
         * Answers once (status 0: the client left, nothing to answer); the response is written by a worker.
         *
         * @return false if it was answered already
         */
        boolean finish(int status, String error) {
            if (!finished.compareAndSet(false, true)) {
                return false;
            }
            waiters.remove(this);
            XnioExecutor.Key pending = timer;
            if (pending != null) {
                pending.remove();
            }
            if (status == 0) {
                return true;
            }
            WaitResult result;
            MessageSummary newest;
            synchronized (this) {
                result = new WaitResult(request.query().toString(), request.count(), matches.size(),
                        matches.stream().limit(MessagesApi.MAX_LIMIT).map(MessageSummary::json).toList(), error,
                        null);
                newest = status == 200 && request.includeMessage() ? matches.get(matches.size() - 1) : null;
            }
            exchange.getConnection().getWorker().execute(() -> respond(status, result, newest));
            return true;
        }

        /** On a worker: parsing the whole message may take a while, and this may run on the IO thread's timer. */
        private void respond(int status, WaitResult result, MessageSummary full) {
            try {
                SecurityHeaders.apply(exchange);
                Responses.json(exchange, status, full == null ? result : new WaitResult(result.query(), result.count(),
                        result.matched(), result.messages(), null, MessageDetail.of(full, transcripts.get(),
                                Params.absoluteBase(exchange), Params.inboxQuery(exchange))));
            } catch (Exception e) {
                exchange.endExchange();
            }
        }
    }

    private static String describe(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
