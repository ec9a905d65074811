package dev.fakemail.docs.readme;

import static dev.fakemail.fault.Trigger.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.fault.FaultHandle;
import dev.fakemail.fault.FaultRecipes;
import dev.fakemail.testsupport.Dial;
import dev.fakemail.testsupport.SmtpConversation;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** README.md, "Scripted faults": every rule of the example is accepted, and the first one acts. */
class ScriptedFaultsExampleTest {
    @Test
    void scriptedFaults() throws Exception {
        try (FakeMailServer mail = FakeMailServer.builder().faultSeed(42).build().start()) {
            mail.faults().smtp(rcptTo("bob@example.test")).times(1).reply(451, "4.3.0", "Try again later");
            mail.faults().pop3(command("RETR")).throttle(2_000);                 // bytes per second
            mail.faults().imap(idle()).expungeElsewhere("first");                // another client expunges, pushed in IDLE
            mail.faults().addText("imap literal APPEND -> reply 452 OVERQUOTA \"Quota exceeded\"");
            mail.faults().addText("smtp data-end -> disconnect probability 0.3"); // seeded: builder().faultSeed(42)
            mail.faults().add(FaultRecipes.greylisting(Duration.ofMinutes(5)));

            assertThat(mail.faults().rules()).hasSize(6);
            FaultHandle first = mail.faults().rules().get(0);
            try (SmtpConversation smtp = SmtpConversation.openWithEhlo(
                    Dial.to(mail.smtp().host(), mail.smtp().port()), "client.example.test")) {
                smtp.expect("MAIL FROM:<shop@example.test>", "250");
                assertThat(smtp.command("RCPT TO:<bob@example.test>")).startsWith("451 4.3.0 Try again later");
            }
            assertThat(first.hits()).isEqualTo(1);
        }
    }
}
