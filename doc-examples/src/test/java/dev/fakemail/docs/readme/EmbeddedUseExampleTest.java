package dev.fakemail.docs.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fakemail.FakeMailServer;
import dev.fakemail.docs.ShopApp;
import dev.fakemail.store.MailQuery;
import dev.fakemail.store.ReceivedMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** README.md, "Embedded use". */
class EmbeddedUseExampleTest {
    private final ShopApp app = ShopApp.unconfigured();

    @Test
    void embeddedUse() {
        try (FakeMailServer mail = FakeMailServer.builder().build().start()) {   // SMTP on a free loopback port
            app.sendWelcomeMail(mail.smtp().host(), mail.smtp().port());

            List<ReceivedMessage> received = mail.await(MailQuery.to("bob@example.test"), Duration.ofSeconds(5));
            assertEquals("Welcome", received.get(0).subject());
            assertTrue(received.get(0).envelope().isTls() == false);
        }
    }
}
