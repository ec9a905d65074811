package dev.fakemail.imap;

import static dev.fakemail.imap.AngusFolders.createFolder;
import static dev.fakemail.imap.AngusFolders.openInbox;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.testing.ClosesServers;
import jakarta.mail.Folder;
import jakarta.mail.Quota;
import jakarta.mail.event.MailEvent;
import jakarta.mail.event.MessageChangedEvent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.MessageVanishedEvent;
import org.eclipse.angus.mail.imap.ResyncData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Angus Mail against the extensions of issue 19 it uses: COMPRESS=DEFLATE and UTF8=ACCEPT when asked to by its
 * properties, QUOTA (getQuota, setQuota) and QRESYNC (open with ResyncData).
 */
@Timeout(60)
@ExtendWith(ClosesServers.class)
class AngusMailExtensionsTest {
    private static final String USER = "bob@example.test";
    private FakeMailServer server;
    private IMAPStore store;

    @BeforeEach
    void start() throws Exception {
        server = FakeMailServer.builder().imapQuota(1024 * 1024, 100).build().start();
        for (String subject : new String[] {"First", "Second", "Third"}) {
            ImapSupport.deliver(server, USER, ImapSupport.message(subject, subject.toLowerCase()));
        }
        store = connect();
    }

    private IMAPStore connect() throws Exception {
        return ImapSupport.angusMail(server, USER,
                Map.of("mail.imap.compress.enable", "true", "mail.mime.allowutf8", "true"));
    }

    @AfterEach
    void closeStore() throws Exception {
        store.close();
    }

    @Test
    void compressedUtf8FoldersAndQuota() throws Exception {
        Folder drafts = createFolder(store, "Entwürfe");
        assertThat(store.getDefaultFolder().list("Entw*")).extracting(Folder::getFullName).containsExactly("Entwürfe");
        IMAPFolder inbox = openInbox(store, Folder.READ_WRITE);
        inbox.copyMessages(inbox.getMessages(1, 2), drafts);
        assertThat(drafts.getMessageCount()).isEqualTo(2);
        inbox.close(false);

        Quota[] quotas = store.getQuota("INBOX");
        assertThat(quotas).hasSize(1);
        assertThat(quotas[0].quotaRoot).isEmpty();
        assertThat(Arrays.stream(quotas[0].resources).map(r -> r.name + " " + r.usage + " " + r.limit))
                .containsExactly("STORAGE 1 1024", "MESSAGE 5 100");
        Quota lower = new Quota("");
        lower.setResourceLimit("MESSAGE", 5);
        store.setQuota(lower);
        inbox.open(Folder.READ_WRITE);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> inbox.copyMessages(inbox.getMessages(1, 1), drafts)))
                .hasMessageContaining("[OVERQUOTA] quota exceeded: MESSAGE would be 6 of 5");
        inbox.close(false);
        assertThat(server.transcripts().stream().filter(t -> t.toString().contains("COMPRESS=DEFLATE active")))
                .isNotEmpty();
        assertThat(server.transcripts().stream().filter(t -> t.toString().contains("ENABLE UTF8=ACCEPT")))
                .isNotEmpty();
    }

    @Test
    void qresyncReportsWhatVanishedAndChangedSinceTheLastVisit() throws Exception {
        IMAPFolder inbox = openInbox(store, Folder.READ_WRITE);
        long uidValidity = inbox.getUIDValidity();
        long modSeq = inbox.getHighestModSeq();
        inbox.close(false);
        try (IMAPStore other = connect()) {
            IMAPFolder elsewhere = openInbox(other, Folder.READ_WRITE);
            elsewhere.getMessageByUID(1).setFlag(jakarta.mail.Flags.Flag.FLAGGED, true);
            elsewhere.getMessageByUID(3).setFlag(jakarta.mail.Flags.Flag.DELETED, true);
            elsewhere.close(true); // expunges UID 3
        }
        List<MailEvent> events = inbox.open(Folder.READ_WRITE, new ResyncData(uidValidity, modSeq));
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOf(MessageVanishedEvent.class);
        assertThat(((MessageVanishedEvent) events.get(0)).getUIDs()).containsExactly(3L);
        assertThat(events.get(1)).isInstanceOf(MessageChangedEvent.class);
        assertThat(((MessageChangedEvent) events.get(1)).getMessage().isSet(jakarta.mail.Flags.Flag.FLAGGED)).isTrue();
        assertThat(inbox.getMessageCount()).isEqualTo(2);
        inbox.close(false);
    }
}
