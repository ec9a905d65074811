package dev.fakemail.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs the packaged jar (target/fakemail.jar) as a process, as users and the Docker image do. */
@Timeout(60)
class StandaloneProcessIT {
    private static final Duration STARTUP = Duration.ofSeconds(20);
    private static final Duration SHORT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void receivesMailOverSmtpAndListsItInTheInbox() throws Exception {
        try (StandaloneProcess fakemail = StandaloneProcess.start(Map.of(),
                Listeners.on("smtp", "smtps", "pop3", "pop3s", "web").args())) {
            int smtp = port(fakemail.awaitStdout("^fakemail: smtp listening on 127\\.0\\.0\\.1:(\\d+)$", STARTUP));
            int smtps = port(fakemail.awaitStdout("^fakemail: smtps listening on 127\\.0\\.0\\.1:(\\d+)$", SHORT));
            int pop3 = port(fakemail.awaitStdout("^fakemail: pop3 listening on 127\\.0\\.0\\.1:(\\d+)$", SHORT));
            int pop3s = port(fakemail.awaitStdout("^fakemail: pop3s listening on 127\\.0\\.0\\.1:(\\d+)$", SHORT));
            int web = port(fakemail.awaitStdout("^fakemail: web listening on 127\\.0\\.0\\.1:(\\d+)$", SHORT));
            Matcher inbox = fakemail.awaitStdout("^fakemail: inbox at (http://127\\.0\\.0\\.1:(\\d+)/)$", SHORT);
            assertThat(smtps).isPositive().isNotEqualTo(smtp);
            assertThat(List.of(smtp, smtps, pop3, pop3s, web)).doesNotHaveDuplicates().allMatch(port -> port > 0);
            assertThat(Integer.parseInt(inbox.group(2))).isEqualTo(web);

            Smtp.send("127.0.0.1", smtp, "alice@example.test", "bob@example.test", "From the jar");

            HttpResponse<String> messages = get(URI.create(inbox.group(1)).resolve("/api/messages"));
            assertThat(messages.statusCode()).isEqualTo(200);
            assertThat(messages.body()).contains("\"from\":\"alice@example.test\"", "\"to\":[\"bob@example.test\"]",
                    "\"subject\":\"From the jar\"");
            assertThat(get(URI.create(inbox.group(1)).resolve("/api/health")).body()).isEqualTo("{\"status\":\"ok\"}");
        }
    }

