package dev.fakemail.docs.junit;

import static dev.fakemail.junit.ExpectedMail.to;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.docs.InvoiceMail;
import dev.fakemail.junit.ExpectedMail;
import dev.fakemail.junit.FakeMailTest;
import dev.fakemail.store.ReceivedMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/junit.md, "Waiting for mail": every condition of the example holds for the invoice mail. */
@FakeMailTest
class ExpectedMailExampleTest {
    @Test
    void waitsForTwoInvoices(FakeMailServer mail) throws Exception {
        InvoiceMail.send(mail.smtp(), "bob@example.test");
        InvoiceMail.send(mail.smtp(), "alice@example.test");
        InvoiceMail.send(mail.smtp(), "bob@example.test");

        ExpectedMail invoice = to("bob@example.test")          // envelope recipient (RCPT TO), ignoring case
                .andFrom("shop@example.test")                 // envelope sender (MAIL FROM)
                .subject("Your invoice")                      // decoded subject, exactly
                .subjectContains("invoice")                   // ignoring case
                .header("X-Campaign", "spring")               // a decoded header value
                .textContains("Total: 42.00")                 // text/plain body
                .htmlContains("<strong>42.00</strong>")       // text/html body
                .attachment("invoice.pdf")                    // an attachment's file name
                .matching("smaller than 100 KB", m -> m.size() < 100_000);
        // also ExpectedMail.any(), ExpectedMail.from(...), ExpectedMail.of(MailQuery)

        List<ReceivedMessage> two = mail.await(invoice.asQuery(), 2, Duration.ofSeconds(5)); // the matches so far

        assertThat(two).hasSize(2)
                .allSatisfy(m -> assertThat(m.envelope().recipientAddresses()).containsExactly("bob@example.test"));
    }
}
