package dev.fakemail.imap;

import static dev.fakemail.imap.AngusFolders.createFolder;
import static dev.fakemail.imap.AngusFolders.openInbox;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.testing.ClosesServers;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.SubjectTerm;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Jakarta Mail's IMAP provider (Angus Mail): folders, flags, search terms, partial fetch, MOVE and IDLE. */
@Timeout(60)
@ExtendWith(ClosesServers.class)
class AngusMailImapTest {
    private static final String USER = "bob@example.test";
    private final FakeMailServer server = ImapSupport.serverWithMail(USER, "First", "Second");
    private Store store;

    @BeforeEach
    void connect() throws Exception {
        store = ImapSupport.angusMail(server, USER, Map.of());
    }

    @AfterEach
    void closeStore() throws Exception {
        store.close();
    }

    @Test
    void foldersFlagsSearchAndPartialFetch() throws Exception {
        Folder projects = createFolder(store, "Projects/Alpha");
        assertThat(store.getFolder("Projects").list()).extracting(Folder::getFullName)
                .containsExactly("Projects/Alpha");
        IMAPFolder inbox = openInbox(store, Folder.READ_WRITE);
        assertThat(inbox.getMessageCount()).isEqualTo(2);
        Message[] found = inbox.search(new AndTerm(new SubjectTerm("second"),
                new FlagTerm(new Flags(Flags.Flag.SEEN), false)));
        assertThat(found).hasSize(1);
        assertThat(found[0].getSubject()).isEqualTo("Second");
        found[0].setFlag(Flags.Flag.FLAGGED, true);
        assertThat(inbox.search(new FlagTerm(new Flags(Flags.Flag.FLAGGED), true))).hasSize(1);

        IMAPMessage first = (IMAPMessage) inbox.getMessage(1);
        first.setPeek(true);
        try (InputStream partial = first.getMimeStream()) {
            assertThat(new String(partial.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .startsWith("From: Alice <alice@example.test>");
        }
        assertThat(first.isSet(Flags.Flag.SEEN)).isFalse();
        assertThat(first.getContent()).isEqualTo("one\r\n");
        long uid = inbox.getUID(first);
        inbox.moveMessages(new Message[] {first}, projects);
        assertThat(first.isExpunged()).isTrue(); // the server's EXPUNGE arrived (Jakarta Mail counts it until close)
        assertThat(store.getFolder("INBOX").getMessageCount()).isEqualTo(1); // STATUS of a closed folder
        projects.open(Folder.READ_ONLY);
        assertThat(projects.getMessages()).extracting(Message::getSubject).containsExactly("First");
        assertThat(((UIDFolder) projects).getUID(projects.getMessage(1))).isEqualTo(1L);
        assertThat(uid).isEqualTo(1L);
        projects.close(false);
        inbox.close(true);
    }

    @Test
    void idleHearsOfNewMail() throws Exception {
        IMAPFolder inbox = openInbox(store, Folder.READ_ONLY);
        CompletableFuture<Integer> arrived = new CompletableFuture<>();
        inbox.addMessageCountListener(new jakarta.mail.event.MessageCountAdapter() {
            @Override
            public void messagesAdded(jakarta.mail.event.MessageCountEvent event) {
                arrived.complete(event.getMessages().length);
            }
        });
        Thread idler = new Thread(() -> {
            try {
                inbox.idle(true);
            } catch (Exception e) {
                arrived.completeExceptionally(e);
            }
        });
        idler.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        // deliver repeatedly until IDLE is under way and hears it: the first may land before IDLE started
        while (!arrived.isDone() && System.nanoTime() < deadline) {
            ImapSupport.deliver(server, USER, ImapSupport.message("New", "mail"));
            Thread.sleep(200);
        }
        assertThat(arrived.get(5, TimeUnit.SECONDS)).isPositive();
        idler.join(10_000);
        inbox.close(false);
    }
}
