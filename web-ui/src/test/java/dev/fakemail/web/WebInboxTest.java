package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.FakeMailServer;
import dev.fakemail.store.MailQuery;
import dev.fakemail.store.ReceivedMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(30)
class WebInboxTest {
    @RegisterExtension
    final RunningInbox inbox = new RunningInbox();

    @Test
    void healthAnswersOk() throws Exception {
        HttpResponse<String> response = get("/api/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(Http.parse(response.body())).isEqualTo(Http.parse("{\"status\":\"ok\"}"));
    }

    @Test
    void listsNothingBeforeMailArrives() throws Exception {
        HttpResponse<String> response = get("/api/messages");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.parse(response.body())).isEqualTo(Http.parse(
                "{\"total\":0,\"stored\":0,\"unread\":0,\"offset\":0,\"limit\":50,\"query\":\"any message\","
                        + "\"messages\":[]}"));
    }

    @Test
    void listsAMessageReceivedOverSmtp() throws Exception {
        FakeMailServer mail = inbox.mail();
        RawSmtp.send(mail.smtp().host(), mail.smtp().port(), "alice@example.test", "bob@example.test",
                "From: Alice <alice@example.test>\nTo: bob@example.test\n"
                        + "Subject: =?UTF-8?B?R3LDvMOfZSA8Yj4gJiDigqw=?=\n\nHello Bob\n");
        ReceivedMessage stored = mail.await(MailQuery.to("bob@example.test"), Duration.ofSeconds(5)).get(0);

        HttpResponse<String> response = get("/api/messages");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode list = Http.parse(response.body()).get("messages");
        assertThat(list.size()).isEqualTo(1);
        JsonNode message = list.get(0);
        assertThat(fieldNames(message)).containsExactly("id", "from", "to", "subject", "receivedAt", "size",
                "headerFrom", "snippet", "attachments", "read");
        assertThat(message.get("id").asLong()).isEqualTo(stored.id());
        assertThat(message.get("from").asText()).isEqualTo("alice@example.test");
        assertThat(message.get("to").isArray()).isTrue();
        assertThat(message.get("to").get(0).asText()).isEqualTo("bob@example.test");
        assertThat(message.get("subject").asText()).isEqualTo("Grüße <b> & €");
        assertThat(Instant.parse(message.get("receivedAt").asText())).isEqualTo(stored.receivedAt());
        assertThat(message.get("size").asInt()).isEqualTo(stored.size());
        assertThat(message.get("headerFrom").asText()).isEqualTo("Alice <alice@example.test>");
        assertThat(message.get("snippet").asText()).isEqualTo("Hello Bob");
        assertThat(message.get("attachments").asInt()).isZero();
        assertThat(message.get("read").asBoolean()).isFalse();
        // What the standalone server's tests look for, byte for byte:
        assertThat(response.body()).contains("\"from\":\"alice@example.test\"", "\"to\":[\"bob@example.test\"]");
    }

    @Test
    void listsEveryRecipientAndTheNullSenderNewestFirst() throws Exception {
        inbox.deliver("", List.of("a@example.test", "b@example.test"), "Subject: bounce\r\n\r\nbody\r\n");
        inbox.deliver("c@example.test", List.of("d@example.test"), "Subject: second\r\n\r\nbody\r\n");

        JsonNode list = Http.parse(get("/api/messages").body()).get("messages");

        assertThat(list.size()).isEqualTo(2);
        assertThat(list.get(0).get("subject").asText()).isEqualTo("second");
        assertThat(list.get(1).get("from").asText()).isEmpty();
        assertThat(list.get(1).get("to").toString()).isEqualTo("[\"a@example.test\",\"b@example.test\"]");
        assertThat(list.get(0).get("id").asLong()).isGreaterThan(list.get(1).get("id").asLong());
    }

    @Test
    void servesTheRawBytesAsRfc822() throws Exception {
        String data = "Subject: raw\r\nX-Bytes: caf\u00e9\r\n\r\n<script>alert(1)</script>\r\n";
        ReceivedMessage message = inbox.deliver("a@example.test", List.of("b@example.test"), data);

        HttpResponse<byte[]> response = inbox.http().getBytes("/api/messages/" + message.id() + "/raw");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("message/rfc822");
        assertThat(response.body()).isEqualTo(message.bytes());
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("sandbox").contains("default-src 'none'"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void unknownMessageIdIsA404WithAJsonError() throws Exception {
        inbox.deliver("a@example.test", List.of("b@example.test"), "Subject: x\r\n\r\nx\r\n");

        for (String id : List.of("999", "99999999999999999999999")) {
            HttpResponse<String> response = get("/api/messages/" + id + "/raw");

            assertThat(response.statusCode()).as(id).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(Http.parse(response.body()).get("error").asText()).isEqualTo("no message with id " + id);
        }
    }

    @Test
    void nonNumericMessageIdIsA400WithAJsonError() throws Exception {
        for (String id : List.of("abc", "-1", "1e3", "%20")) {
            HttpResponse<String> response = get("/api/messages/" + id + "/raw");

            assertThat(response.statusCode()).as(id).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(Http.parse(response.body()).get("error").asText()).startsWith("message id must be a number");
        }
    }

    @Test
    void unknownPathsAre404AndOtherMethods405() throws Exception {
        HttpResponse<String> missing = get("/api/nothing");
        HttpResponse<String> post = inbox.http().send(inbox.http().request("/api/messages")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build());

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Http.parse(missing.body()).has("error")).isTrue();
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(Http.parse(post.body()).get("error").asText()).contains("PUT");
    }

    @Test
    void pageHasAStrictContentSecurityPolicyAndNoInlineScript() throws Exception {
        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'self'").contains("script-src 'self'")
                .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("Cross-Origin-Resource-Policy")).hasValue("same-origin");
        assertThat(page.body()).contains("<script type=\"module\" src=\"js/app.js\"></script>")
                .doesNotContainPattern("<script(?![^>]*\\bsrc=)")
                .doesNotContainPattern("(?i)\\son[a-z]+\\s*=")
                .doesNotContain("style=")
                .doesNotContainPattern("(?i)(src|href)=\"(https?:)?//"); // nothing from elsewhere: works offline
    }

    @Test
    void scriptsAndStylesAreServedFromTheJarAndNeverParseMarkup() throws Exception {
        for (String script : List.of("app.js", "api.js", "dom.js", "format.js", "live.js", "keys.js", "pages.js",
                "inbox.js", "message.js", "sessions.js", "mailboxes.js")) {
            HttpResponse<String> response = get("/js/" + script);

            assertThat(response.statusCode()).as(script).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
            assertThat(response.body()).as(script)
                    .doesNotContain("innerHTML").doesNotContain("outerHTML").doesNotContain("insertAdjacentHTML")
                    .doesNotContain("document.write").doesNotContain("eval(").doesNotContain("new Function")
                    .doesNotContain("srcdoc").doesNotContainPattern("(https?:)?//[a-z]"); // no CDN, no remote
        }
        assertThat(get("/js/dom.js").body()).contains("textContent");
        assertThat(get("/js/message.js").body()).contains("'allow-popups allow-popups-to-escape-sandbox'")
                .doesNotContain("allow-scripts").doesNotContain("allow-same-origin");
        HttpResponse<String> style = get("/inbox.css");
        assertThat(style.statusCode()).isEqualTo(200);
        assertThat(style.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(style.body()).contains("@media (prefers-color-scheme: dark)").doesNotContain("@import")
                .doesNotContainPattern("url\\((\"|')?(https?:)?//");
        assertThat(get("/js/nothing.js").statusCode()).isEqualTo(404);
        assertThat(get("/js/..%2f..%2fdev%2ffakemail%2fweb%2fWebInbox.class").statusCode()).isEqualTo(404);
    }

    @Test
    void bindsLoopbackByDefault() {
        WebInbox web = inbox.web();
        assertThat(web.address().isLoopbackAddress()).isTrue();
        assertThat(web.uri().toString()).isEqualTo("http://" + web.address().getHostAddress() + ":" + web.port() + "/");
    }

    @Test
    void aPortInUseIsAClearError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> WebInbox.start(inbox.mail(), InetAddress.getLoopbackAddress(),
                    taken.getLocalPort()))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("web cannot listen on " + InetAddress.getLoopbackAddress().getHostAddress()
                            + ":" + taken.getLocalPort());
        }
    }

    @Test
    void closeFreesThePort() throws IOException {
        WebInbox closed = inbox.web();
        int port = closed.port();
        inbox.stopWeb();

        try (Socket socket = new Socket()) {
            InetSocketAddress freed = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            assertThatThrownBy(() -> socket.connect(freed, 2_000))
                    .isInstanceOf(ConnectException.class);
        }
        try (WebInbox again = WebInbox.start(inbox.mail(), InetAddress.getLoopbackAddress(), port)) {
            assertThat(again.port()).isEqualTo(port);
        }
        closed.close(); // a second close does nothing
    }

    private HttpResponse<String> get(String path) {
        return inbox.http().get(path);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
