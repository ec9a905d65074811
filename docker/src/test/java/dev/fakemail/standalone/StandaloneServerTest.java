package dev.fakemail.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class StandaloneServerTest {
    private static StandaloneOptions options(String... args) throws OptionException {
        return StandaloneOptions.parse(List.of(args), Map.of());
    }

    @Test
    void describesEveryListenerAndTheInbox() throws Exception {
        try (StandaloneServer server = StandaloneServer.start(
                options("--smtp-port", "0", "--smtps-port", "0", "--web-port", "0"))) {
            List<String> lines = server.describe();

            int smtp = server.mail().smtp().port();
            int smtps = server.mail().smtps().port();
            int web = server.web().orElseThrow().port();
            assertThat(lines).containsExactly(
                    "smtp listening on 127.0.0.1:" + smtp,
                    "smtps listening on 127.0.0.1:" + smtps,
                    "web listening on 127.0.0.1:" + web,
                    "inbox at http://127.0.0.1:" + web + "/");
        }
    }

    @Test
    void mailSentOverSmtpShowsUpInTheInbox() throws Exception {
        try (StandaloneServer server = StandaloneServer.start(
                options("--smtp-port", "0", "--smtps-port", "off", "--web-port", "0"))) {
            Smtp.send("127.0.0.1", server.mail().smtp().port(), "a@example.test", "b@example.test", "Hi there");

            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            server.web().orElseThrow().uri().resolve("/api/messages"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(body).contains("\"from\":\"a@example.test\"", "\"to\":[\"b@example.test\"]",
                    "\"subject\":\"Hi there\"");
        }
    }

    @Test
    void listenersSwitchedOffAreNotDescribed() throws Exception {
        try (StandaloneServer server = StandaloneServer.start(
                options("--smtp-port", "0", "--smtps-port", "off", "--web-port", "off"))) {
            assertThat(server.web()).isEmpty();
            assertThat(server.describe()).containsExactly("smtp listening on 127.0.0.1:" + server.mail().smtp().port());
        }
    }

    @Test
    void wildcardBindStillPointsTheBrowserAtLoopback() throws Exception {
        try (StandaloneServer server = StandaloneServer.start(
                options("--bind", "0.0.0.0", "--smtp-port", "off", "--smtps-port", "off", "--web-port", "0"))) {
            int web = server.web().orElseThrow().port();
            assertThat(server.describe()).containsExactly("web listening on 0.0.0.0:" + web,
                    "inbox at " + URI.create("http://127.0.0.1:" + web + "/"));
        }
    }

    @Test
    void aBusySmtpPortNamesTheListenerAndItsFlag() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> StandaloneServer.start(
                    options("--smtp-port", String.valueOf(port), "--smtps-port", "0", "--web-port", "0")))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageStartingWith("smtp cannot listen on 127.0.0.1:" + port + ": ")
                    .hasMessageEndingWith("(choose another port with --smtp-port, or 0 for a free one)");
        }
    }

    @Test
    void aBusyWebPortNamesTheWebListenerAndStopsTheMailListeners() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
                ServerSocket probe = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int smtpPort = probe.getLocalPort();
            probe.close();
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> StandaloneServer.start(options("--smtp-port", String.valueOf(smtpPort),
                    "--smtps-port", "off", "--web-port", String.valueOf(port))))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageStartingWith("web cannot listen on 127.0.0.1:" + port + ": ")
                    .hasMessageEndingWith("(choose another port with --web-port, or 0 for a free one)");
            // The SMTP listener started first and must be gone again.
            try (ServerSocket again = new ServerSocket(smtpPort, 50, InetAddress.getByName("127.0.0.1"))) {
                assertThat(again.getLocalPort()).isEqualTo(smtpPort);
            }
        }
    }
}
