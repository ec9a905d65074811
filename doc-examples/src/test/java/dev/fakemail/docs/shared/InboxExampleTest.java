package dev.fakemail.docs.shared;

import static dev.fakemail.fault.Trigger.rcptTo;
import static dev.fakemail.junit.ExpectedMail.to;
import static dev.fakemail.junit.MailAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.Inbox;
import dev.fakemail.InboxSpec;
import dev.fakemail.docs.ShopApp;
import dev.fakemail.junit.FakeMailTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** docs/shared-server.md, the Java example: an inbox with its own fault rule, asserted like a server. */
@FakeMailTest
class InboxExampleTest {
    @Test
    void anInboxOfItsOwn(FakeMailServer mail) {
        var app = ShopApp.withSmtp(mail.smtp().host(), mail.smtp().port());

        Inbox inbox = mail.inboxes().create(InboxSpec.tag("signup-test"));   // bob+signup-test@example.test
        inbox.faults().smtp(rcptTo("*")).times(1).reply(451, "4.3.0", "Try again later"); // this inbox's sessions only

        app.signUp("bob+signup-test@example.test");

        assertThat(inbox).receivesWithin(Duration.ofSeconds(5)).exactlyOne(to("bob+signup-test@example.test"));
        assertThat(inbox.faults().rules().get(0).hits()).isEqualTo(1); // the app retried after the 451
        assertThat(mail.messages()).isEmpty();
        inbox.close(); // deletes it
        assertThat(mail.inboxes().list()).isEmpty();
    }
}
