package dev.fakemail.junit;

import static dev.fakemail.junit.ExpectedMail.to;
import static dev.fakemail.junit.MailAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.fakemail.FakeMailServer;
import dev.fakemail.junit.support.TestMail;
import dev.fakemail.testsupport.MessageBuilder;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

/** Ready-made client settings: Jakarta Mail sessions and Spring Boot's spring.mail.* for a running server. */
class MailClientSettingsTest {
    @Test
    void jakartaPropertiesNameEveryEndpointWithTimeouts() {
        try (FakeMailServer mail = FakeMailServer.builder().build().start()) {
            Properties properties = MailClientSettings.of(mail).jakartaMailProperties();

            assertThat(properties).containsOnly(
                    entry("mail.smtp.host", "127.0.0.1"),
                    entry("mail.smtp.port", String.valueOf(mail.smtp().port())),
                    entry("mail.smtp.connectiontimeout", "10000"),
                    entry("mail.smtp.timeout", "10000"),
                    entry("mail.pop3.host", "127.0.0.1"),
                    entry("mail.pop3.port", String.valueOf(mail.pop3().port())),
                    entry("mail.pop3.connectiontimeout", "10000"),
                    entry("mail.pop3.timeout", "10000"),
                    entry("mail.imap.host", "127.0.0.1"),
                    entry("mail.imap.port", String.valueOf(mail.imap().port())),
                    entry("mail.imap.connectiontimeout", "10000"),
                    entry("mail.imap.timeout", "10000"),
                    entry("mail.transport.protocol", "smtp"),
                    entry("mail.store.protocol", "imap"));
        }
    }

    @Test
    void jakartaSendsOverSmtpAndReadsOverPop3() throws Exception {
        try (FakeMailServer mail = FakeMailServer.builder().build().start()) {
            TestMail.sendVia(mail, MessageBuilder.message().from("shop@example.test").to("bob@example.test")
                    .subject("Hello Bob").text("Hi"));

            assertThat(mail).receivesWithin(java.time.Duration.ofSeconds(5)).exactlyOne(to("bob@example.test"));
            assertThat(subjectReadOverPop3(MailClientSettings.of(mail).jakartaMailProperties())).isEqualTo("Hello Bob");
        }
    }

    @Test
    void requiredAuthIsSwitchedOnAndTheFixedUserLogsIn() {
        try (FakeMailServer mail = FakeMailServer.builder().user("shop", "secret").requireAuth(true).build().start()) {
            Properties properties = MailClientSettings.of(mail).jakartaMailProperties();

            assertThat(properties).contains(entry("mail.smtp.auth", "true")).doesNotContainKey("mail.pop3.auth");
            TestMail.send(MessageBuilder.message().from("shop@example.test").to("bob@example.test").subject("Hi"),
                    properties, "shop", "secret");
            assertThat(mail).hasReceived().exactlyOne(to("bob@example.test")).wasAuthenticatedAs("shop");
        }
    }

    @Test
    void requiredTlsUsesStartTlsTrustingTheBuiltInCertificate() throws Exception {
        try (FakeMailServer mail = FakeMailServer.builder().requireTls(true).build().start()) {
            Properties properties = MailClientSettings.of(mail).jakartaMailProperties();

            assertThat(properties).contains(entry("mail.smtp.starttls.enable", "true"),
                    entry("mail.smtp.starttls.required", "true"), entry("mail.pop3.starttls.required", "true"));
            assertThat(properties.get("mail.smtp.ssl.socketFactory")).isInstanceOf(SSLSocketFactory.class);
            TestMail.send(MessageBuilder.message().from("shop@example.test").to("bob@example.test").subject("Secret"),
                    properties, null, null);
            assertThat(mail).hasReceived().exactlyOne(to("bob@example.test")).wasSentOverTls();
            assertThat(subjectReadOverPop3(properties)).isEqualTo("Secret");
        }
    }

