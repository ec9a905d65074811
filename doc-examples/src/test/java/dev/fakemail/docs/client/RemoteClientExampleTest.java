package dev.fakemail.docs.client;

import static dev.fakemail.junit.ExpectedMail.to;
import static dev.fakemail.junit.MailAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.InboxSpec;
import dev.fakemail.client.FakeMailClient;
import dev.fakemail.client.RemoteInbox;
import dev.fakemail.docs.ShopApp;
import dev.fakemail.store.MailQuery;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.web.WebInbox;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** docs/client.md: the client against a running fakemail (here one started for the test, with its web inbox). */
@Timeout(60)
class RemoteClientExampleTest {
    private FakeMailServer server;
    private WebInbox web;
    private ShopApp shop;

    @BeforeEach
    void startAServerElsewhere() {
        server = FakeMailServer.builder().build().start();
        web = WebInbox.start(server);
        System.setProperty("fakemail.url", web.uri().toString());
        shop = ShopApp.withSmtp(server.smtp().host(), server.smtp().port());
    }

    @AfterEach
    void stop() {
        System.clearProperty("fakemail.url");
        web.close();
        server.close();
    }

    @Test
    void assertsOnTheMailOfARunningServer() {
        FakeMailClient mail = FakeMailClient.connect(System.getProperty("fakemail.url", "http://localhost:8025"));

        shop.requestPasswordReset("bob@example.test");     // the application sends to fakemail's SMTP port
        assertThat(mail).receivesWithin(Duration.ofSeconds(10))
                .exactlyOne(to("bob@example.test").subject("Reset your password"))
                .hasTextContaining("https://shop.example.test/reset/");
    }

    @Test
    void resetsScriptsFaultsAndWaits() {
        FakeMailClient mail = FakeMailClient.connect(web.uri());
        shop.sendWelcomeMail();

        mail.reset();                                   // a clean server for this test
        mail.faults().addText("smtp rcpt bob@* -> reply 451 4.3.0 \"Try again later\" times 1");

        shop.requestPasswordReset("bob@example.test"); // refused once, then sent again
        List<ReceivedMessage> resets = mail.await(MailQuery.to("bob@example.test"), 1, Duration.ofSeconds(10));
        assertThat(resets.get(0).text()).contains("token=4711");
        assertThat(mail.faults().rules().get(0).hits()).isEqualTo(1);

        assertThat(mail.messages()).hasSize(1); // the welcome mail went with the reset
    }

    @Test
    void anInboxOfItsOwnOnASharedServer() {
        FakeMailClient mail = FakeMailClient.connect(web.uri());
        shop.sendWelcomeMail();                          // someone else's mail, in the default inbox

        RemoteInbox inbox = mail.createInbox(InboxSpec.tag("job42").idleTimeout(Duration.ofMinutes(30)));
        inbox.faults().addText("smtp rcpt * -> reply 451 4.3.0 \"Try again later\" times 1"); // this inbox only

        shop.requestPasswordReset("bob+job42@example.test");
        assertThat(inbox).receivesWithin(Duration.ofSeconds(10)).exactlyOne(to("bob+job42@example.test"));
        assertThat(inbox.faults().rules().get(0).hits()).isEqualTo(1);
        mail.deleteInbox("job42");

        assertThat(mail.messages()).extracting(ReceivedMessage::subject).containsExactly("Welcome");
        assertThat(mail.inboxes()).isEmpty();
    }
}
