package dev.fakemail.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.client.FakeMailClient;
import dev.fakemail.testcontainers.FakeMailContainer;
import dev.fakemail.testsupport.Dial;
import dev.fakemail.testsupport.SmtpConversation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What FakeMailContainer relies on, without Docker: its environment variables, given to this jar as a process,
 * do what they say; its ports are the ones the Dockerfile exposes and the jar listens on by default; its wait
 * path is the one the image's health check asks, and it answers 200 without the web password.
 */
@Timeout(60)
class FakeMailContainerSettingsIT {
    private static final Duration STARTUP = Duration.ofSeconds(20);

    @Test
    void theContainersEnvironmentConfiguresTheServerAsItSays() throws Exception {
        FakeMailContainer container = new FakeMailContainer()
                .withUsers("app@example.test:secret", "ops@example.test:pa:ss")
                .withFaults("smtp rcpt nobody@* -> reply 550 5.1.1 \"No such user\"")
                .withFaultSeed(42)
                .withWebAuth("ci", "s3cret")
                .withHostname("mail.example.test");
        Map<String, String> env = container.getEnvMap();
        assertThat(env).containsOnlyKeys("FAKEMAIL_USERS", "FAKEMAIL_FAULTS", "FAKEMAIL_FAULT_SEED",
                "FAKEMAIL_WEB_AUTH", "FAKEMAIL_HOSTNAME");

        try (SmtpAndInbox fakemail = SmtpAndInbox.start(env)) {
            int smtp = fakemail.smtpPort();
            String url = fakemail.inboxUrl();

            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(url).resolve(FakeMailContainer.HEALTH_PATH)).timeout(STARTUP).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200); // open although the inbox wants a password

            try (SmtpConversation session = new SmtpConversation(Dial.to("127.0.0.1", smtp))) {
                assertThat(session.greeting()).startsWith("220 mail.example.test");
                session.expect("EHLO client.example.test", "250");
                session.expect("AUTH PLAIN AGFwcEBleGFtcGxlLnRlc3QAd3Jvbmc=", "535"); // app@example.test / wrong
                session.expect("AUTH PLAIN AG9wc0BleGFtcGxlLnRlc3QAcGE6c3M=", "235"); // ops@example.test / pa:ss
                session.expect("MAIL FROM:<ops@example.test>", "250");
                session.expect("RCPT TO:<nobody@example.test>", "550");
                session.expect("RCPT TO:<bob@example.test>", "250");
                session.expect("QUIT", "221");
            }
            FakeMailClient client = FakeMailClient.connect(URI.create(url), "ci", "s3cret");
            assertThat(client.faults().seed()).isEqualTo(42);
            assertThat(client.faults().rules()).singleElement()
                    .satisfies(rule -> assertThat(rule.hits()).isEqualTo(1));
        }
    }

    @Test
    void itsPortsAreTheImagesAndTheJarsDefaultsAndItsWaitPathIsTheHealthCheck() throws Exception {
        FakeMailContainer container = new FakeMailContainer();
        String dockerfile = Files.readString(Path.of(System.getProperty("fakemail.dockerfile", "Dockerfile")));
        Matcher expose = Pattern.compile("(?m)^EXPOSE (.+)$").matcher(dockerfile);
        assertThat(expose.find()).isTrue();
        List<Integer> exposed = new ArrayList<>();
        for (String port : expose.group(1).trim().split("\\s+")) {
            if (!port.endsWith("/udp")) { // Testcontainers maps TCP ports only; DNS answers over TCP too
                exposed.add(Integer.parseInt(port.replace("/tcp", "")));
            }
        }

        assertThat(container.getExposedPorts()).containsExactlyElementsOf(exposed);
        assertThat(List.of(FakeMailContainer.SMTP_PORT, FakeMailContainer.SMTPS_PORT, FakeMailContainer.POP3_PORT,
                FakeMailContainer.POP3S_PORT, FakeMailContainer.IMAP_PORT, FakeMailContainer.IMAPS_PORT,
                FakeMailContainer.WEB_PORT, FakeMailContainer.DNS_PORT)).containsExactly(StandaloneOptions.DEFAULT_SMTP_PORT,
                StandaloneOptions.DEFAULT_SMTPS_PORT, StandaloneOptions.DEFAULT_POP3_PORT,
                StandaloneOptions.DEFAULT_POP3S_PORT, StandaloneOptions.DEFAULT_IMAP_PORT,
                StandaloneOptions.DEFAULT_IMAPS_PORT, StandaloneOptions.DEFAULT_WEB_PORT, StandaloneOptions.IMAGE_DNS_PORT);
        assertThat(dockerfile).contains("http://127.0.0.1:" + FakeMailContainer.WEB_PORT + FakeMailContainer.HEALTH_PATH);
        // the default image is the one the Dockerfile says to build
        assertThat(dockerfile).contains("docker build -t " + FakeMailContainer.DEFAULT_IMAGE.getUnversionedPart()
                + " docker");
    }
}
