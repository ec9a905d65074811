package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Mailpit's API v1 over plain HTTP: the details its clients depend on, which a client library may hide (string
 * IDs, read on fetch, the {@code //view} redirect, delete without a body, {@code "IDs": []}, plain-text errors,
 * Mailpit's search syntax).
 */
@Timeout(60)
class MailpitHttpTest {
    @RegisterExtension
    final RunningInbox inbox = new RunningInbox();

    @Test
    void listsNewestFirstWithStringIdsAndEveryField() {
        long first = inbox.send(TestMail.message().subject("First").from("Alice Example <alice@example.test>")
                .to("Bob <bob@example.test>, carol@example.test").envelopeTo("bob@example.test", "carol@example.test",
                        "hidden@example.test"));
        long second = inbox.send(TestMail.message().subject("Second").text("The second body")
                .attach("a.txt", "text/plain", "attached".getBytes(StandardCharsets.UTF_8)));

        JsonNode list = inbox.http().json("/api/v1/messages");

        assertThat(list.get("total").asInt()).isEqualTo(2);
        assertThat(list.get("unread").asInt()).isEqualTo(2);
        assertThat(list.get("messages_count").asInt()).isEqualTo(2);
        assertThat(list.get("messages_unread").asInt()).isEqualTo(2);
        assertThat(list.get("start").asInt()).isZero();
        assertThat(list.get("tags").isArray()).isTrue();
        JsonNode newest = list.get("messages").get(0);
        assertThat(newest.get("ID").isTextual()).isTrue();
        assertThat(newest.get("ID").asText()).isEqualTo(Long.toString(second));
        assertThat(newest.get("Snippet").asText()).isEqualTo("The second body");
        assertThat(newest.get("Attachments").asInt()).isEqualTo(1);
        assertThat(newest.get("Read").asBoolean()).isFalse();
        JsonNode oldest = list.get("messages").get(1);
        assertThat(oldest.get("ID").asText()).isEqualTo(Long.toString(first));
        assertThat(oldest.get("From").get("Name").asText()).isEqualTo("Alice Example");
        assertThat(oldest.get("From").get("Address").asText()).isEqualTo("alice@example.test");
        assertThat(oldest.get("To")).hasSize(2);
        assertThat(oldest.get("To").get(1).get("Address").asText()).isEqualTo("carol@example.test");
        assertThat(oldest.get("Bcc").get(0).get("Address").asText()).isEqualTo("hidden@example.test");
        assertThat(Instant.parse(oldest.get("Created").asText())).isNotNull();
        assertThat(oldest.get("Cc").isArray()).isTrue();
        assertThat(oldest.get("ReplyTo").isArray()).isTrue();
        assertThat(oldest.get("Username").isTextual()).isTrue();
        assertThat(oldest.get("MessageID").asText()).doesNotContain("<").contains("@");

        JsonNode page = inbox.http().json("/api/v1/messages?start=1&limit=1");
        assertThat(page.get("messages")).hasSize(1);
        assertThat(page.get("messages").get(0).get("ID").asText()).isEqualTo(Long.toString(first));
        assertThat(page.get("start").asInt()).isEqualTo(1);
        assertThat(page.get("count").asInt()).isEqualTo(1);

        assertThat(inbox.http().json("/api/v1/messages?limit=0").get("messages")).hasSize(2); // Mailpit: no limit
        assertThat(inbox.http().json("/api/v1/messages?start=x&limit=-3").get("messages")).hasSize(2); // defaults
        assertThat(inbox.http().json("/api/v1/messages?before=2000-01-01").get("messages")).isEmpty();
        assertThat(inbox.http().json("/api/v1/messages?before=2999-01-01T00:00:00Z").get("messages")).hasSize(2);
    }

    @Test
    void fetchingAMessageMarksItReadAndLatestIsTheNewest() {
        long first = inbox.send(TestMail.message().subject("One"));
        long second = inbox.send(TestMail.message().subject("Two").html("<p>Two <b>HTML</b></p>")
                .attach("report.pdf", "application/pdf", "%PDF-1.4".getBytes(StandardCharsets.US_ASCII)));

        JsonNode message = inbox.http().json("/api/v1/message/" + first);
        assertThat(message.get("ID").asText()).isEqualTo(Long.toString(first));
        assertThat(message.get("Subject").asText()).isEqualTo("One");
        assertThat(message.get("Text").asText()).contains("Hello Bob");
        assertThat(message.get("HTML").asText()).isEmpty();
        assertThat(inbox.http().json("/api/v1/messages").get("unread").asInt()).isEqualTo(1);

        JsonNode latest = inbox.http().json("/api/v1/message/latest");
        assertThat(latest.get("ID").asText()).isEqualTo(Long.toString(second));
        assertThat(latest.get("HTML").asText()).contains("<b>HTML</b>");
        JsonNode attachment = latest.get("Attachments").get(0);
        assertThat(attachment.get("FileName").asText()).isEqualTo("report.pdf");
        assertThat(attachment.get("ContentType").asText()).isEqualTo("application/pdf");
        assertThat(attachment.get("Size").asInt()).isEqualTo(8);
        assertThat(attachment.get("Checksums").get("SHA256").asText()).hasSize(64);
        assertThat(inbox.http().json("/api/v1/messages").get("unread").asInt()).isZero();

        HttpResponse<byte[]> part = inbox.http().getBytes("/api/v1/message/" + second + "/part/"
                + attachment.get("PartID").asText());
        assertThat(part.statusCode()).isEqualTo(200);
        assertThat(new String(part.body(), StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.4");

        JsonNode searchLatest = inbox.http().json("/api/v1/message/latest?query=subject:One");
        assertThat(searchLatest.get("ID").asText()).isEqualTo(Long.toString(first));
    }

    @Test
    void errorsArePlainTextAsInMailpit() {
        HttpResponse<String> unknown = inbox.http().get("/api/v1/message/999");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/plain"));
        assertThat(unknown.body()).isEqualTo("404 page not found");
        assertThat(inbox.http().get("/api/v1/message/NotOurShape42").body()).isEqualTo("404 page not found");

        HttpResponse<String> noLatest = inbox.http().get("/api/v1/message/latest");
        assertThat(noLatest.statusCode()).isEqualTo(404);
        assertThat(noLatest.body()).isEqualTo("Message not found");

        HttpResponse<String> noQuery = inbox.http().get("/api/v1/search?query=%20");
        assertThat(noQuery.statusCode()).isEqualTo(400);
        assertThat(noQuery.body()).isEqualTo("Error: no search query");

        assertThat(inbox.http().get("/view/999.txt").body()).isEqualTo("Message not found");
        assertThat(inbox.http().get("/api/v1/message/latest/sa-check").statusCode()).isEqualTo(404);
        assertThat(inbox.http().json("/api/v1/tags").isEmpty()).isTrue();
        HttpResponse<String> send = inbox.http().send(inbox.http().request("/api/v1/send")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(send.statusCode()).isEqualTo(400);
        assertThat(Http.parse(send.body()).get("Error").asText()).contains("not supported");
    }

    @Test
    void doubleSlashViewRedirectsToTheCleanPath() throws Exception {
        long id = inbox.send(TestMail.message().text("plain words").html("<p>rich</p>"));
        URI doubled = URI.create(inbox.web().uri().toString().replaceAll("/$", "") + "//view/" + id + ".txt?x=1");

        HttpResponse<String> redirect = inbox.http().send(HttpRequest.newBuilder(doubled).GET().build());

        assertThat(redirect.statusCode()).isEqualTo(301);
        assertThat(redirect.headers().firstValue("Location")).hasValue("/view/" + id + ".txt?x=1");
        HttpResponse<String> text = inbox.http().get("/view/" + id + ".txt");
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.body()).isEqualTo("plain words");
        HttpResponse<String> html = inbox.http().get("/view/" + id + ".html");
        assertThat(html.body()).isEqualTo("<p>rich</p>");
        assertThat(html.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("default-src 'none'").contains("sandbox"));
        // An encoded line break stays encoded in the Location: no header injection.
        URI injecting = URI.create(inbox.web().uri().toString().replaceAll("/$", "")
                + "//view/a%0D%0AX-Injected:%20yes.txt");
        HttpResponse<String> injected = inbox.http().send(HttpRequest.newBuilder(injecting).GET().build());
        assertThat(injected.statusCode()).isEqualTo(301);
        assertThat(injected.headers().firstValue("Location")).hasValue("/view/a%0D%0AX-Injected:%20yes.txt");
        assertThat(injected.headers().firstValue("X-Injected")).isEmpty();
        // A path that is clean elsewhere than Mailpit's stays ours: no redirect out of the API's namespace.
        URI evil = URI.create(inbox.web().uri().toString().replaceAll("/$", "") + "//evil.example/view");
        assertThat(inbox.http().send(HttpRequest.newBuilder(evil).GET().build()).statusCode()).isEqualTo(404);
    }

    @Test
    void theHtmlViewLinksEmbeddedImagesToMailpitsPartRoute() {
        long id = inbox.send(TestMail.message().html("<p><img src=\"cid:logo@example.test\"><script>alert(1)</script>")
                .inline("logo@example.test", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}));
        JsonNode inline = inbox.http().json("/api/v1/message/" + id).get("Inline").get(0);
        String partUrl = "/api/v1/message/" + id + "/part/" + inline.get("PartID").asText();

        HttpResponse<String> view = inbox.http().get("/view/" + id + ".html");

        assertThat(view.body()).contains("<img src=\"" + partUrl + "\">");
        String policy = view.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("img-src data: http://" + inbox.web().uri().getAuthority() + "/api/v1/message/"
                + id + "/part/").doesNotContain("script-src").doesNotContain("allow-scripts");
        HttpResponse<byte[]> image = inbox.http().getBytes(partUrl);
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(image.headers().firstValue("Cross-Origin-Resource-Policy")).hasValue("cross-origin");
    }

    @Test
    void deleteWithoutBodyDeletesAllAndWithIdsOnlyThose() {
        long first = inbox.send(TestMail.message().subject("a"));
        long second = inbox.send(TestMail.message().subject("b"));
        inbox.send(TestMail.message().subject("c"));

        HttpResponse<String> some = inbox.http().send(inbox.http().request("/api/v1/messages")
                .header("Content-Type", "application/json").method("DELETE", HttpRequest.BodyPublishers.ofString(
                        "{\"IDs\": [\"" + first + "\", \"" + second + "\", \"doesnotexist\"]}")).build());
        assertThat(some.statusCode()).isEqualTo(200);
        assertThat(some.body()).isEqualTo("ok");
        assertThat(subjects()).containsExactly("c");

        HttpResponse<String> all = inbox.http().delete("/api/v1/messages");
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body()).isEqualTo("ok");
        assertThat(inbox.http().json("/api/v1/messages").get("total").asInt()).isZero();
    }

    @Test
    void deleteBySearch() {
        inbox.send(TestMail.message().subject("keep me"));
        inbox.send(TestMail.message().subject("drop me"));
        assertThat(inbox.http().delete("/api/v1/search?query=subject:drop").body()).isEqualTo("ok");
        assertThat(subjects()).containsExactly("keep me");
    }

    @Test
    void emptyIdsMeanEveryMessageForReadState() {
        long first = inbox.send(TestMail.message().subject("a"));
        inbox.send(TestMail.message().subject("b"));

        HttpResponse<String> all = inbox.http().put("/api/v1/messages", "{\"IDs\": [], \"Read\": true}");
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body()).isEqualTo("ok");
        assertThat(inbox.http().json("/api/v1/messages").get("unread").asInt()).isZero();

        inbox.http().put("/api/v1/messages", "{\"IDs\": [\"" + first + "\"], \"Read\": false}");
        JsonNode list = inbox.http().json("/api/v1/messages");
        assertThat(list.get("unread").asInt()).isEqualTo(1);
        assertThat(list.get("messages").get(1).get("Read").asBoolean()).isFalse();

        inbox.http().put("/api/v1/messages", "{\"Search\": \"subject:b\", \"Read\": false}");
        assertThat(inbox.http().json("/api/v1/messages").get("unread").asInt()).isEqualTo(2);

        HttpResponse<String> both = inbox.http().put("/api/v1/messages",
                "{\"IDs\": [\"" + first + "\"], \"Search\": \"a\", \"Read\": true}");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).isEqualTo("You may specify either IDs or a search query, not both");
        assertThat(inbox.http().put("/api/v1/messages", "").statusCode()).isEqualTo(400);
    }

    @Test
    void searchSpeaksMailpitsSyntax() {
        inbox.send(TestMail.message().subject("Invoice March").from("billing@shop.test"));
        inbox.send(TestMail.message().subject("Newsletter").from("news@shop.test")
                .attach("x.bin", "application/octet-stream", new byte[10]));

        assertThat(search("from:billing")).containsExactly("Invoice March");
        assertThat(search("-from:billing")).containsExactly("Newsletter");
        assertThat(search("!from:billing")).containsExactly("Newsletter");
        assertThat(search("has:attachment")).containsExactly("Newsletter");
        assertThat(search("subject:\"invoice march\"")).containsExactly("Invoice March");
        assertThat(search("is:unread")).containsExactly("Newsletter", "Invoice March");
        assertThat(search("after:2000-01-01")).containsExactly("Newsletter", "Invoice March");
        assertThat(search("before:2000-01-01")).isEmpty();
        assertThat(search("-before:2000-01-01")).hasSize(2);
        assertThat(search("after:notadate subject:newsletter")).containsExactly("Newsletter"); // ignored, as Mailpit
        assertThat(search("before:2000-01-01T00:00:00 after:1999-01-01")).isEmpty();
        assertThat(search("tag:important")).isEmpty();
        assertThat(search("-tag:important")).hasSize(2);
        assertThat(search("larger:1K")).isEmpty();
        assertThat(search("smaller:1M")).hasSize(2);
        assertThat(search("unknown:field")).isEmpty(); // plain text, as in Mailpit: not an error

        JsonNode counted = inbox.http().json("/api/v1/search?query=" + Http.encode("shop.test") + "&limit=1");
        assertThat(counted.get("messages")).hasSize(1);
        assertThat(counted.get("messages_count").asInt()).isEqualTo(2);
        assertThat(counted.get("total").asInt()).isEqualTo(2);
    }

    @Test
    void chaosTriggersAreFaultRules() {
        HttpResponse<String> set = inbox.http().put("/api/v1/chaos",
                "{\"Sender\": {\"ErrorCode\": 451, \"Probability\": 100}, \"Authentication\": {\"Probability\": 30}}");
        assertThat(set.statusCode()).isEqualTo(200);
        JsonNode triggers = Http.parse(set.body());
        assertThat(triggers.get("Sender").get("Probability").asInt()).isEqualTo(100);
        assertThat(triggers.get("Authentication").get("ErrorCode").asInt()).isEqualTo(535); // Mailpit's default
        assertThat(triggers.get("Recipient").get("Probability").asInt()).isZero();
        JsonNode rules = inbox.http().json("/api/faults").get("rules");
        assertThat(rules).hasSize(2);
        assertThat(rules.get(0).get("text").asText()).isEqualTo("smtp MAIL -> reply 451 \"Chaos sender error\"");
        assertThat(rules.get(1).get("text").asText())
                .isEqualTo("smtp auth -> reply 535 \"Chaos authentication error\" probability 0.3");
        assertThatThrownBy(() -> inbox.send(TestMail.message())).hasStackTraceContaining("Chaos sender error");

        HttpResponse<String> bad = inbox.http().put("/api/v1/chaos", "{\"Sender\": {\"ErrorCode\": 399}}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).isEqualTo("error code must be between 400 and 599");
        assertThat(inbox.http().put("/api/v1/chaos", "{\"Sendr\": {}}").statusCode()).isEqualTo(400);
        assertThat(inbox.http().json("/api/faults").get("rules")).hasSize(2); // a refused change changes nothing

        inbox.http().delete("/api/faults"); // removed elsewhere: reads back as off
        JsonNode after = inbox.http().json("/api/v1/chaos");
        assertThat(after.get("Sender").get("Probability").asInt()).isZero();
        assertThat(after.get("Sender").get("ErrorCode").asInt()).isEqualTo(451);
        inbox.send(TestMail.message().subject("accepted again"));
    }

    @Test
    void anIsolatedInboxHasItsOwnMailpitApi() {
        assertThat(inbox.http().post("/api/inboxes", "{\"tag\":\"job42\"}").statusCode()).isEqualTo(201);
        TestMail.message().subject("for the job").to("bob+job42@example.test").text("job text").sendTo(inbox.mail());
        inbox.send(TestMail.message().subject("for the rest"));

        JsonNode jobList = inbox.http().json("/api/v1/messages?inbox=job42");
        assertThat(subjectsOf(jobList)).containsExactly("for the job");
        String job = jobList.get("messages").get(0).get("ID").asText();
        assertThat(subjects()).containsExactly("for the rest");
        assertThat(inbox.http().get("/view/" + job + ".txt?inbox=job42").body()).isEqualTo("job text");
        assertThat(inbox.http().delete("/api/v1/messages?inbox=job42").body()).isEqualTo("ok");
        assertThat(inbox.http().json("/api/v1/messages?inbox=job42").get("total").asInt()).isZero();
        assertThat(subjects()).containsExactly("for the rest");
    }

    @Test
    void headersUseGoCanonicalNames() {
        long id = inbox.send(TestMail.message().subject("Headers"));
        JsonNode headers = inbox.http().json("/api/v1/message/" + id + "/headers");
        assertThat(headers.get("Subject").get(0).asText()).isEqualTo("Headers");
        assertThat(headers.has("Message-Id")).isTrue();
        assertThat(headers.has("Content-Type")).isTrue();

        HttpResponse<String> raw = inbox.http().get("/api/v1/message/" + id + "/raw");
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(raw.body()).contains("Subject: Headers");
    }

    private List<String> search(String query) {
        JsonNode result = inbox.http().json("/api/v1/search?query=" + Http.encode(query));
        return subjectsOf(result);
    }

    private List<String> subjects() {
        return subjectsOf(inbox.http().json("/api/v1/messages"));
    }

    private static List<String> subjectsOf(JsonNode list) {
        List<String> subjects = new ArrayList<>();
        list.get("messages").forEach(message -> subjects.add(message.get("Subject").asText()));
        return subjects;
    }
}
