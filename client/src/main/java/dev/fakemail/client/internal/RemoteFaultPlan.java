package dev.fakemail.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.client.FakeMailClientException;
import dev.fakemail.fault.FaultHandle;
import dev.fakemail.fault.FaultHit;
import dev.fakemail.fault.FaultPlan;
import dev.fakemail.fault.FaultRule;
import dev.fakemail.fault.Protocol;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A server's fault rules over {@code /api/faults}: rules travel in their text form, so what the server parses
 * is what {@link FaultRule#toText()} says. Hit counts are read from the server on each call.
 */
public final class RemoteFaultPlan implements FaultPlan {
    private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(10);

    private final InboxApi inbox;

    public RemoteFaultPlan(InboxApi inbox) {
        this.inbox = inbox;
    }

    @Override
    public FaultHandle add(FaultRule rule) {
        return post(rule.toText()).get(0);
    }

    /** All rules in one request: the server checks every one before it adds any. */
    @Override
    public List<FaultHandle> addText(String rules) {
        return post(rules);
    }

    @Override
    public List<FaultHandle> rules() {
        List<FaultHandle> rules = new ArrayList<>();
        for (JsonNode rule : inbox.getJson("/api/faults").get("rules")) {
            rules.add(new RemoteFaultHandle(rule));
        }
        return rules;
    }

    @Override
    public Optional<FaultHandle> rule(long id) {
        return rules().stream().filter(rule -> rule.id() == id).findFirst();
    }

    @Override
    public boolean remove(long id) {
        return inbox.expect("DELETE", "/api/faults/" + id, null, 204, 404).status() == 204;
    }

    @Override
    public void clear() {
        inbox.expect("DELETE", "/api/faults", null, 204);
    }

    @Override
    public long seed() {
        return Long.parseLong(inbox.getJson("/api/faults").get("seed").asText());
    }

    /**
     * Listens to the server's event stream ({@code /api/events}) and calls the listener, on a thread of its own,
     * for each {@code fault} event; returns once the stream is open, so no later hit is missed. Closing the result
     * closes the stream (the server drops it at once).
     */
    @Override
    public AutoCloseable subscribe(Consumer<FaultHit> listener) {
        FaultEvents events = new FaultEvents(listener);
        AutoCloseable stream = inbox.api().events("/api/events", inbox.scope(), SUBSCRIBE_TIMEOUT, events);
        boolean ready;
        try {
            ready = events.ready.await(SUBSCRIBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ready = false;
        }
        if (!ready) {
            close(stream);
            throw new FakeMailClientException("fakemail at " + inbox.api().base()
                    + ": the event stream did not say it was ready within " + SUBSCRIBE_TIMEOUT.toSeconds() + "s");
        }
        return () -> {
            events.closed = true;
            close(stream);
        };
    }

    private static void close(AutoCloseable stream) {
        try {
            stream.close();
        } catch (Exception alreadyClosed) {
            // closing is all we wanted
        }
    }

    /** The lines of the event stream: "event: fault" then "data: {...}"; "ready" says the stream is open. */
    private static final class FaultEvents implements Consumer<String> {
        private final Consumer<FaultHit> listener;
        private final CountDownLatch ready = new CountDownLatch(1);
        private volatile boolean closed;
        private String event;

        FaultEvents(Consumer<FaultHit> listener) {
            this.listener = listener;
        }

        @Override
        public void accept(String line) {
            if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:") && "ready".equals(event)) {
                ready.countDown();
            } else if (line.startsWith("data:") && "fault".equals(event) && !closed) {
                try {
                    listener.accept(hit(Api.JSON.readTree(line.substring(5).trim())));
                } catch (java.io.IOException | RuntimeException unreadable) {
                    // one event the listener could not take: the stream goes on
                }
            } else if (line.isEmpty()) {
                event = null;
            }
        }
    }

    private static FaultHit hit(JsonNode json) {
        return new FaultHit(json.get("ruleId").asLong(), json.get("hit").asLong(), json.get("sessionId").asLong(),
                Protocol.valueOf(json.get("protocol").asText().toUpperCase(Locale.ROOT)),
                Instant.parse(json.get("time").asText()), json.get("description").asText());
    }

    private List<FaultHandle> post(String text) {
        Api.Response response = inbox.expect("POST", "/api/faults", Map.of("text", text), 201, 400);
        if (response.status() == 400) {
            // as the in-process plan does for a rule it cannot take
            throw new IllegalArgumentException(response.json() == null ? "the server refused the fault rules"
                    : response.json().path("error").asText());
        }
        List<FaultHandle> added = new ArrayList<>();
        for (JsonNode rule : response.json().get("added")) {
            added.add(new RemoteFaultHandle(rule));
        }
        return added;
    }

    /** A rule's counts as the server gave them, read together so they always belong to the same moment. */
    private record Counts(long occurrences, long hits) {
        static Counts of(JsonNode rule) {
            return new Counts(rule.get("occurrences").asLong(), rule.get("hits").asLong());
        }
    }

    /** One rule on the server; its counts are read again on each call, its last known ones kept once it is gone. */
    private final class RemoteFaultHandle implements FaultHandle {
        private final long id;
        private final FaultRule rule;
        private volatile Counts counts;

        /** A rule as {@code /api/faults} lists it: id, text form and counts. */
        RemoteFaultHandle(JsonNode json) {
            this.id = json.get("id").asLong();
            this.rule = FaultRule.parse(json.get("text").asText());
            this.counts = Counts.of(json);
        }

        @Override
        public long id() {
            return id;
        }

        @Override
        public FaultRule rule() {
            return rule;
        }

        @Override
        public long occurrences() {
            refresh();
            return counts.occurrences();
        }

        @Override
        public long hits() {
            refresh();
            return counts.hits();
        }

        @Override
        public boolean remove() {
            return RemoteFaultPlan.this.remove(id);
        }

        @Override
        public boolean isActive() {
            return refresh();
        }

        /** @return whether the rule is still there */
        private boolean refresh() {
            for (JsonNode rule : inbox.getJson("/api/faults").get("rules")) {
                if (rule.get("id").asLong() == id) {
                    counts = Counts.of(rule);
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return "fault #" + id + " " + rule.toText();
        }
    }
}
