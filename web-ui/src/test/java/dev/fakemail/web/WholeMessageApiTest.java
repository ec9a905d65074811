package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.store.MailQuery;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole message for scripts: the latest one, waiting with include=message, links, codes, absolute URLs. */
@Timeout(60)
class WholeMessageApiTest {
    /** A password reset as shops send it: HTML with a button and a footer, a text part, a code and a date. */
    private static final String RESET_HTML = "<!DOCTYPE html><html><head><title>Reset</title></head><body>"
            + "<p>Hi Bob, we got a request to reset your password on 2026-12-04 at 23:15.</p>"
            + "<p><a class=\"button\" href=\"https://shop.test/reset?user=bob&amp;token=Zx9-4kQ_77\">Reset password</a></p>"
            + "<p>Or enter this code: <b>481516</b></p>"
            + "<p><a href='https://shop.test/help'>Help</a> · <a href=\"mailto:support@shop.test\">Mail us</a>"
            + " · <a href=\"#top\">Top</a></p><p>© 2026 Shop Inc., 1234 Main St, Order #98765</p></body></html>";
    private static final String RESET_TEXT = "Hi Bob,\n\nwe got a request to reset your password on 2026-12-04 at 23:15.\n"
            + "Open https://shop.test/reset?user=bob&token=Zx9-4kQ_77 to choose a new one,\n"
            + "or enter this code: 481516.\n\nHelp: https://shop.test/help.\n(c) 2026 Shop Inc., version 2.1.2024\n";

    @RegisterExtension
    final RunningInbox inbox = new RunningInbox();

    @Test
    void waitWithIncludeMessageAnswersWithTheWholeMessageItsLinksAndItsCodes() throws Exception {
        CompletableFuture<HttpResponse<String>> waiting = inbox.http().client().sendAsync(
                inbox.http().request("/api/wait?to=bob@example.test&include=message&timeout=20s").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        TestMail.message().from("Shop <noreply@shop.test>").to("Bob <bob@example.test>")
                .subject("Your code is 481516").text(RESET_TEXT).html(RESET_HTML).sendTo(inbox.mail());

        HttpResponse<String> response = waiting.get(10, TimeUnit.SECONDS);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode result = Http.parse(response.body());
        assertThat(result.get("matched").asInt()).isEqualTo(1);
        JsonNode message = result.get("message");
        assertThat(message.get("id").asLong()).isEqualTo(result.get("messages").get(0).get("id").asLong());
        assertThat(message.get("subject").asText()).isEqualTo("Your code is 481516");
        assertThat(message.get("text").asText()).isEqualTo(RESET_TEXT.replace("\n", "\r\n"));
        assertThat(message.get("html").asText()).isEqualTo(RESET_HTML);
        assertThat(message.get("links").toString()).isEqualTo(
                "[\"https://shop.test/reset?user=bob&token=Zx9-4kQ_77\",\"https://shop.test/help\"]");
        // The date, the time, the years, the version and the order number are not codes; a house number is
        // (a standalone number like any other, documented): the codes come in the order they appear.
        assertThat(message.get("codes").toString()).isEqualTo("[\"481516\",\"1234\",\"Zx9-4kQ_77\"]");
        assertThat(inbox.http().json("/api/messages").get("unread").asInt()).isEqualTo(1); // waiting reads nothing
    }

    @Test
    void withoutIncludeTheWaitAnswersAsBeforeAndABadIncludeIsExplained() {
        TestMail.message().subject("plain").sendTo(inbox.mail());
        inbox.mail().await(MailQuery.all(), Duration.ofSeconds(10));

        JsonNode plain = Http.parse(inbox.http().get("/api/wait").body());
        HttpResponse<String> bad = inbox.http().get("/api/wait?include=everything");
        HttpResponse<String> timedOut = inbox.http().get("/api/wait?include=message&q=nothing&timeout=200ms");

        assertThat(plain.has("message")).isFalse();
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Http.error(bad)).isEqualTo("include knows 'message' (the newest match in full), got 'everything'");
        assertThat(timedOut.statusCode()).isEqualTo(408);
        assertThat(Http.parse(timedOut.body()).has("message")).isFalse();
    }

    @Test
    void latestIsTheNewestMessageInFullAndA404WhenThereIsNone() {
        HttpResponse<String> none = inbox.http().get("/api/messages/latest");
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(none.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(none.body()).isEqualTo("{\"error\":\"no message has been received yet\"}");

        long older = inbox.deliver("a@example.test", List.of("b@example.test"), "Subject: older\r\n\r\nx\r\n").id();
        long newer = inbox.deliver("a@example.test", List.of("b@example.test"), "Subject: newer\r\n\r\ncode 7777\r\n").id();
        JsonNode latest = inbox.http().json("/api/messages/latest");

        assertThat(newer).isGreaterThan(older);
        assertThat(latest.get("id").asLong()).isEqualTo(newer);
        assertThat(latest.get("subject").asText()).isEqualTo("newer");
        assertThat(latest.get("codes").toString()).isEqualTo("[\"7777\"]");
        assertThat(latest.get("links").toString()).isEqualTo("[]");
        JsonNode list = inbox.http().json("/api/messages");
        assertThat(list.get("messages").get(0).get("read").asBoolean()).isTrue(); // fetched: read
        assertThat(list.get("messages").get(1).get("read").asBoolean()).isFalse();
    }

    @Test
    void partsCarryAnAbsoluteUrlBuiltFromTheHostBesideTheRelativeOne() throws Exception {
        TestMail.message().attach("report.csv", "text/csv", "a,b\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .sendTo(inbox.mail());
        long id = inbox.mail().await(MailQuery.all(), Duration.ofSeconds(10)).get(0).id();

        JsonNode attachment = inbox.http().json("/api/messages/" + id).get("attachments").get(0);
        String viaLocalhost = bodyWithHost("/api/messages/" + id, "localhost:" + inbox.web().uri().getPort());

        String relative = "api/messages/" + id + "/parts/2";
        assertThat(attachment.get("url").asText()).isEqualTo(relative);
        assertThat(attachment.get("absoluteUrl").asText()).isEqualTo(inbox.web().uri() + relative);
        assertThat(inbox.http().getBytes("/" + relative).statusCode()).isEqualTo(200);
        assertThat(java.net.URI.create(attachment.get("absoluteUrl").asText()).getPath()).isEqualTo("/" + relative);
        assertThat(Http.parse(viaLocalhost).get("attachments").get(0).get("absoluteUrl").asText())
                .isEqualTo("http://localhost:" + inbox.web().uri().getPort() + "/" + relative);
        assertThat(Http.parse(viaLocalhost).get("mime").get("absoluteUrl").isNull()).isTrue(); // a container
    }

    /** The JDK's HttpClient will not set Host: a plain socket does, as any HTTP client behind a name would. */
    private String bodyWithHost(String path, String host) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket(inbox.web().uri().getHost(), inbox.web().uri().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200");
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }
}
