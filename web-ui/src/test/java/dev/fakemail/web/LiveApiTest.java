package dev.fakemail.web;

import static dev.fakemail.web.RunningInbox.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.store.MailQuery;
import dev.fakemail.store.ReceivedMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Server-sent events and the wait endpoint, over real HTTP with mail sent over real SMTP. */
@Timeout(60)
class LiveApiTest {
    @RegisterExtension
    final RunningInbox inbox = new RunningInbox();

    @Test
    void eventsAnnounceArrivalsDeletionsMailboxesAndResets() throws Exception {
        try (EventStream events = new EventStream(inbox.web().uri())) {
            assertThat(events.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            events.next("ready", WAIT);

            TestMail.message().subject("Live one").to("Bob <bob@example.test>").sendTo(inbox.mail());
            JsonNode received = events.next("received", WAIT).data();
            JsonNode mailbox = events.next("mailbox", WAIT).data();
            assertThat(received.get("subject").asText()).isEqualTo("Live one");
            assertThat(received.get("to").get(0).asText()).isEqualTo("bob@example.test");
            assertThat(received.get("id").asLong()).isEqualTo(inbox.mail().messages().get(0).id());
            assertThat(mailbox.get("user").asText()).isEqualTo("bob@example.test");
            assertThat(mailbox.get("mailbox").asText()).isEqualTo("INBOX");
            assertThat(mailbox.get("uid").asLong()).isEqualTo(1);
            assertThat(mailbox.get("change").asText()).isEqualTo("appended");

            inbox.http().delete("/api/messages/" + received.get("id").asLong());
            assertThat(events.next("deleted", WAIT).data().get("id").asLong()).isEqualTo(received.get("id").asLong());

            inbox.http().post("/api/reset");
            assertThat(events.next("reset", WAIT).data().size()).isZero();
        }
    }

    @Test
    void imapFolderChangesAndFlagsAreLiveAndAppendedMailShowsItsSubjectAndSender() throws Exception {
        try (EventStream events = new EventStream(inbox.web().uri())) {
            events.next("ready", WAIT);
            var seed = inbox.mail().seed("bob@example.test").folder("Archive/2026");
            long uid = seed.append("From: Alice <alice@example.test>\r\nSubject: Filed by a client\r\n\r\nx\r\n");
            JsonNode appended = events.next("mailbox", WAIT).data();
            assertThat(appended.get("change").asText()).isEqualTo("appended");
            assertThat(appended.get("mailbox").asText()).isEqualTo("Archive/2026");

            inbox.mail().repository().changeFlags(seed.mailbox(), new long[] {uid},
                    dev.fakemail.internal.store.FlagOperation.ADD, java.util.Set.of("\\Seen"),
                    java.util.OptionalLong.empty());
            JsonNode flags = events.next("mailbox", WAIT).data();
            assertThat(flags.get("change").asText()).isEqualTo("flags");
            assertThat(flags.get("uid").asLong()).isEqualTo(uid);

            JsonNode page = inbox.http().json("/api/mailbox?user=bob@example.test&name=" + Http.encode("Archive/2026"));
            JsonNode message = page.get("messages").get(0);
            assertThat(message.get("subject").asText()).isEqualTo("Filed by a client");
            assertThat(message.get("from").asText()).isEqualTo("Alice <alice@example.test>");
            assertThat(message.get("flags").toString()).contains("\\\\Seen");
            assertThat(message.get("messageId").isNull()).isTrue();
        }
    }

    @Test
    void closingTheInboxEndsOpenEventStreams() throws Exception {
        try (EventStream events = new EventStream(inbox.web().uri())) {
            events.next("ready", WAIT);

            inbox.stopWeb();

            assertThat(events.endsWithin(WAIT)).isTrue();
        }
    }

    @Test
    void waitAnswersAtOnceWhenAMatchIsThere() {
        TestMail.message().subject("Already here").sendTo(inbox.mail());
        inbox.mail().await(MailQuery.all(), WAIT);

        long started = System.nanoTime();
        HttpResponse<String> response = inbox.http().get("/api/wait?q=" + Http.encode("subject:\"already here\""));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        JsonNode result = Http.parse(response.body());
        assertThat(result.get("matched").asInt()).isEqualTo(1);
        assertThat(result.get("messages").get(0).get("subject").asText()).isEqualTo("Already here");
        assertThat(result.get("query").asText()).isEqualTo("subject:\"already here\"");
    }

    @Test
    void waitReturnsWhenAMatchingMessageArrives() throws Exception {
        TestMail.message().to("Someone <someone@example.test>").subject("Not this one").sendTo(inbox.mail());
        CompletableFuture<HttpResponse<String>> waiting = inbox.http().client().sendAsync(
                inbox.http().request("/api/wait?to=carol@example.test&timeout=20s").GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Thread.sleep(500);
        assertThat(waiting).isNotDone();

        TestMail.message().to("Carol <carol@example.test>").subject("Your code is 123456").sendTo(inbox.mail());

        HttpResponse<String> response = waiting.get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.parse(response.body()).get("messages").get(0).get("subject").asText())
                .isEqualTo("Your code is 123456");
    }

    @Test
    void waitCountsAndSkipsOlderMessages() throws Exception {
        TestMail.message().subject("old").sendTo(inbox.mail());
        ReceivedMessage old = inbox.mail().await(MailQuery.all(), WAIT).get(0);
        CompletableFuture<HttpResponse<String>> waiting = inbox.http().client().sendAsync(
                inbox.http().request("/api/wait?count=2&newerThan=" + old.id() + "&timeout=20").GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

        TestMail.message().subject("new 1").sendTo(inbox.mail());
        Thread.sleep(300);
        assertThat(waiting).isNotDone();
        TestMail.message().subject("new 2").sendTo(inbox.mail());

        JsonNode result = Http.parse(waiting.get(10, TimeUnit.SECONDS).body());
        assertThat(result.get("matched").asInt()).isEqualTo(2);
        assertThat(result.get("messages").findValuesAsText("subject")).containsExactly("new 1", "new 2");
    }

    @Test
    void waitTimesOutWithA408ThatSaysWhatWasAwaited() {
        long started = System.nanoTime();
        HttpResponse<String> response = inbox.http().get("/api/wait?q=to:nobody@example.test&timeout=300ms");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(response.statusCode()).isEqualTo(408);
        JsonNode result = Http.parse(response.body());
        assertThat(result.get("error").asText())
                .isEqualTo("no message matching to:nobody@example.test arrived within 300ms (0 of 1)");
        assertThat(result.get("matched").asInt()).isZero();
        assertThat(result.get("messages").size()).isZero();
    }

    @Test
    void waitRefusesBadParameters() {
        assertThat(Http.error(inbox.http().get("/api/wait?timeout=forever")))
                .startsWith("timeout must be a duration such as 10, 10s, 500ms or 2m");
        assertThat(Http.error(inbox.http().get("/api/wait?timeout=10m")))
                .isEqualTo("timeout may be at most 300s, got '10m'");
        assertThat(inbox.http().get("/api/wait?count=0").statusCode()).isEqualTo(400);
        assertThat(inbox.http().get("/api/wait?newerThan=x").statusCode()).isEqualTo(400);
        assertThat(inbox.http().get("/api/wait?q=" + Http.encode("nope:x")).statusCode()).isEqualTo(400);
    }

    @Test
    void waitingRequestsHoldNoWorkerThreads() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        for (int i = 0; i < 30; i++) { // more than the inbox's 8 worker threads
            waiting.add(inbox.http().client().sendAsync(
                    inbox.http().request("/api/wait?subject=nothing&timeout=30s").GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        }
        awaitWaiting(30);

        long started = System.nanoTime();
        assertThat(inbox.http().get("/api/messages").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(waiting).noneMatch(CompletableFuture::isDone);

        inbox.stopWeb(); // answers them all
        for (CompletableFuture<HttpResponse<String>> response : waiting) {
            HttpResponse<String> answer = response.get(10, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(Http.error(answer)).isEqualTo("the web inbox is stopping");
        }
    }

    private void awaitWaiting(int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (inbox.http().json("/api/info").get("web").get("waiting").asInt() < count) {
            assertThat(System.nanoTime()).as("%d waiting requests", count).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
