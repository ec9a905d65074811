package dev.fakemail.docs.junit;

import static dev.fakemail.junit.ExpectedMail.to;
import static dev.fakemail.junit.MailAssertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.docs.ShopApp;
import dev.fakemail.junit.FakeMailTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** docs/junit.md, the first example. */
@FakeMailTest
class PasswordResetMailTest {
    @Test
    void sendsTheResetMail(FakeMailServer mail) {
        var app = ShopApp.withSmtp(mail.smtp().host(), mail.smtp().port());

        app.requestPasswordReset("bob@example.test");

        assertThat(mail).receivesWithin(Duration.ofSeconds(5))
                .exactlyOne(to("bob@example.test").subject("Reset your password"))
                .hasTextContaining("https://shop.example.test/reset/")
                .hasNoAttachments();
    }
}
