package dev.fakemail.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakemail.FakeMailServer;
import dev.fakemail.ServerConfig;
import dev.fakemail.web.WebInbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Docker cannot run here, so this reads docker/Dockerfile and checks what it refers to against the build: the
 * jar it copies, the ports it exposes, the health check's route, the user, and the settings it passes.
 */
class DockerfileIT {
    private static final Path CONTEXT = dockerfile().getParent();
    private static List<Instruction> instructions;

    record Instruction(String keyword, String arguments) {
    }

    @BeforeAll
    static void read() throws Exception {
        instructions = parse(Files.readString(dockerfile()));
    }

    @Test
    void copiesThePackagedRunnableJar() throws Exception {
        String[] copy = single("COPY").arguments().split("\\s+");
        assertThat(copy).as("COPY source destination").hasSize(2);

        Path source = CONTEXT.resolve(copy[0]).normalize();
        assertThat(source).isEqualTo(StandaloneProcess.jar().toAbsolutePath().normalize()).isRegularFile();
        try (JarFile jar = new JarFile(source.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo(Main.class.getName());
        }
        assertThat(entrypoint()).containsSequence("-jar", copy[1]);
    }

    @Test
    void exposesTheDefaultPorts() {
        List<Integer> exposed = Arrays.stream(single("EXPOSE").arguments().split("\\s+"))
                .map(port -> Integer.parseInt(port.replace("/tcp", "").replace("/udp", ""))).toList();

        assertThat(exposed).containsExactlyInAnyOrder(StandaloneOptions.DEFAULT_SMTP_PORT,
                StandaloneOptions.DEFAULT_SMTPS_PORT, StandaloneOptions.DEFAULT_POP3_PORT,
                StandaloneOptions.DEFAULT_POP3S_PORT, StandaloneOptions.DEFAULT_IMAP_PORT,
                StandaloneOptions.DEFAULT_IMAPS_PORT, StandaloneOptions.DEFAULT_WEB_PORT,
                StandaloneOptions.IMAGE_DNS_PORT, StandaloneOptions.IMAGE_DNS_PORT); // DNS over TCP and UDP
        assertThat(imageEnvironment()).containsEntry("FAKEMAIL_DNS_PORT", String.valueOf(StandaloneOptions.IMAGE_DNS_PORT));
    }

    @Test
    void healthCheckAsksTheWebInboxOnItsDefaultPort() throws Exception {
        Matcher url = Pattern.compile("http://(127\\.0\\.0\\.1|localhost):(\\d+)(/\\S*)")
                .matcher(single("HEALTHCHECK").arguments());
        assertThat(url.find()).as("HEALTHCHECK names a local URL").isTrue();
        assertThat(Integer.parseInt(url.group(2))).isEqualTo(StandaloneOptions.DEFAULT_WEB_PORT);
        assertThat(single("HEALTHCHECK").arguments()).contains("wget");
        assertThat(single("FROM").arguments()).as("busybox wget comes with alpine").contains("alpine");

        try (FakeMailServer mail = FakeMailServer.builder().build().start();
                WebInbox web = WebInbox.start(mail)) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + url.group(3)))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(new ObjectMapper().readTree(response.body()).get("status").asText()).isEqualTo("ok");
        }
    }

    @Test
    void runsAsANumericNonRootUserThatTheImageCreates() {
        String user = single("USER").arguments();
        String uid = user.split(":")[0];

        assertThat(uid).matches("[0-9]+").isNotEqualTo("0");
        assertThat(user).doesNotContain("root");
        assertThat(all("RUN")).anySatisfy(run -> assertThat(run.arguments()).contains("adduser").contains("-u " + uid));
        assertThat(instructions.indexOf(single("USER")))
                .as("USER comes after the RUN steps that need root")
                .isGreaterThan(instructions.indexOf(all("RUN").get(all("RUN").size() - 1)));
    }

    @Test
    void theImageListensOnAllInterfacesWithTheDefaultPorts() throws Exception {
        Map<String, String> env = imageEnvironment();
        List<String> entrypoint = entrypoint();
        List<String> flags = entrypoint.subList(entrypoint.indexOf("-jar") + 2, entrypoint.size());

        StandaloneOptions options = StandaloneOptions.parse(flags, env);

        assertThat(options.bind().isAnyLocalAddress()).as("bind address inside the container").isTrue();
        ServerConfig config = options.serverBuilder().build().config();
        assertThat(config.smtpPort()).isEqualTo(StandaloneOptions.DEFAULT_SMTP_PORT);
        assertThat(config.smtpsPort()).isEqualTo(StandaloneOptions.DEFAULT_SMTPS_PORT);
        assertThat(config.pop3Port()).isEqualTo(StandaloneOptions.DEFAULT_POP3_PORT);
        assertThat(config.pop3sPort()).isEqualTo(StandaloneOptions.DEFAULT_POP3S_PORT);
        assertThat(options.webPort()).isEqualTo(StandaloneOptions.DEFAULT_WEB_PORT);
    }

    @Test
    void theImagesCommandAndEnvironmentStartTheJarAndItsHealthCheckPasses() throws Exception {
        List<String> entrypoint = entrypoint();
        List<String> jvmOptions = entrypoint.subList(1, entrypoint.indexOf("-jar"));
        Matcher health = Pattern.compile("http://[^:/]+:\\d+(/\\S*)").matcher(single("HEALTHCHECK").arguments());
        assertThat(health.find()).isTrue();

        // The image's JVM options and ENV as they are; only the ports are free ones, so tests can run side by side.
        try (StandaloneProcess fakemail = StandaloneProcess.start(jvmOptions, imageEnvironment(), "--smtp-port", "0",
                "--smtps-port", "0", "--pop3-port", "0", "--pop3s-port", "0", "--imap-port", "off", "--imaps-port", "off", "--web-port", "0", "--dns-port", "0")) {
            Matcher web = fakemail.awaitStdout("^fakemail: web listening on 0\\.0\\.0\\.0:(\\d+)$",
                    Duration.ofSeconds(20));
            fakemail.awaitStdout("^fakemail: ready$", Duration.ofSeconds(10));

            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + web.group(1) + health.group(1)))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(fakemail.seen()).as("nothing on stderr, e.g. a JVM warning about an option")
                    .noneMatch(line -> line.startsWith("stderr:"));
        }
    }

    @Test
    void entrypointIsExecFormSoJavaGetsSigterm() {
        assertThat(single("ENTRYPOINT").arguments()).startsWith("[").endsWith("]");
        assertThat(entrypoint().get(0)).isEqualTo("java");
    }

    @Test
    void baseImageRunsJava17OrLater() {
        Matcher image = Pattern.compile("eclipse-temurin:(\\d+)-jre").matcher(single("FROM").arguments());
        assertThat(image.find()).isTrue();
        assertThat(Integer.parseInt(image.group(1))).isGreaterThanOrEqualTo(17);
    }

    private static Path dockerfile() {
        return Path.of(System.getProperty("fakemail.dockerfile", "Dockerfile")).toAbsolutePath();
    }

    private static Map<String, String> imageEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (Instruction instruction : all("ENV")) {
            String[] assignment = instruction.arguments().split("=", 2);
            env.put(assignment[0].strip(), assignment[1].strip());
        }
        return env;
    }

    private static List<String> entrypoint() {
        try {
            return Arrays.asList(new ObjectMapper().readValue(single("ENTRYPOINT").arguments(), String[].class));
        } catch (Exception e) {
            throw new AssertionError("ENTRYPOINT is not a JSON array: " + single("ENTRYPOINT"), e);
        }
    }

    private static Instruction single(String keyword) {
        List<Instruction> found = all(keyword);
        assertThat(found).as("%s instructions", keyword).hasSize(1);
        return found.get(0);
    }

    private static List<Instruction> all(String keyword) {
        return instructions.stream().filter(instruction -> instruction.keyword().equals(keyword))
                .collect(Collectors.toList());
    }

    /** Comments dropped, backslash continuations joined, one instruction per entry. */
    static List<Instruction> parse(String text) {
        List<Instruction> result = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : text.split("\\R")) {
            String stripped = line.strip();
            if (stripped.startsWith("#") || (stripped.isEmpty() && pending.length() == 0)) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                pending.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            pending.append(stripped);
            String[] parts = pending.toString().strip().split("\\s+", 2);
            result.add(new Instruction(parts[0].toUpperCase(Locale.ROOT),
                    parts.length > 1 ? parts[1].strip() : ""));
            pending.setLength(0);
        }
        return result;
    }
}
