package dev.fakemail.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(30)
class StandaloneServerTest {
    private static StandaloneOptions options(String... args) throws OptionException {
        return StandaloneOptions.parse(List.of(args), Map.of());
    }

    @Test
    void describesEveryListenerAndTheInbox() throws Exception {
        try (StandaloneServer server = StandaloneServer.start(
                options("--smtp-port", "0", "--smtps-port", "0", "--pop3-port", "0", "--pop3s-port", "0", "--imap-port", "off", "--imaps-port", "off",
                        "--web-port", "0"))) {
            List<String> lines = server.describe();

            int smtp = server.mail().smtp().port();
            int smtps = server.mail().smtps().port();
            int pop3 = server.mail().pop3().port();
            int pop3s = server.mail().pop3s().port();
            int web = server.web().orElseThrow().port();
            assertThat(lines).containsExactly(
                    "smtp listening on 127.0.0.1:" + smtp,
                    "smtps listening on 127.0.0.1:" + smtps,
                    "pop3 listening on 127.0.0.1:" + pop3,
                    "pop3s listening on 127.0.0.1:" + pop3s,
                    "web listening on 127.0.0.1:" + web,
                    "inbox at http://127.0.0.1:" + web + "/");
        }
    }

    @Test
    void mailSentOverSmtpShowsUpInTheInbox() throws Exception {
        try (StandaloneServer server = StandaloneServer.start(
                options("--smtp-port", "0", "--smtps-port", "off", "--pop3-port", "off",
                        "--pop3s-port", "off", "--imap-port", "off", "--imaps-port", "off", "--web-port", "0"))) {
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
                options("--smtp-port", "0", "--smtps-port", "off", "--pop3-port", "off",
                        "--pop3s-port", "off", "--imap-port", "off", "--imaps-port", "off", "--web-port", "off"))) {
            assertThat(server.web()).isEmpty();
            assertThat(server.describe()).containsExactly("smtp listening on 127.0.0.1:" + server.mail().smtp().port());
        }
    }

    @Test
    void wildcardBindStillPointsTheBrowserAtLoopback() throws Exception {
        try (StandaloneServer server = StandaloneServer.start(
                options("--bind", "0.0.0.0", "--smtp-port", "off", "--smtps-port", "off",
                        "--pop3-port", "off", "--pop3s-port", "off", "--imap-port", "off", "--imaps-port", "off", "--web-port", "0"))) {
            int web = server.web().orElseThrow().port();
            assertThat(server.describe()).containsExactly("web listening on 0.0.0.0:" + web,
                    "inbox at " + URI.create("http://127.0.0.1:" + web + "/"));
        }
    }

    @Test
    void aBusySmtpPortNamesTheListenerAndItsFlag() throws Exception {
        try (ServerSocket taken = busyPort()) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> StandaloneServer.start(
                    options("--smtp-port", String.valueOf(port), "--smtps-port", "0", "--pop3-port", "0",
                            "--pop3s-port", "0", "--imap-port", "off", "--imaps-port", "off", "--web-port", "0")))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageStartingWith("smtp cannot listen on 127.0.0.1:" + port + ": ")
                    .hasMessageEndingWith("(choose another port with --smtp-port, or 0 for a free one)");
        }
    }

    @Test
    void aBusyWebPortNamesTheWebListenerAndStopsTheMailListeners() throws Exception {
        int smtpPort = freePort();
        try (ServerSocket taken = busyPort()) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> StandaloneServer.start(options("--smtp-port", String.valueOf(smtpPort),
                    "--smtps-port", "off", "--pop3-port", "off", "--pop3s-port", "off", "--imap-port", "off", "--imaps-port", "off",
                    "--web-port", String.valueOf(port))))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageStartingWith("web cannot listen on 127.0.0.1:" + port + ": ")
                    .hasMessageEndingWith("(choose another port with --web-port, or 0 for a free one)");
            // The SMTP listener started first and must be gone again.
            assertFree(smtpPort);
        }
    }

    @Test
    void onlyPop3CanRunAndMailSentOverSmtpIsReadOverPop3() throws Exception {
        try (StandaloneServer server = StandaloneServer.start(options("--smtp-port", "0", "--smtps-port", "off",
                "--pop3-port", "0", "--pop3s-port", "off", "--imap-port", "off", "--imaps-port", "off", "--web-port", "off"))) {
            int pop3 = server.mail().pop3().port();
            assertThat(server.describe()).containsExactly(
                    "smtp listening on 127.0.0.1:" + server.mail().smtp().port(),
                    "pop3 listening on 127.0.0.1:" + pop3);

            Smtp.send("127.0.0.1", server.mail().smtp().port(), "a@example.test", "bob@example.test", "Via POP3");

            assertThat(Pop3.retrieveFirst("127.0.0.1", pop3, "bob@example.test", "x"))
                    .contains("Subject: Via POP3", "Hello.");
        }
    }

    @Test
    void aBusyMailPortAlsoStopsTheWebInboxThatStartedBesideIt() throws Exception {
        int webPort = freePort();
        try (ServerSocket taken = busyPort()) {

            assertThatThrownBy(() -> StandaloneServer.start(options("--smtp-port", String.valueOf(taken.getLocalPort()),
                    "--smtps-port", "off", "--pop3-port", "off", "--pop3s-port", "off", "--imap-port", "off", "--imaps-port", "off",
                    "--web-port", String.valueOf(webPort))))
                    .hasMessageStartingWith("smtp cannot listen on 127.0.0.1:" + taken.getLocalPort());
            assertFree(webPort);
        }
    }

    @Test
    void configurationNamesTheCertificateEachFaultRuleAndTheSeed() throws Exception {
        try (StandaloneServer server = StandaloneServer.start(options("--smtp-port", "0", "--smtps-port", "off",
                "--pop3-port", "off", "--pop3s-port", "off", "--imap-port", "off", "--imaps-port", "off", "--web-port", "off",
                "--faults", "smtp connect -> delay 10ms; pop3 RETR -> disconnect times 2", "--fault-seed", "42"))) {
            assertThat(server.configuration(Instant.now())).containsExactly(
                    "tls certificate: the built-in self-signed one for localhost",
                    "fault rule #1: smtp connect -> delay 10ms",
                    "fault rule #2: pop3 RETR -> disconnect times 2",
                    "fault seed 42");
        }
    }

    @ParameterizedTest
    @CsvSource({"pop3, --pop3-port, --pop3s-port", "pop3s, --pop3s-port, --pop3-port"})
    void aBusyPop3PortNamesTheListenerAndItsFlagAndStopsTheOthers(String listener, String flag, String otherFlag)
            throws Exception {
        int smtpPort = freePort();
        try (ServerSocket taken = busyPort()) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> StandaloneServer.start(options("--smtp-port", String.valueOf(smtpPort),
                    "--smtps-port", "off", otherFlag, "off", flag, String.valueOf(port), "--web-port", "0")))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageStartingWith(listener + " cannot listen on 127.0.0.1:" + port + ": ")
                    .hasMessageEndingWith("(choose another port with " + flag + ", or 0 for a free one)");
            assertFree(smtpPort);
        }
    }

    @Test
    void imapListenersAreDescribedAndServeTheMailSmtpReceived() throws Exception {
        try (StandaloneServer server = StandaloneServer.start(options("--smtp-port", "0", "--smtps-port", "off",
                "--pop3-port", "off", "--pop3s-port", "off", "--imap-port", "0", "--imaps-port", "0",
                "--web-port", "off"))) {
            int imap = server.mail().imap().port();
            int imaps = server.mail().imaps().port();
            assertThat(server.describe()).containsExactly(
                    "smtp listening on 127.0.0.1:" + server.mail().smtp().port(),
                    "imap listening on 127.0.0.1:" + imap,
                    "imaps listening on 127.0.0.1:" + imaps);
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", imap)) {
                socket.setSoTimeout(10_000);
                java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                        socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
                assertThat(in.readLine()).startsWith("* OK [CAPABILITY IMAP4rev1 ");
            }
        }
    }

    /** A loopback port bound here, so the server cannot have it. */
    private static ServerSocket busyPort() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    }

    /** A loopback port that was free a moment ago. */
    private static int freePort() throws IOException {
        try (ServerSocket probe = busyPort()) {
            return probe.getLocalPort();
        }
    }

    /** The port can be bound again: whatever listened on it has stopped. */
    private static void assertFree(int port) throws IOException {
        try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }
}