    @Test
    void implicitTlsEndpointsGetTheirOwnProperties() {
        try (FakeMailServer mail = FakeMailServer.builder().smtpsPort(0).build().start()) {
            Properties properties = MailClientSettings.of(mail).jakartaMailProperties();

            assertThat(properties).contains(entry("mail.smtps.port", String.valueOf(mail.smtps().port())));
            Properties viaSmtps = new Properties();
            viaSmtps.putAll(properties);
            viaSmtps.setProperty("mail.transport.protocol.rfc822", "smtps"); // what Transport.send uses
            TestMail.send(MessageBuilder.message().from("shop@example.test").to("bob@example.test").subject("Implicit"),
                    viaSmtps, null, null);
            assertThat(mail).hasReceived().exactlyOne(to("bob@example.test")).wasSentOverTls();
        }
    }

    @Test
    void ownKeyMaterialGetsNoTrustForTheBuiltInCertificate() throws Exception {
        try (FakeMailServer mail = FakeMailServer.builder().tls(SSLContext.getDefault()).smtpsPort(0).build().start()) {
            assertThat(MailClientSettings.of(mail).jakartaMailProperties()).doesNotContainKey("mail.smtps.ssl.socketFactory")
                    .containsKey("mail.smtps.host");
        }
    }

    @Test
    void springBootPropertiesForAPlainServer() {
        try (FakeMailServer mail = FakeMailServer.builder().build().start()) {
            assertThat(MailClientSettings.of(mail).springMailProperties()).containsExactly(
                    entry("spring.mail.host", "127.0.0.1"),
                    entry("spring.mail.port", String.valueOf(mail.smtp().port())),
                    entry("spring.mail.protocol", "smtp"),
                    entry("spring.mail.properties.mail.smtp.connectiontimeout", "10000"),
                    entry("spring.mail.properties.mail.smtp.timeout", "10000"));
        }
    }

    @Test
    void springBootPropertiesWithOneUserAuthAndTls() {
        try (FakeMailServer mail = FakeMailServer.builder().user("shop", "secret").requireAuth(true).requireTls(true)
                .build().start()) {
            Map<String, String> spring = MailClientSettings.of(mail).springMailProperties();

            assertThat(spring).containsExactly(
                    entry("spring.mail.host", "127.0.0.1"),
                    entry("spring.mail.port", String.valueOf(mail.smtp().port())),
                    entry("spring.mail.protocol", "smtp"),
                    entry("spring.mail.username", "shop"),
                    entry("spring.mail.password", "secret"),
                    entry("spring.mail.properties.mail.smtp.connectiontimeout", "10000"),
                    entry("spring.mail.properties.mail.smtp.timeout", "10000"),
                    entry("spring.mail.properties.mail.smtp.auth", "true"),
                    entry("spring.mail.properties.mail.smtp.starttls.enable", "true"),
                    entry("spring.mail.properties.mail.smtp.starttls.required", "true"),
                    entry("spring.mail.properties.mail.smtp.ssl.trust", "127.0.0.1"));
            // What Spring's JavaMailSenderImpl would do with these values: they work against the server.
            Properties javaMail = new Properties();
            spring.forEach((key, value) -> {
                if (key.startsWith("spring.mail.properties.")) {
                    javaMail.setProperty(key.substring("spring.mail.properties.".length()), value);
                }
            });
            javaMail.setProperty("mail.smtp.host", spring.get("spring.mail.host"));
            javaMail.setProperty("mail.smtp.port", spring.get("spring.mail.port"));
            TestMail.send(MessageBuilder.message().from("shop@example.test").to("bob@example.test").subject("Spring"),
                    javaMail, spring.get("spring.mail.username"), spring.get("spring.mail.password"));
            assertThat(mail).hasReceived().exactlyOne(to("bob@example.test")).wasSentOverTls().wasAuthenticatedAs("shop");
        }
    }

    @Test
    void severalUsersLeaveTheCredentialsToTheTest() {
        try (FakeMailServer mail = FakeMailServer.builder().user("a", "1").user("b", "2").build().start()) {
            assertThat(MailClientSettings.of(mail).springMailProperties()).doesNotContainKeys("spring.mail.username",
                    "spring.mail.password");
        }
    }

    private static String subjectReadOverPop3(Properties properties) throws Exception {
        Store store = Session.getInstance(properties).getStore("pop3");
        store.connect("bob@example.test", "any password");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                assertThat(inbox.getMessageCount()).isEqualTo(1);
                return inbox.getMessage(1).getSubject();
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }
}
