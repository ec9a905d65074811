package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.store.MailQuery;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Cross-site refusal, basic auth and the Host check against DNS rebinding, over real HTTP. */
@Timeout(60)
class SecurityTest {
    @RegisterExtension
    final RunningInbox inbox = new RunningInbox();

    @BeforeEach
    void start() {
        TestMail.message().subject("secret").sendTo(inbox.mail());
        inbox.mail().await(MailQuery.all(), Duration.ofSeconds(10));
    }

    @Test
    void changesFromAnotherSiteAreRefused() {
        long id = inbox.mail().messages().get(0).id();
        HttpResponse<String> foreignOrigin = inbox.http().send(inbox.http().request("/api/messages/" + id)
                .header("Origin", "http://evil.example").DELETE().build());
        HttpResponse<String> crossSite = inbox.http().send(inbox.http().request("/api/reset")
                .header("Sec-Fetch-Site", "cross-site").POST(HttpRequest.BodyPublishers.noBody()).build());
        HttpResponse<String> nullOrigin = inbox.http().send(inbox.http().request("/api/messages")
                .header("Origin", "null").DELETE().build());

        assertThat(foreignOrigin.statusCode()).isEqualTo(403);
        assertThat(Http.error(foreignOrigin)).isEqualTo("cross-site request refused (Origin: http://evil.example)");
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(Http.error(crossSite)).isEqualTo("cross-site request refused (Sec-Fetch-Site: cross-site)");
        assertThat(nullOrigin.statusCode()).isEqualTo(403);
        assertThat(inbox.mail().messages()).hasSize(1);
    }

    @Test
    void formPostsAreRefusedWhateverTheirOrigin() {
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x"}) {
            HttpResponse<String> response = inbox.http().send(inbox.http().request("/api/reset")
                    .header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString("a=b")).build());

            assertThat(response.statusCode()).as(type).isEqualTo(415);
            assertThat(Http.error(response)).as(type).startsWith("form posts and other non-JSON bodies are refused");
        }
        assertThat(inbox.mail().messages()).hasSize(1);
    }

    @Test
    void thePageItselfAndClientsWithoutBrowserHeadersMayChangeThings() {
        String self = "http://" + inbox.web().uri().getAuthority();
        long id = inbox.mail().messages().get(0).id();
        HttpResponse<String> sameOrigin = inbox.http().send(inbox.http().request("/api/messages/" + id)
                .header("Origin", self).header("Sec-Fetch-Site", "same-origin").header("X-Fakemail", "1")
                .DELETE().build());
        HttpResponse<String> curlLike = inbox.http().post("/api/reset");

        assertThat(sameOrigin.statusCode()).isEqualTo(204);
        assertThat(curlLike.statusCode()).isEqualTo(204);
    }

    @Test
    void readingNeedsNoCorsHeadersAndGetsNone() {
        HttpResponse<String> response = inbox.http().send(inbox.http().request("/api/messages")
                .header("Origin", "http://evil.example").GET().build());

        assertThat(response.statusCode()).isEqualTo(200); // the browser keeps it from the foreign page
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void aLoopbackInboxAnswersOnlyToLocalNames() throws IOException {
        assertThat(rawStatus("localhost:" + inbox.web().port())).isEqualTo(200);
        assertThat(rawStatus("127.0.0.1:" + inbox.web().port())).isEqualTo(200);
        assertThat(rawStatus("app.localhost")).isEqualTo(200);
        assertThat(rawStatus("[::1]:" + inbox.web().port())).isEqualTo(200);
        assertThat(rawStatus("rebind.attacker.example:" + inbox.web().port())).isEqualTo(403);
        inbox.restartWeb(options -> options.allowHost("Mail.Dev.Test"));

        assertThat(rawStatus("mail.dev.test:" + inbox.web().port())).isEqualTo(200);
        assertThat(rawStatus("rebind.attacker.example")).isEqualTo(403);
    }

    @Test
    void anInboxReachableBeyondLoopbackStillAnswersOnlyToLocalAndAllowedNames() throws IOException {
        InetAddress everywhere = InetAddress.getByName("0.0.0.0");
        inbox.restartWeb(options -> options.bind(everywhere).allowHost("fakemail"));

        assertThat(rawStatus("rebind.attacker.example:" + inbox.web().port())).isEqualTo(403);
        assertThat(rawStatus("localhost:" + inbox.web().port())).isEqualTo(200);
        assertThat(rawStatus("192.168.1.20:" + inbox.web().port())).isEqualTo(200);
        assertThat(rawStatus("FakeMail:" + inbox.web().port())).isEqualTo(200);
        assertThat(rawBody("rebind.attacker.example")).contains("\"error\":\"host 'rebind.attacker.example' is not "
                + "allowed", "allow this name with --allow-host rebind.attacker.example (FAKEMAIL_ALLOW_HOST)");

        inbox.restartWeb(options -> options.bind(everywhere).allowHost("*"));
        assertThat(rawStatus("any.name.example")).as("* lets every name through").isEqualTo(200);
        assertThatThrownBy(() -> WebInbox.builder(inbox.mail()).allowHost("evil.example:80/"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a host name");
    }

    @Test
    void basicAuthGuardsEverythingButTheHealthCheck() {
        inbox.restartWeb(options -> options.basicAuth("dev", "s3cret: ünïcode"));

        HttpResponse<String> anonymous = inbox.http().get("/api/messages");
        HttpResponse<String> wrong = inbox.http().send(inbox.http().request("/api/messages")
                .header("Authorization", basic("dev", "guess")).GET().build());
        HttpResponse<String> right = inbox.http().send(inbox.http().request("/api/messages")
                .header("Authorization", basic("dev", "s3cret: ünïcode")).GET().build());
        HttpResponse<String> page = inbox.http().get("/");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
                .hasValue("Basic realm=\"fakemail\", charset=\"UTF-8\"");
        assertThat(Http.error(anonymous)).isEqualTo("this inbox needs a user name and password (basic auth)");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(inbox.http().get("/api/health").statusCode()).isEqualTo(200);
        assertThat(inbox.http().send(inbox.http().request("/api/events")
                        .header("Authorization", "Basic !!notbase64").GET().build())
                .statusCode()).isEqualTo(401);
        assertThat(Http.parse(right.body()).get("total").asInt()).isEqualTo(1);
    }

    @Test
    void builderRefusesUnusableOptions() {
        assertThatThrownBy(() -> WebInbox.builder(inbox.mail()).basicAuth("a:b", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebInbox.builder(inbox.mail()).port(70000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private String rawBody(String host) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), inbox.web().port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /api/messages HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Sends a request with exactly this Host header (HttpClient would not let us choose it). */
    private int rawStatus(String host) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), inbox.web().port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/messages HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
