package dev.fakemail.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakemail.testsupport.SmtpConversation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The jar with --dns-zone checks the mail it receives: the log line and the message JSON say what passed. */
@Timeout(60)
class StandaloneAuthenticationIT {
    private static final Duration STARTUP = Duration.ofSeconds(20);
    private static final Duration SHORT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void aZoneFileTurnsTheChecksOn() throws Exception {
        Path zone = dir.resolve("shop.zone");
        Files.writeString(zone, "$ORIGIN shop.test.\n"
                + "@       IN TXT \"v=spf1 ip4:127.0.0.1 -all\"\n"
                + "_dmarc  IN TXT \"v=DMARC1; p=reject\"\n", StandardCharsets.US_ASCII);
        try (StandaloneProcess fakemail = StandaloneProcess.start(Map.of(), "--smtp-port", "0", "--smtps-port", "off",
                "--pop3-port", "off", "--pop3s-port", "off", "--imap-port", "off", "--imaps-port", "off",
                "--web-port", "0", "--dns-zone", zone.toString())) {
            int smtpPort = Integer.parseInt(fakemail.awaitStdout("^fakemail: smtp listening on 127\\.0\\.0\\.1:(\\d+)$",
                    STARTUP).group(1));
            String inbox = fakemail.awaitStdout("^fakemail: inbox at (http://127\\.0\\.0\\.1:\\d+/)$", SHORT).group(1);
            try (SmtpConversation smtp = Smtp.open("127.0.0.1", smtpPort)) {
                Smtp.sendIn(smtp, "orders@shop.test", "bob@example.test", "Checked");
            }
            fakemail.awaitStdout("^fakemail: received #1 from <orders@shop\\.test> to <bob@example\\.test> "
                    + "\"Checked\" \\d+ B spf=pass dkim=none dmarc=pass$", SHORT);

            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(inbox + "api/messages/1")).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode auth = new ObjectMapper().readTree(response.body()).get("authentication");
            assertThat(auth.get("spf").asText()).isEqualTo("pass");
            assertThat(auth.get("dmarc").asText()).as("From orders@shop.test, aligned SPF").isEqualTo("pass");
            assertThat(auth.at("/mailFrom/record").asText()).isEqualTo("v=spf1 ip4:127.0.0.1 -all");
            assertThat(auth.at("/policy/record").asText()).isEqualTo("v=DMARC1; p=reject");
        }
    }
}
