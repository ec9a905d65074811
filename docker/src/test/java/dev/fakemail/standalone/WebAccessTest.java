package dev.fakemail.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web inbox of the standalone server reachable beyond loopback (what the Docker image does): the Host check
 * stays on, a password can be required, and the start-up lines warn when there is none (issue 13, defect 1).
 */
@Timeout(30)
class WebAccessTest {
    private static final String[] MAIL_OFF = {"--smtp-port", "off", "--smtps-port", "off", "--pop3-port", "off",
        "--pop3s-port", "off", "--imap-port", "off", "--imaps-port", "off", "--web-port", "0"};

    @TempDir
    Path dir;

    private static StandaloneOptions options(Map<String, String> env, String... args) throws OptionException {
        List<String> all = new ArrayList<>(List.of(MAIL_OFF));
        all.addAll(List.of(args));
        return StandaloneOptions.parse(all, env);
    }

    @Test
    void boundToEveryInterfaceTheInboxStillRefusesForeignHostNamesAndWarnsWithoutAPassword() throws Exception {
        try (StandaloneServer server = StandaloneServer.start(options(Map.of(), "--bind", "0.0.0.0",
                "--allow-host", "fakemail, Mail.Dev.Test"))) {
            int port = server.web().orElseThrow().port();

            assertThat(status(port, "rebind.attacker.example:" + port, null)).isEqualTo(403);
            assertThat(status(port, "localhost:" + port, null)).isEqualTo(200);
            assertThat(status(port, "127.0.0.1:" + port, null)).isEqualTo(200);
            assertThat(status(port, "fakemail:" + port, null)).isEqualTo(200);
            assertThat(status(port, "mail.dev.test", null)).isEqualTo(200);
            assertThat(server.configuration(Instant.now()))
                    .contains("web inbox answers to localhost, IP addresses and fakemail, mail.dev.test")
                    .anySatisfy(line -> assertThat(line).startsWith("warning: the web inbox listens on 0.0.0.0, "
                            + "beyond this machine, without a password").contains("--web-auth USER:PASSWORD"));
        }
    }

    @Test
    void webAuthAsksForThePasswordButLeavesHealthOpenAndSilencesTheWarning() throws Exception {
        try (StandaloneServer server = StandaloneServer.start(options(Map.of(), "--bind", "0.0.0.0",
                "--web-auth", "dev:s3cret:with colon"))) {
            int port = server.web().orElseThrow().port();

            assertThat(status(port, "localhost", null)).isEqualTo(401);
            assertThat(status(port, "localhost", "dev:wrong")).isEqualTo(401);
            assertThat(status(port, "localhost", "dev:s3cret:with colon")).isEqualTo(200);
            assertThat(status(port, "localhost", null, "/api/health")).isEqualTo(200);
            List<String> lines = server.configuration(Instant.now());
            assertThat(lines).contains("web inbox password: set (user dev)").noneMatch(line -> line.startsWith("warning"))
                    .noneMatch(line -> line.contains("s3cret"));
        }
    }

    @Test
    void onLoopbackThereIsNoWarning() throws Exception {
        try (StandaloneServer server = StandaloneServer.start(options(Map.of()))) {
            assertThat(server.configuration(Instant.now())).noneMatch(line -> line.startsWith("warning"));
        }
    }

    @Test
    void thePasswordComesFromAFileOrTheEnvironment() throws Exception {
        Path secret = dir.resolve("web-auth");
        Files.writeString(secret, "ops:from file\n");

        WebAccess fromFile = options(Map.of(), "--web-auth-file", secret.toString()).webAccess();
        WebAccess fromEnv = options(Map.of("FAKEMAIL_WEB_AUTH", "ci:from env", "FAKEMAIL_ALLOW_HOST", "fakemail"))
                .webAccess();

        assertThat(fromFile).extracting(WebAccess::user, WebAccess::password).containsExactly("ops", "from file");
        assertThat(fromEnv).extracting(WebAccess::user, WebAccess::password).containsExactly("ci", "from env");
        assertThat(fromEnv.allowedHosts()).containsExactly("fakemail");
        assertThat(fromEnv.toString()).doesNotContain("from env");
    }

    @Test
    void unusableSettingsAreOneLineErrorsThatNeverShowThePassword() {
        assertThatThrownBy(() -> options(Map.of(), "--web-auth", "no-colon-secret"))
                .isInstanceOf(OptionException.class).hasMessage("--web-auth: needs USER:PASSWORD (a user name "
                        + "without ':', then a password that is not empty)");
        assertThatThrownBy(() -> options(Map.of(), "--web-auth", "dev:"))
                .isInstanceOf(OptionException.class).hasMessageNotContaining("dev:");
        assertThatThrownBy(() -> options(Map.of(), "--web-auth-file", dir.resolve("missing").toString()))
                .isInstanceOf(OptionException.class).hasMessageContaining("no such file");
        assertThatThrownBy(() -> options(Map.of("FAKEMAIL_WEB_AUTH", "a:b"), "--web-auth-file", "x"))
                .isInstanceOf(OptionException.class)
                .hasMessage("FAKEMAIL_WEB_AUTH and --web-auth-file are both set: give one");
        assertThatThrownBy(() -> options(Map.of(), "--allow-host", "evil.example:80"))
                .isInstanceOf(OptionException.class).hasMessageStartingWith("--allow-host: 'evil.example:80' is not "
                        + "a list of host names");
    }

    private static int status(int port, String host, String credentials) throws IOException {
        return status(port, host, credentials, "/api/messages");
    }

    /** A request with exactly this Host header, to the inbox's loopback address. */
    private static int status(int port, String host, String credentials, String path) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String authorization = credentials == null ? "" : "Authorization: Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)) + "\r\n";
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + authorization
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return Integer.parseInt(response.split(" ", 3)[1]);
        }
    }
}