    @Test
    void readsEnvironmentVariablesAndFlagsWin() throws Exception {
        try (StandaloneProcess fakemail = StandaloneProcess.start(Map.of("FAKEMAIL_SMTP_PORT", "0",
                        "FAKEMAIL_SMTPS_PORT", "off", "FAKEMAIL_POP3_PORT", "nonsense", "FAKEMAIL_POP3S_PORT", "off",
                        "FAKEMAIL_WEB_PORT", "nonsense", "FAKEMAIL_HOSTNAME", "env-host.example.test"),
                "--web-port", "0", "--pop3-port", "0")) {
            int smtp = port(fakemail.awaitStdout("^fakemail: smtp listening on 127\\.0\\.0\\.1:(\\d+)$", STARTUP));
            int pop3 = port(fakemail.awaitStdout("^fakemail: pop3 listening on 127\\.0\\.0\\.1:(\\d+)$", SHORT));
            fakemail.awaitStdout("^fakemail: web listening on 127\\.0\\.0\\.1:(\\d+)$", SHORT);

            try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), smtp)) {
                socket.setSoTimeout(10_000);
                String greeting = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
                assertThat(greeting).startsWith("220 env-host.example.test");
            }
            try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), pop3)) {
                socket.setSoTimeout(10_000);
                String greeting = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
                assertThat(greeting).startsWith("+OK").contains("env-host.example.test");
            }
            assertThat(fakemail.seen()).noneMatch(line -> line.contains("smtps") || line.contains("pop3s"));
        }
    }

    @Test
    void aBadSettingPrintsOneLineAndExitsWith2() throws Exception {
        try (StandaloneProcess fakemail = StandaloneProcess.start(Map.of(), "--smtp-port", "nonsense")) {
            assertThat(fakemail.awaitExit(SHORT)).isEqualTo(2);
            assertThat(fakemail.awaitStderr(".+", SHORT).group()).isEqualTo(
                    "fakemail: --smtp-port: 'nonsense' is not a port (0..65535, 0 for a free port, or off)");
            assertThat(fakemail.seen()).hasSize(1);
        }
    }

    @Test
    void aBadEnvironmentVariableIsNamed() throws Exception {
        try (StandaloneProcess fakemail = StandaloneProcess.start(Map.of("FAKEMAIL_REQUIRE_TLS", "maybe"))) {
            assertThat(fakemail.awaitExit(SHORT)).isEqualTo(2);
            assertThat(fakemail.awaitStderr(".+", SHORT).group())
                    .isEqualTo("fakemail: FAKEMAIL_REQUIRE_TLS: 'maybe' is not true or false");
        }
    }

    /** Every other listener is on too: none of them may print its line before the taken port ends the start. */
    @ParameterizedTest
    @ValueSource(strings = {"smtp", "pop3"})
    void aPortInUseNamesTheListenerAndItsFlagAndExitsWith1(String listener) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
                StandaloneProcess fakemail = StandaloneProcess.start(Map.of(), Listeners
                        .on("smtp", "smtps", "pop3", "pop3s", "web").at(listener, taken.getLocalPort()).args())) {
            assertThat(fakemail.awaitExit(STARTUP)).isEqualTo(1);
            assertThat(fakemail.awaitStderr(".+", SHORT).group())
                    .startsWith("fakemail: " + listener + " cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ")
                    .endsWith("(choose another port with --" + listener + "-port, or 0 for a free one)");
            assertThat(fakemail.seen()).hasSize(1);
        }
    }

    @Test
    void aWebPortInUseNamesTheWebListener() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
                StandaloneProcess fakemail = StandaloneProcess.start(Map.of(),
                        Listeners.on("smtp", "pop3").at("web", taken.getLocalPort()).args())) {
            assertThat(fakemail.awaitExit(STARTUP)).isEqualTo(1);
            assertThat(fakemail.awaitStderr(".+", SHORT).group())
                    .startsWith("fakemail: web cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ")
                    .contains("--web-port");
        }
    }

    @Test
    void sigtermStopsWithinSecondsAndFreesThePorts() throws Exception {
        try (StandaloneProcess fakemail = StandaloneProcess.start(Map.of(), Listeners.on("smtp", "pop3", "web").args())) {
            int smtp = port(fakemail.awaitStdout("^fakemail: smtp listening on 127\\.0\\.0\\.1:(\\d+)$", STARTUP));
            int pop3 = port(fakemail.awaitStdout("^fakemail: pop3 listening on 127\\.0\\.0\\.1:(\\d+)$", SHORT));
            int web = port(fakemail.awaitStdout("^fakemail: web listening on 127\\.0\\.0\\.1:(\\d+)$", SHORT));

            long start = System.nanoTime();
            fakemail.terminate();
            int exit = fakemail.awaitExit(Duration.ofSeconds(5));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(exit).isEqualTo(143); // 128 + SIGTERM: the JVM's exit after running shutdown hooks
            assertThat(fakemail.remainingStdout()).as("output: %s", fakemail.seen()).contains("fakemail: stopped");
            for (int port : new int[] {smtp, pop3, web}) {
                try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
                    assertThat(again.getLocalPort()).isEqualTo(port);
                }
            }
        }
    }

    @Test
    void mailSentOverSmtpIsReadBackOverPop3() throws Exception {
        try (StandaloneProcess fakemail = StandaloneProcess.start(Map.of(), Listeners.on("smtp", "pop3").args())) {
            int smtp = port(fakemail.awaitStdout("^fakemail: smtp listening on 127\\.0\\.0\\.1:(\\d+)$", STARTUP));
            int pop3 = port(fakemail.awaitStdout("^fakemail: pop3 listening on 127\\.0\\.0\\.1:(\\d+)$", SHORT));

            Smtp.send("127.0.0.1", smtp, "alice@example.test", "bob@example.test", "Read me over POP3");
            Pop3.Retrieved retrieved = Pop3.retrieve("127.0.0.1", pop3, "bob@example.test", "x");

            assertThat(retrieved.count()).isEqualTo(1);
            assertThat(retrieved.octets()).isEqualTo(retrieved.message().length());
            assertThat(retrieved.message()).contains("From: alice@example.test\r\n", "To: bob@example.test\r\n",
                    "Subject: Read me over POP3\r\n", "\r\n\r\nHello.\r\n");
        }
    }

    @Test
    void pop3PortOffPrintsNoPop3Line() throws Exception {
        try (StandaloneProcess fakemail = StandaloneProcess.start(Map.of(), Listeners.on("smtp", "pop3s", "web").args())) {
            fakemail.awaitStdout("^fakemail: smtp listening on 127\\.0\\.0\\.1:(\\d+)$", STARTUP);
            fakemail.awaitStdout("^fakemail: pop3s listening on 127\\.0\\.0\\.1:(\\d+)$", SHORT);
            fakemail.awaitStdout("^fakemail: inbox at ", SHORT); // the last start-up line

            assertThat(fakemail.seen()).noneMatch(line -> line.contains("pop3 "));
        }
        try (StandaloneProcess fakemail = StandaloneProcess.start(Map.of("FAKEMAIL_POP3_PORT", "off",
                        "FAKEMAIL_POP3S_PORT", "off"),
                "--smtp-port", "0", "--smtps-port", "off", "--web-port", "0")) {
            fakemail.awaitStdout("^fakemail: inbox at ", STARTUP);

            assertThat(fakemail.seen()).noneMatch(line -> line.contains("pop3"));
        }
    }

    @Test
    void aBadPop3PortPrintsOneLineAndExitsWith2() throws Exception {
        try (StandaloneProcess fakemail = StandaloneProcess.start(Map.of("FAKEMAIL_POP3S_PORT", "pop"))) {
            assertThat(fakemail.awaitExit(SHORT)).isEqualTo(2);
            assertThat(fakemail.awaitStderr(".+", SHORT).group()).isEqualTo(
                    "fakemail: FAKEMAIL_POP3S_PORT: 'pop' is not a port (0..65535, 0 for a free port, or off)");
        }
    }

    @Test
    void helpAndVersionExitWith0() throws Exception {
        try (StandaloneProcess help = StandaloneProcess.start(Map.of(), "--help")) {
            assertThat(help.awaitExit(SHORT)).isZero();
            help.awaitStdout("^Usage: java -jar fakemail.jar", SHORT);
            help.awaitStdout("--smtps-port N\\|off", SHORT);
            help.awaitStdout("--pop3-port N\\|off", SHORT);
            help.awaitStdout("env FAKEMAIL_POP3_PORT, default 1110", SHORT);
            help.awaitStdout("--pop3s-port N\\|off", SHORT);
            help.awaitStdout("env FAKEMAIL_POP3S_PORT, default 1995", SHORT);
        }
        try (StandaloneProcess version = StandaloneProcess.start(Map.of(), "--version")) {
            assertThat(version.awaitExit(SHORT)).isZero();
            assertThat(version.awaitStdout(".+", SHORT).group())
                    .isEqualTo("fakemail " + System.getProperty("fakemail.version", "0.1.0-SNAPSHOT"));
        }
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(SHORT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int port(Matcher matcher) {
        return Integer.parseInt(matcher.group(1));
    }
}
