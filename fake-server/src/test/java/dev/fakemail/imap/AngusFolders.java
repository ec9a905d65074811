package dev.fakemail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import org.eclipse.angus.mail.imap.IMAPFolder;

/** Folder steps the Angus Mail IMAP tests share. */
final class AngusFolders {
    private AngusFolders() {
    }

    /** The store's INBOX, opened in this mode ({@link Folder#READ_ONLY} or {@link Folder#READ_WRITE}). */
    static IMAPFolder openInbox(Store store, int mode) throws MessagingException {
        IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
        inbox.open(mode);
        return inbox;
    }

    /** A new folder for messages: CREATE must succeed. */
    static Folder createFolder(Store store, String name) throws MessagingException {
        Folder folder = store.getFolder(name);
        assertThat(folder.create(Folder.HOLDS_MESSAGES)).as("CREATE %s", name).isTrue();
        return folder;
    }
}
