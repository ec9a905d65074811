package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HTML written to be slow to scan, over real HTTP: it is indexed, listed and shown in good time, and a message
 * that arrives after it is found at once. (The regular expressions this replaced took 16 s on 80 KB of
 * unclosed tags and tens of minutes on 1 MB, and meanwhile every read answered without the newer mail.)
 */
@Timeout(60)
class HostileHtmlApiTest {
    /** Generous for a loaded machine; far below what the hostile input cost before. */
    private static final Duration QUICKLY = Duration.ofSeconds(15);

    @RegisterExtension
    final RunningInbox inbox = new RunningInbox();

    @Test
    void aMegabyteOfUnclosedTagsDoesNotHoldUpTheMessageAfterIt() {
        long hostile = deliverHtml("hostile", "<a".repeat(512 * 1024));
        long after = inbox.deliver("a@example.test", List.of("b@example.test"), "Subject: after\r\n\r\nhello\r\n")
                .id();

        assertTimeoutPreemptively(QUICKLY, () -> {
            assertThat(inbox.http().json("/api/messages/" + after).get("subject").asText()).isEqualTo("after");
            assertThat(inbox.http().json("/api/messages?q=hello").get("total").asInt()).isEqualTo(1);
            JsonNode detail = inbox.http().json("/api/messages/" + hostile);
            assertThat(detail.get("remoteContent").asBoolean()).isFalse();
            assertThat(inbox.http().get("/api/messages/" + hostile + "/html").statusCode()).isEqualTo(200);
        });
    }

    @Test
    void eightyKilobytesOfUnclosedTagsAreSearchableAtOnce() {
        deliverHtml("hostile", "<p>needle</p>" + "<a".repeat(40 * 1024));

        JsonNode page = assertTimeoutPreemptively(QUICKLY, () -> inbox.http().json("/api/messages?q=text:needle"));

        assertThat(page.get("total").asInt()).isEqualTo(1);
        assertThat(page.get("messages").get(0).get("snippet").asText()).isEqualTo("needle");
    }

    @Test
    void aMegabyteOfUnclosedLinkTagsIsShownQuickly() {
        long hostile = deliverHtml("links", "<link ".repeat(1024 * 1024 / 6));

        assertTimeoutPreemptively(QUICKLY, () -> {
            assertThat(inbox.http().json("/api/messages/" + hostile).get("remoteContent").asBoolean()).isFalse();
            HttpResponse<String> document = inbox.http().get("/api/messages/" + hostile + "/html");
            assertThat(document.statusCode()).isEqualTo(200);
            assertThat(document.body()).startsWith("<base target=\"_blank\"><link <link ");
        });
    }

    @Test
    void deeplyNestedTagsAreIndexedAndShownQuickly() {
        long hostile = deliverHtml("nested", "<div><b><table><tr><td>".repeat(40_000) + "deep inside");

        assertTimeoutPreemptively(QUICKLY, () -> {
            assertThat(inbox.http().json("/api/messages?q=subject:nested").get("total").asInt()).isEqualTo(1);
            assertThat(inbox.http().json("/api/messages/" + hostile).get("remoteContent").asBoolean()).isFalse();
            assertThat(inbox.http().get("/api/messages/" + hostile + "/html").statusCode()).isEqualTo(200);
        });
    }

    /** An HTML-only message (so its text comes from the HTML), in lines of at most 998 octets as SMTP wants. */
    private long deliverHtml(String subject, String html) {
        StringBuilder body = new StringBuilder(html.length() + html.length() / 400);
        for (int start = 0; start < html.length(); start += 990) {
            body.append(html, start, Math.min(html.length(), start + 990)).append("\r\n");
        }
        return inbox.deliver("a@example.test", List.of("b@example.test"), "Subject: " + subject
                + "\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body).id();
    }
}
