package dev.fakemail.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.journal.Transcript;
import dev.fakemail.store.MailQuery;
import dev.fakemail.store.ReceivedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The message, wait and transcript routes of one inbox. */
public final class Messages {
    /** The server's longest wait; a longer one is several waits in a row. */
    static final Duration MAX_WAIT = Duration.ofMinutes(5);
    /** How much longer than the server's wait the request may take before it counts as lost. */
    private static final Duration WAIT_GRACE = Duration.ofSeconds(30);

    private final InboxApi inbox;

    public Messages(InboxApi inbox) {
        this.inbox = inbox;
    }

    public List<ReceivedMessage> all() {
        return page("/api/received", 0);
    }

    public List<ReceivedMessage> unacknowledged() {
        return page("/api/unacknowledged", 0);
    }

    public Optional<ReceivedMessage> one(long id) {
        Api.Response response = inbox.expect("GET", "/api/received/" + id, null, 200, 404);
        return response.status() == 404 ? Optional.empty() : Optional.of(Decode.message(response.json()));
    }

    public boolean delete(long id) {
        return inbox.expect("DELETE", "/api/messages/" + id, null, 204, 404).status() == 204;
    }

    public List<Transcript> transcripts() {
        List<Transcript> transcripts = new ArrayList<>();
        for (JsonNode transcript : inbox.getJson("/api/transcripts").get("transcripts")) {
            transcripts.add(Decode.transcript(transcript));
        }
        return transcripts;
    }

    /**
     * What is there, then each time the server's long poll says a newer message arrived, the new ones: no
     * message is missed between reading and waiting, because the wait asks for anything newer than the last id
     * read.
     */
    public List<ReceivedMessage> await(MailQuery query, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ReceivedMessage> seen = new ArrayList<>(all());
        while (true) {
            List<ReceivedMessage> matches = seen.stream().filter(query::matches).toList();
            long left = deadline - System.nanoTime();
            if (matches.size() >= count || left <= 0 || Thread.currentThread().isInterrupted()) {
                return matches;
            }
            long newest = seen.isEmpty() ? 0 : seen.get(seen.size() - 1).id();
            Duration wait = Duration.ofNanos(Math.min(left, MAX_WAIT.toNanos()));
            Map<String, String> params = new LinkedHashMap<>(inbox.scope());
            params.put("newerThan", Long.toString(newest));
            params.put("count", "1");
            params.put("timeout", Math.max(1, wait.toMillis()) + "ms");
            Api.Response response;
            try {
                response = inbox.api().send("GET", "/api/wait", params, null, wait.plus(WAIT_GRACE));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // as the in-process wait does: the matches so far, flag set
                return matches;
            }
            if (response.status() == 200) {
                seen.addAll(page("/api/received", newest));
            } else if (response.status() != 408) {
                throw inbox.api().failure("GET /api/wait", response);
            }
        }
    }

    private List<ReceivedMessage> page(String path, long newerThan) {
        List<ReceivedMessage> messages = new ArrayList<>();
        long after = newerThan;
        while (true) {
            Map<String, String> params = new LinkedHashMap<>(inbox.scope());
            if (after > 0) {
                params.put("newerThan", Long.toString(after));
            }
            JsonNode page = inbox.api().getJson(path, params);
            for (JsonNode message : page.get("messages")) {
                messages.add(Decode.message(message));
            }
            if (!page.path("more").asBoolean() || messages.isEmpty()) {
                return messages;
            }
            after = messages.get(messages.size() - 1).id();
        }
    }
}
