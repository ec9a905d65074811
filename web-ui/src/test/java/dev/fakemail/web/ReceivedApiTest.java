package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.journal.Transcript;
import dev.fakemail.store.MailQuery;
import dev.fakemail.store.ReceivedMessage;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The routes for programs: messages with envelope and raw bytes, unacknowledged messages, whole transcripts. */
@Timeout(60)
class ReceivedApiTest {
    @RegisterExtension
    final RunningInbox inbox = new RunningInbox();

    @Test
    void receivedMessagesComeWithEnvelopeAndExactBytesOldestFirstPagedByNewerThan() {
        ReceivedMessage first = inbox.deliver("alice@example.test", List.of("bob@example.test"),
                "Subject: one\r\n\r\nfirst\r\n");
        ReceivedMessage second = inbox.deliver("", List.of("carol@example.test", "dave@example.test"),
                "Subject: two\r\n\r\nsecond\r\n");

        JsonNode all = inbox.http().json("/api/received");
        JsonNode page = inbox.http().json("/api/received?limit=1");
        JsonNode rest = inbox.http().json("/api/received?newerThan=" + first.id());

        assertThat(all.get("more").asBoolean()).isFalse();
        assertThat(all.get("messages").findValuesAsText("id")).containsExactly(String.valueOf(first.id()),
                String.valueOf(second.id()));
        JsonNode one = all.get("messages").get(0);
        assertThat(Base64.getDecoder().decode(one.get("raw").asText())).isEqualTo(first.bytes());
        assertThat(one.get("receivedAt").asText()).isEqualTo(first.receivedAt().toString());
        assertThat(one.get("size").asInt()).isEqualTo(first.size());
        assertThat(one.get("envelope").get("mailFrom").asText()).isEqualTo("alice@example.test");
        assertThat(one.get("unacknowledgedFate").isNull()).isTrue();
        assertThat(all.get("messages").get(1).get("envelope").get("recipients").findValuesAsText("address"))
                .containsExactly("carol@example.test", "dave@example.test");
        assertThat(page.get("more").asBoolean()).isTrue();
        assertThat(page.get("messages").size()).isEqualTo(1);
        assertThat(rest.get("messages").findValuesAsText("id")).containsExactly(String.valueOf(second.id()));
        assertThat(inbox.http().json("/api/received/" + second.id()).get("envelope").get("mailFrom").asText())
                .isEmpty();
        assertThat(inbox.http().get("/api/received/999999").statusCode()).isEqualTo(404);
        assertThat(inbox.http().get("/api/received?newerThan=x").statusCode()).isEqualTo(400);
        // programs reading here do not mark mail read for the person looking at the page
        assertThat(inbox.http().json("/api/messages").get("unread").asInt()).isEqualTo(2);
    }

    @Test
    void unacknowledgedMessagesAndWholeTranscripts() throws Exception {
        inbox.mail().faults().addText("smtp data-end -> disconnect");
        RawSmtp.sendCutAfterData(inbox.mail().smtp());
        awaitEnded();

        JsonNode unacknowledged = inbox.http().json("/api/unacknowledged").get("messages");
        JsonNode transcripts = inbox.http().json("/api/transcripts").get("transcripts");

        assertThat(unacknowledged.size()).isEqualTo(1);
        assertThat(unacknowledged.get(0).get("unacknowledgedFate").asText()).isNotEmpty();
        assertThat(new String(Base64.getDecoder().decode(unacknowledged.get(0).get("raw").asText())))
                .contains("Subject: lost");
        Transcript session = inbox.mail().transcripts().get(0);
        JsonNode json = transcripts.get(0);
        assertThat(transcripts.size()).isEqualTo(1);
        assertThat(json.get("id").asLong()).isEqualTo(session.sessionId());
        assertThat(json.get("protocol").asText()).isEqualTo("SMTP");
        assertThat(json.get("client").asText()).isEqualTo("127.0.0.1:" + session.client().getPort());
        assertThat(json.get("ended").asText()).isEqualTo(session.ended().orElseThrow().toString());
        assertThat(json.get("lines").size()).isEqualTo(session.lines().size());
        assertThat(json.get("lines").findValuesAsText("text")).contains("MAIL FROM:<alice@example.test>");
        assertThat(json.get("lines").findValuesAsText("text")).anyMatch(text -> text.startsWith("fault #"));
    }

    private void awaitEnded() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (inbox.mail().transcripts().isEmpty() || !inbox.mail().transcripts().get(0).isEnded()) {
            assertThat(System.nanoTime()).as("session ended within 10s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
