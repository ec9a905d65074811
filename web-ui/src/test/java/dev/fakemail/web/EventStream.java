package dev.fakemail.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Reads {@code /api/events} with the JDK's HttpClient, line by line, as any SSE client would. */
final class EventStream implements AutoCloseable {
    record Event(String name, JsonNode data) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile Stream<String> lines;

    EventStream(URI inbox) {
        HttpRequest request = HttpRequest.newBuilder(inbox.resolve("/api/events"))
                .header("Accept", "text/event-stream").GET().build();
        response = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(answer -> {
            lines = answer.body();
            String name = "message";
            StringBuilder data = new StringBuilder();
            try {
                for (String line : (Iterable<String>) lines::iterator) {
                    if (line.isEmpty()) {
                        if (data.length() > 0) {
                            events.add(new Event(name, Http.parse(data.toString())));
                        }
                        name = "message";
                        data.setLength(0);
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).trim());
                    }
                }
            } catch (RuntimeException closed) {
                // the stream was closed under us: that is an end too
            }
            ended.complete(null);
        });
    }

    HttpResponse<Stream<String>> response() throws Exception {
        return response.get(10, TimeUnit.SECONDS);
    }

    /** The next event with this name, skipping others; fails after the timeout. */
    Event next(String name, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Event event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no '" + name + "' event within " + timeout);
            }
            if (event.name().equals(name)) {
                return event;
            }
        }
    }

    boolean endsWithin(Duration timeout) {
        try {
            ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception notYet) {
            return false;
        }
    }

    @Override
    public void close() {
        response.cancel(true);
        Stream<String> open = lines;
        if (open != null) {
            open.close();
        }
    }
}
