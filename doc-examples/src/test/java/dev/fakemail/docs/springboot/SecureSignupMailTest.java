package dev.fakemail.docs.springboot;

import static dev.fakemail.junit.ExpectedMail.to;
import static dev.fakemail.junit.MailAssertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.FakeMailServerBuilder;
import dev.fakemail.spring.AutoConfigureFakeMail;
import dev.fakemail.spring.FakeMailServerCustomizer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** docs/spring-boot.md, "Configuring the server". */
@SpringBootTest
@AutoConfigureFakeMail(customizers = SecureSignupMailTest.ShopUser.class)
class SecureSignupMailTest {
    static class ShopUser implements FakeMailServerCustomizer {
        @Override
        public void customize(FakeMailServerBuilder builder) {
            builder.user("shop", "secret").requireAuth(true).requireTls(true);
        }
    }

    @Autowired
    FakeMailServer mail;

    @Autowired
    SignupService signups;

    @Test
    void logsInOverStartTls() {
        signups.register("bob@example.test");

        assertThat(mail).receivesWithin(Duration.ofSeconds(5))
                .exactlyOne(to("bob@example.test"))
                .wasSentOverTls()
                .wasAuthenticatedAs("shop");
    }
}
