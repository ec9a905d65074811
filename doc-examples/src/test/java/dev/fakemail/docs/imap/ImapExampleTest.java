package dev.fakemail.docs.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.docs.ShopApp;
import dev.fakemail.junit.MailClientSettings;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** docs/imap.md, the first example: Jakarta Mail reads over IMAP what was sent over SMTP. */
class ImapExampleTest {
    @Test
    void readsOverImap() throws Exception {
        try (FakeMailServer mail = FakeMailServer.builder().build().start()) {
            // send with SMTP to bob@example.test, then read as an application would:
            ShopApp.withSmtp(mail.smtp().host(), mail.smtp().port()).sendWelcomeMail();
            mail.await(dev.fakemail.store.MailQuery.to("bob@example.test"), Duration.ofSeconds(5));
            Properties props = MailClientSettings.of(mail).jakartaMailProperties(); // mail.imap.host/port, timeouts
            Store store = Session.getInstance(props).getStore("imap");
            store.connect("bob@example.test", "any password");

            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(1);
            assertThat(inbox.getMessage(1).getSubject()).isEqualTo("Welcome");
            inbox.close(false);
            store.close();
        }
    }
}
