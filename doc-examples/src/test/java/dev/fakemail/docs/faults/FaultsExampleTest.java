package dev.fakemail.docs.faults;

import static dev.fakemail.fault.Trigger.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fakemail.FakeMailServer;
import dev.fakemail.fault.FaultHandle;
import dev.fakemail.testsupport.Dial;
import dev.fakemail.testsupport.SmtpConversation;
import dev.fakemail.web.FaultRulesJson; // fakemail-web, for the JSON form
import org.junit.jupiter.api.Test;

/** docs/faults.md, the first example: Java, text and JSON rules on one server. */
class FaultsExampleTest {
    @Test
    void rulesInJavaTextAndJson() throws Exception {
        try (FakeMailServer mail = FakeMailServer.builder().faultSeed(42).build().start()) {
            // fail the next RCPT to bob once, then accept: does the app retry?
            FaultHandle once = mail.faults().smtp(rcptTo("bob@example.test")).times(1)
                    .reply(451, "4.3.0", "Try again later");

            // a slow POP3 download
            mail.faults().pop3(command("RETR")).throttle(2_000);

            // IMAP: another client expunges the first message while this one idles
            mail.faults().imap(idle()).expungeElsewhere("first");

            // the same rules as text or JSON (JSON needs fakemail-web: dev.fakemail.web.FaultRulesJson)
            mail.faults().addText("smtp connect -> delay 2s next-connection");
            FaultRulesJson.parseAll("""
                {"protocol":"smtp","trigger":{"type":"data-end"},"effect":{"type":"disconnect"},
                 "budget":{"type":"probability","probability":0.3}}""").forEach(mail.faults()::add);

            assertThat(mail.faults().rules()).hasSize(5);
            try (SmtpConversation smtp = SmtpConversation.openWithEhlo(
                    Dial.to(mail.smtp().host(), mail.smtp().port()), "client.example.test")) {
                smtp.expect("MAIL FROM:<shop@example.test>", "250");
                assertThat(smtp.command("RCPT TO:<bob@example.test>")).startsWith("451 4.3.0 Try again later");
                assertThat(smtp.command("RCPT TO:<bob@example.test>")).startsWith("250");
            }
            assertEquals(1, once.hits());
        }
    }
}
