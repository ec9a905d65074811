package dev.fakemail.docs.junit;

import static dev.fakemail.junit.MailAssertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.docs.ShopApp;
import dev.fakemail.junit.FakeMailTest;
import dev.fakemail.testsupport.MessageBuilder;
import org.junit.jupiter.api.Test;

/** docs/junit.md, "IMAP folders and flags": seeded folders, changed over IMAP by the application. */
@FakeMailTest
class ImapFoldersExampleTest {
    @Test
    void archivesAndMarksRead(FakeMailServer mail) {
        String rfc822Text = MessageBuilder.message().from("shop@example.test").to("bob@example.test")
                .subject("Invoice 42").text("Total: 42.00").build();
        String otherText = MessageBuilder.message().from("news@example.test").to("bob@example.test")
                .subject("Newsletter").text("News").build();
        var app = ShopApp.withImap(mail.imap().host(), mail.imap().port(), "bob@example.test");

        mail.seed("bob@example.test").folder("Archive/2026").append(rfc822Text, "$Important"); // returns the UID
        mail.seed("bob@example.test").append(otherText);                                       // into INBOX

        app.archiveAndMarkRead();                                                              // talks IMAP

        assertThat(mail).mailbox("bob@example.test", "Archive/2026")
                .hasMessageCount(1)
                .hasSubjects("Invoice 42")                       // in UID order
                .messageWithSubject("Invoice 42").hasFlags("\\Seen").doesNotHaveFlags("\\Deleted");
    }
}
