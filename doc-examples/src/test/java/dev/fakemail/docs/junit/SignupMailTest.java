package dev.fakemail.docs.junit;

import static dev.fakemail.junit.ExpectedMail.to;
import static dev.fakemail.junit.MailAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.docs.ShopApp;
import dev.fakemail.junit.FakeMailTest;
import dev.fakemail.junit.MailClientSettings;
import dev.fakemail.junit.MailServer;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docs/junit.md, "@MailServer": a configured static server, already running in @BeforeAll. */
@FakeMailTest
class SignupMailTest {
    private static ShopApp app;

    @MailServer
    static FakeMailServer mail = FakeMailServer.builder()
            .user("shop", "secret").requireAuth(true).requireTls(true)
            .maxMessageSize(1_000_000)
            .build();

    @BeforeAll
    static void startApp() {
        app = ShopApp.withSmtp(mail.smtp().host(), mail.smtp().port()); // already running here
    }

    @Test
    void sendsOverStartTlsWithTheLogin() {
        app.use(MailClientSettings.of(mail).jakartaMailProperties(), "shop", "secret");

        app.sendWelcomeMail();

        assertThat(mail).receivesWithin(Duration.ofSeconds(5)).exactlyOne(to("bob@example.test")).hasSubject("Welcome");
        assertThat(mail.messages().get(0).envelope().isTls()).isTrue();
    }
}
