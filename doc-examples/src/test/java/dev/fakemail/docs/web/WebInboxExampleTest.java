package dev.fakemail.docs.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fakemail.FakeMailServer;
import dev.fakemail.web.WebInbox;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** docs/web-inbox.md, the first example: the inbox on a free port, then on 8025 with a password. */
class WebInboxExampleTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void onAFreeLoopbackPort() throws Exception {
        try (FakeMailServer mail = FakeMailServer.builder().build().start();
             WebInbox web = WebInbox.start(mail)) {            // a free loopback port
            System.out.println("inbox at " + web.uri());
            assertThat(web.uri().getHost()).isEqualTo("127.0.0.1");
            assertThat(get(web.uri().resolve("/api/messages"), null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withOptions() throws Exception {
        assumeTrue(portIsFree(8025), "port 8025 is taken on this machine (a standalone fakemail?)");
        try (FakeMailServer mail = FakeMailServer.builder().build().start()) {
            // options: address, port, password, extra host names
            WebInbox web = WebInbox.builder(mail)
                    .bind(InetAddress.getByName("0.0.0.0")).port(8025)
                    .basicAuth("dev", "secret")
                    .allowHost("inbox.example.test")
                    .start();
            try (web) {
                URI api = URI.create("http://127.0.0.1:8025/api/messages");
                assertThat(get(api, null).statusCode()).isEqualTo(401);
                assertThat(get(api, "dev:secret").statusCode()).isEqualTo(200);
            }
        }
    }

    private HttpResponse<String> get(URI uri, String login) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (login != null) {
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket probe = new ServerSocket(port)) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
