package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.Map;
import java.util.HashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The links of a message, and the check of those to this machine against a small HTTP server on 127.0.0.1. */
class LinksApiTest {
    @RegisterExtension
    final RunningInbox inbox = new RunningInbox();
    private HttpServer app;
    private int port;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final ExecutorService appThreads = Executors.newCachedThreadPool();

    @BeforeEach
    void startApp() throws IOException {
        app = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        app.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/confirm")) {
                exchange.sendResponseHeaders(200, -1);
            } else if (path.equals("/get-only") && exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(405, -1);
            } else if (path.equals("/get-only")) {
                exchange.sendResponseHeaders(200, 2);
                exchange.getResponseBody().write("ok".getBytes());
            } else if (path.equals("/slow")) {
                try {
                    Thread.sleep(8_000); // longer than the check waits for one answer
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(200, -1);
            } else if (path.equals("/moved")) {
                exchange.getResponseHeaders().add("Location", "/confirm");
                exchange.sendResponseHeaders(302, -1);
            } else if (path.equals("/away")) {
                // the same server by a spelling that is not written as loopback: must not be followed
                exchange.getResponseHeaders().add("Location", "http://2130706433:" + port + "/confirm");
                exchange.sendResponseHeaders(302, -1);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
            exchange.close();
        });
        app.setExecutor(appThreads);
        app.start();
        port = app.getAddress().getPort();
    }

    @AfterEach
    void stopApp() {
        app.stop(0);
        appThreads.shutdownNow();
    }

    @Test
    void linksComeFromTheHtmlHrefsAndTheTextOnceEachWithTheirSource() {
        long id = inbox.send(TestMail.message().subject("Links")
                .text("Confirm at https://shop.example.test/confirm?t=1&u=2. Or http://localhost:8080/x, thanks")
                .html("<p><a href=\"https://shop.example.test/confirm?t=1&amp;u=2\">Confirm</a>"
                        + "<a href='http://127.0.0.1:9/a'>a</a> <a href=mailto:bob@example.test>mail</a></p>"));

        JsonNode links = inbox.http().json("/api/messages/" + id + "/links").get("links");

        assertThat(links).extracting(link -> link.get("url").asText() + " " + link.get("source").asText() + " "
                + link.get("loopback").asBoolean()).containsExactly(
                "https://shop.example.test/confirm?t=1&u=2 html false",
                "http://127.0.0.1:9/a html true",
                "http://localhost:8080/x text true");
    }

    @Test
    void loopbackLinksAreCheckedForRealAndOthersAreOnlyListed() {
        String base = "http://127.0.0.1:" + port;
        long id = inbox.send(TestMail.message().subject("Check").text(String.join("\n",
                base + "/confirm", "http://localhost:" + port + "/missing", base + "/get-only", base + "/moved",
                base + "/away", "http://2130706433:" + port + "/confirm", "https://shop.example.test/offers")));

        JsonNode links = Http.parse(inbox.http().send(inbox.http().request("/api/messages/" + id + "/links/check")
                .header("X-Fakemail", "1").POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build()).body())
                .get("links");

        Map<String, String> byUrl = new HashMap<>();
        links.forEach(link -> byUrl.put(link.get("url").asText(), link.get("checked").asBoolean() + " "
                + link.get("status").asText() + " " + link.get("note").asText()));
        assertThat(byUrl).containsEntry(base + "/confirm", "true 200 null")
                .containsEntry("http://localhost:" + port + "/missing", "true 404 null")
                .containsEntry(base + "/get-only", "true 200 null")
                .containsEntry(base + "/moved", "true 200 after redirects to " + base + "/confirm")
                .containsEntry(base + "/away", "true 302 redirects to http://2130706433:" + port
                        + "/confirm: not followed off this machine");
        assertThat(byUrl.get("http://2130706433:" + port + "/confirm")).startsWith("false null not checked");
        assertThat(byUrl.get("https://shop.example.test/offers")).startsWith("false null not checked");
        // Nothing reached the server but the loopback links (the 2130706433 spelling of 127.0.0.1 never did).
        assertThat(requests).containsExactlyInAnyOrder("HEAD /confirm", "HEAD /missing", "HEAD /get-only",
                "GET /get-only", "HEAD /moved", "HEAD /confirm", "HEAD /away");
    }

    @Test
    void aLinkThatDoesNotAnswerIsReportedWithinTheTimeout() {
        long id = inbox.send(TestMail.message().subject("Slow").text("http://127.0.0.1:" + port + "/slow and http://127.0.0.1:"
                + port + "/confirm"));
        long started = System.nanoTime();

        JsonNode links = Http.parse(inbox.http().send(inbox.http().request("/api/messages/" + id + "/links/check")
                .header("X-Fakemail", "1").POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build()).body())
                .get("links");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(7));
        assertThat(links.get(0).get("status").isNull()).isTrue();
        assertThat(links.get(0).get("note").asText()).isEqualTo("no answer within 3 s");
        assertThat(links.get(1).get("status").asInt()).isEqualTo(200);
    }

    @Test
    void anUnknownMessageIsA404() {
        assertThat(inbox.http().get("/api/messages/999/links").statusCode()).isEqualTo(404);
        assertThat(Http.error(inbox.http().get("/api/messages/999/links"))).isEqualTo("no message with id 999");
        assertThat(Http.error(inbox.http().post("/api/messages/999/links/check"))).isEqualTo("no message with id 999");
    }

}
