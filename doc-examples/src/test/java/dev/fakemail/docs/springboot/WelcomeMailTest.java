package dev.fakemail.docs.springboot;

import static dev.fakemail.junit.ExpectedMail.to;
import static dev.fakemail.junit.MailAssertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.spring.AutoConfigureFakeMail;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** docs/spring-boot.md, the first example. */
@SpringBootTest
@AutoConfigureFakeMail
class WelcomeMailTest {
    @Autowired
    FakeMailServer mail;

    @Autowired
    SignupService signups;

    @Test
    void sendsTheWelcomeMail() {
        signups.register("bob@example.test");

        assertThat(mail).receivesWithin(Duration.ofSeconds(5))
                .exactlyOne(to("bob@example.test").subject("Welcome"))
                .hasTextContaining("Hello bob@example.test");
    }
}
