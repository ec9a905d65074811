package dev.fakemail.junit;

import dev.fakemail.BuiltInCertificate;
import dev.fakemail.Endpoint;
import dev.fakemail.FakeMailServer;
import dev.fakemail.ProtocolName;
import dev.fakemail.ServerConfig;
import dev.fakemail.fault.Protocol;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Client settings for a running server, ready for the common mail stacks: Jakarta Mail {@code Session}
 * properties and Spring Boot's {@code spring.mail.*} values. Inject it as a parameter or make one with
 * {@link #of(FakeMailServer)}. Nothing is set globally (no system properties), so parallel tests with their own
 * servers do not see each other's ports.
 *
 * <pre>{@code
 * Session session = Session.getInstance(settings.jakartaMailProperties());
 *
 * @DynamicPropertySource
 * static void mail(DynamicPropertyRegistry registry) {
 *     MailClientSettings.of(MAIL).springMailProperties().forEach((key, value) -> registry.add(key, () -> value));
 * }
 * }</pre>
 *
 * @param server a running server; the settings read its ports when asked, so ask after it started
 */
public record MailClientSettings(FakeMailServer server) {
    /** Milliseconds a client waits to connect or for a reply: long for a test, short enough to fail a hang. */
    public static final int CLIENT_TIMEOUT_MILLIS = 10_000;

    public MailClientSettings {
        Objects.requireNonNull(server, "server");
    }

    public static MailClientSettings of(FakeMailServer server) {
        return new MailClientSettings(server);
    }

    /**
     * Properties for {@code Session.getInstance(...)}: host and port of every running endpoint (SMTP, SMTPS, POP3,
     * POP3S, IMAP, IMAPS, each under its {@link ProtocolName#jakartaMailPrefix()}), timeouts, AUTH and STARTTLS as
     * the server requires them, and trust for the built-in certificate (an {@code SSLSocketFactory} object under
     * {@code mail.<protocol>.ssl.socketFactory}).
     * Credentials are not included: pass them to {@code Transport.send(message, user, password)}.
     */
    public Properties jakartaMailProperties() {
        Properties properties = new Properties();
        ServerConfig config = server.config();
        for (ProtocolName protocol : ProtocolName.values()) {
            Optional<Endpoint> running = server.endpoint(protocol);
            if (running.isEmpty()) {
                continue;
            }
            Endpoint endpoint = running.get();
            String prefix = protocol.jakartaMailPrefix();
            properties.setProperty(prefix + "host", endpoint.host());
            properties.setProperty(prefix + "port", String.valueOf(endpoint.port()));
            properties.setProperty(prefix + "connectiontimeout", String.valueOf(CLIENT_TIMEOUT_MILLIS));
            properties.setProperty(prefix + "timeout", String.valueOf(CLIENT_TIMEOUT_MILLIS));
            if (!config.customTls() && (protocol.implicitTls() || config.requireTls())) {
                properties.put(prefix + "ssl.socketFactory", BuiltInCertificate.clientContext().getSocketFactory());
            }
            if (config.requireTls() && !protocol.implicitTls()) {
                properties.setProperty(prefix + "starttls.enable", "true"); // SMTP STARTTLS, POP3 STLS alike
                properties.setProperty(prefix + "starttls.required", "true");
            }
            if (config.requireAuth() && protocol.faultProtocol() == Protocol.SMTP) {
                properties.setProperty(prefix + "auth", "true"); // readers always log in; senders only when told
            }
        }
        server.endpoint(ProtocolName.SMTP).ifPresent(smtp -> properties.setProperty("mail.transport.protocol", "smtp"));
        // The store is IMAP where the server runs it (what most clients read with), else POP3.
        server.endpoint(ProtocolName.POP3).ifPresent(pop3 -> properties.setProperty("mail.store.protocol", "pop3"));
        server.endpoint(ProtocolName.IMAP).ifPresent(imap -> properties.setProperty("mail.store.protocol", "imap"));
        return properties;
    }

    /**
     * Spring Boot's mail settings for the SMTP endpoint: {@code spring.mail.host}, {@code port}, timeouts,
     * AUTH and STARTTLS as the server requires them (trusting this host's certificate), and {@code username} /
     * {@code password} when the server has exactly one fixed user.
     */
    public Map<String, String> springMailProperties() {
        Endpoint smtp = server.smtp();
        ServerConfig config = server.config();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("spring.mail.host", smtp.host());
        values.put("spring.mail.port", String.valueOf(smtp.port()));
        values.put("spring.mail.protocol", "smtp");
        if (config.users().size() == 1) {
            Map.Entry<String, String> user = config.users().entrySet().iterator().next();
            values.put("spring.mail.username", user.getKey());
            values.put("spring.mail.password", user.getValue());
        }
        String javaMail = "spring.mail.properties." + ProtocolName.SMTP.jakartaMailPrefix();
        values.put(javaMail + "connectiontimeout", String.valueOf(CLIENT_TIMEOUT_MILLIS));
        values.put(javaMail + "timeout", String.valueOf(CLIENT_TIMEOUT_MILLIS));
        if (config.requireAuth()) {
            values.put(javaMail + "auth", "true");
        }
        if (config.requireTls()) {
            values.put(javaMail + "starttls.enable", "true");
            values.put(javaMail + "starttls.required", "true");
            values.put(javaMail + "ssl.trust", smtp.host()); // Spring properties are strings: no factory object
        }
        return Collections.unmodifiableMap(values);
    }
}
