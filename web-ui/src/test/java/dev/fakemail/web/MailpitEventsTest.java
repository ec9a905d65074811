package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Mailpit's websocket on {@code /api/events}, beside our server-sent events on the same path: a real websocket
 * client (the JDK's) hears Mailpit's frames; an ordinary request still gets the event stream.
 */
@Timeout(60)
class MailpitEventsTest {
    @RegisterExtension
    final RunningInbox inbox = new RunningInbox();

    @Test
    void theWebsocketHearsNewUpdateDeleteAndStats() throws Exception {
        Frames frames = new Frames();
        WebSocket socket = inbox.http().client().newWebSocketBuilder()
                .buildAsync(websocketUri(), frames).get(10, TimeUnit.SECONDS);
        try {
            JsonNode hello = frames.next("stats");
            assertThat(hello.get("Data").get("Total").asInt()).isZero();

            long id = inbox.send(TestMail.message().subject("Live"));
            JsonNode added = frames.next("new");
            assertThat(added.get("Data").get("ID").asText()).isEqualTo(Long.toString(id));
            assertThat(added.get("Data").get("Subject").asText()).isEqualTo("Live");
            assertThat(frames.next("stats").get("Data").get("Unread").asInt()).isEqualTo(1);

            inbox.http().json("/api/v1/message/" + id);
            JsonNode update = frames.next("update");
            assertThat(update.get("Data").get("ID").asText()).isEqualTo(Long.toString(id));
            assertThat(update.get("Data").get("Read").asBoolean()).isTrue();

            inbox.http().delete("/api/v1/messages");
            assertThat(frames.next("delete").get("Data").get("ID").asText()).isEqualTo(Long.toString(id));
            assertThat(frames.next("stats").get("Data").get("Total").asInt()).isZero();
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void anOrdinaryRequestStillGetsOurEventStream() throws Exception {
        HttpResponse<java.io.InputStream> stream = inbox.http().client().send(inbox.http().request("/api/events")
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.InputStream body = stream.body()) {
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("text/event-stream"));
        }
    }

    @Test
    void aWebsocketFromAnotherSiteIsRefused() {
        assertThatThrownBy(() -> inbox.http().client().newWebSocketBuilder().header("Origin", "http://evil.example")
                .buildAsync(websocketUri(), new Frames()).join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(failure -> assertThat(((WebSocketHandshakeException) failure.getCause()).getResponse()
                        .statusCode()).isEqualTo(403));
    }

    private URI websocketUri() {
        return URI.create(inbox.web().uri().toString().replaceFirst("^http", "ws") + "api/events");
    }

    /** Collects text frames (joining fragments) and hands them out by type. */
    private static final class Frames implements WebSocket.Listener {
        private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(Http.parse(partial.toString()));
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        /** The next frame of this type; frames of other types before it are skipped. */
        JsonNode next(String type) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                JsonNode frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (frame != null && frame.get("Type").asText().equals(type)) {
                    return frame;
                }
            }
            throw new AssertionError("no \"" + type + "\" frame within 10 s");
        }
    }
}
