package dev.fakemail.junit;

import static dev.fakemail.junit.MailAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.FakeMailServer;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.junit.jupiter.api.Test;

/** Seeding folders from a test and asserting on folders and flags after a real IMAP client changed them. */
@FakeMailTest
class MailboxAssertTest {
    private static final String USER = "bob@example.test";

    @Test
    void seededMailIsSeenByAnImapClientWhoseChangesTheAssertionsCheck(FakeMailServer mail) throws Exception {
        mail.seed(USER).folder("Archive/2026").append("Subject: Invoice 42\r\n\r\nPay\r\n", "$Important");
        mail.seed(USER).append("Subject: Hello\r\n\r\nHi\r\n");

        Store store = Session.getInstance(MailClientSettings.of(mail).jakartaMailProperties()).getStore("imap");
        store.connect(USER, "secret");
        Folder archive = store.getFolder("Archive/2026");
        archive.open(Folder.READ_WRITE);
        archive.getMessage(1).setFlag(Flags.Flag.SEEN, true);
        archive.close(false);
        store.close();

        assertThat(mail).mailbox(USER, "Archive/2026").hasMessageCount(1).hasSubjects("Invoice 42")
                .messageWithSubject("Invoice 42").hasFlags("\\Seen", "$Important").doesNotHaveFlags("\\Deleted");
        assertThat(mail).mailbox(USER, "INBOX").hasSubjects("Hello");
    }

    @Test
    void failuresListTheFolderAndTheUsersFolders(FakeMailServer mail) {
        mail.seed(USER).folder("Archive").append("Subject: Kept\r\n\r\nx\r\n", "\\Flagged");

        assertThatThrownBy(() -> assertThat(mail).mailbox(USER, "Archive").hasSubjects("Other"))
                .hasMessageContainingAll("Expected bob@example.test/Archive to hold messages with subjects [Other]",
                        "UID 1 [\\Flagged] 'Kept'");
        assertThatThrownBy(() -> assertThat(mail).mailbox(USER, "Archive").messageWithSubject("Kept").hasFlags("\\Seen"))
                .hasMessageContaining("to have flags [\\Seen] but it has [\\Flagged], lacking [\\Seen]");
        assertThatThrownBy(() -> assertThat(mail).mailbox(USER, "Nope"))
                .hasMessageContaining("Expected bob@example.test to have a mailbox 'Nope' but it has [INBOX, Sent, Drafts,");
    }
}
