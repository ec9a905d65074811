package dev.fakemail.docs.junit;

import static dev.fakemail.junit.MailAssertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.docs.InvoiceMail;
import dev.fakemail.junit.FakeMailTest;
import dev.fakemail.store.MailQuery;
import dev.fakemail.store.MimePart;
import dev.fakemail.store.ReceivedMessage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** docs/junit.md, "On an attachment": a MimePart from ReceivedMessage.attachments(). */
@FakeMailTest
class AttachmentAssertExampleTest {
    @Test
    void assertsOnTheAttachmentPart(FakeMailServer mail) throws Exception {
        InvoiceMail.send(mail.smtp(), "bob@example.test");
        ReceivedMessage message = mail.await(MailQuery.to("bob@example.test"), Duration.ofSeconds(5)).get(0);

        MimePart pdf = message.attachments().get(0);
        assertThat(pdf).hasMimeType("application/pdf").hasSize(9);
    }
}
