package dev.fakemail.testcontainers;

import dev.fakemail.client.FakeMailClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * fakemail's Docker image in a test: every mail port and the web inbox exposed, started once
 * {@code GET /api/health} answers 200, and {@link #client()} for assertions on what it received.
 *
 * <pre>{@code
 * @Container
 * static FakeMailContainer fakemail = new FakeMailContainer()
 *         .withUsers("app@example.test:secret")
 *         .withFaults("smtp rcpt bob@* -> reply 451 4.3.0 \"Try again later\" times 1");
 *
 * // the application sends to fakemail.getHost() : fakemail.getSmtpPort(); then
 * assertThat(fakemail.client()).receivesWithin(Duration.ofSeconds(10)).exactlyOne(to("bob@example.test"));
 * }</pre>
 *
 * The settings are the image's {@code FAKEMAIL_*} environment variables (README, "Standalone server").
 */
public class FakeMailContainer extends GenericContainer<FakeMailContainer> {
    /** The image as the README builds it: {@code docker build -t fakemail docker}. */
    public static final DockerImageName DEFAULT_IMAGE = DockerImageName.parse("fakemail:latest");
    public static final int SMTP_PORT = 1025;
    public static final int SMTPS_PORT = 1465;
    public static final int POP3_PORT = 1110;
    public static final int POP3S_PORT = 1995;
    public static final int IMAP_PORT = 1143;
    public static final int IMAPS_PORT = 1993;
    public static final int WEB_PORT = 8025;
    /** The fake DNS zone's responder (the image sets it); mapped over TCP, as Testcontainers maps TCP only. */
    public static final int DNS_PORT = 1053;
    /** What the wait strategy asks until it answers 200: every mail listener accepts connections. */
    public static final String HEALTH_PATH = "/api/health";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private String webUser;
    private String webPassword;

    /** The image {@link #DEFAULT_IMAGE}. */
    public FakeMailContainer() {
        this(DEFAULT_IMAGE);
    }

    /** Another image name or tag, e.g. {@code "registry.example.test/fakemail:0.1.0"}. */
    public FakeMailContainer(String image) {
        this(DockerImageName.parse(image));
    }

    public FakeMailContainer(DockerImageName image) {
        super(image);
        withExposedPorts(SMTP_PORT, SMTPS_PORT, POP3_PORT, POP3S_PORT, IMAP_PORT, IMAPS_PORT, WEB_PORT, DNS_PORT);
        waitingFor(Wait.forHttp(HEALTH_PATH).forPort(WEB_PORT).forStatusCode(200)
                .withStartupTimeout(STARTUP_TIMEOUT));
    }

    /** Fixed users, each "user:password" ({@code FAKEMAIL_USERS}); only they can log in over SMTP, POP3, IMAP. */
    public FakeMailContainer withUsers(String... users) {
        List<String> checked = new ArrayList<>();
        for (String user : users) {
            if (user.indexOf(':') < 1 || user.contains(",")) {
                throw new IllegalArgumentException("a user is \"name:password\" without ',', got \"" + user + "\"");
            }
            checked.add(user);
        }
        return withEnv("FAKEMAIL_USERS", String.join(",", checked));
    }

    /** Fixed users by name and password ({@code FAKEMAIL_USERS}). */
    public FakeMailContainer withUsers(Map<String, String> passwords) {
        return withUsers(passwords.entrySet().stream().map(user -> user.getKey() + ":" + user.getValue())
                .toArray(String[]::new));
    }

    /** Fault rules in the text form, one per line or separated by ';' ({@code FAKEMAIL_FAULTS}). */
    public FakeMailContainer withFaults(String rules) {
        return withEnv("FAKEMAIL_FAULTS", Objects.requireNonNull(rules, "rules"));
    }

    /** The seed of random faults, to replay a run ({@code FAKEMAIL_FAULT_SEED}). */
    public FakeMailContainer withFaultSeed(long seed) {
        return withEnv("FAKEMAIL_FAULT_SEED", Long.toString(seed));
    }

    /** The web inbox asks for this user and password ({@code FAKEMAIL_WEB_AUTH}); {@link #client()} sends them. */
    public FakeMailContainer withWebAuth(String user, String password) {
        this.webUser = Objects.requireNonNull(user, "user");
        this.webPassword = Objects.requireNonNull(password, "password");
        return withEnv("FAKEMAIL_WEB_AUTH", user + ":" + password);
    }

    /** Greetings and Received fields name this host ({@code FAKEMAIL_HOSTNAME}). */
    public FakeMailContainer withHostname(String hostname) {
        return withEnv("FAKEMAIL_HOSTNAME", Objects.requireNonNull(hostname, "hostname"));
    }

    /** The running container's received mail, waits, faults and reset, over its web inbox. */
    public FakeMailClient client() {
        return FakeMailClient.connect(java.net.URI.create(getWebUrl()), webUser, webPassword);
    }

    /** {@code http://host:port/} of the web inbox as the test reaches it. */
    public String getWebUrl() {
        return "http://" + getHost() + ":" + getMappedPort(WEB_PORT) + "/";
    }

    public int getSmtpPort() {
        return getMappedPort(SMTP_PORT);
    }

    public int getSmtpsPort() {
        return getMappedPort(SMTPS_PORT);
    }

    public int getPop3Port() {
        return getMappedPort(POP3_PORT);
    }

    public int getPop3sPort() {
        return getMappedPort(POP3S_PORT);
    }

    public int getImapPort() {
        return getMappedPort(IMAP_PORT);
    }

    public int getImapsPort() {
        return getMappedPort(IMAPS_PORT);
    }

    /**
     * The web inbox answers only to localhost and IP addresses unless told otherwise (a DNS rebinding defence);
     * a Docker host reached by name (a remote DOCKER_HOST) must be allowed.
     */
    @Override
    protected void configure() {
        String host = getHost();
        if (!host.equals("localhost") && !host.matches("[0-9.]+|.*:.*") && !getEnvMap().containsKey("FAKEMAIL_ALLOW_HOST")) {
            withEnv("FAKEMAIL_ALLOW_HOST", host);
        }
    }

    /** The host port of the DNS responder over TCP (resolvers fall back to TCP; UDP is not mapped). */
    public int getDnsPort() {
        return getMappedPort(DNS_PORT);
    }
}
