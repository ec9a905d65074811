package dev.fakemail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.MailboxSeed;
import dev.fakemail.testing.ClosesServers;
import dev.fakemail.testsupport.ManualClock;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.OlderTerm;
import org.eclipse.angus.mail.imap.SortTerm;
import org.eclipse.angus.mail.imap.YoungerTerm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Angus Mail where it uses these extensions: getSortedMessages (SORT) and YoungerTerm / OlderTerm (WITHIN). */
@Timeout(60)
@ExtendWith(ClosesServers.class)
class AngusMailSortTest {
    private static final String USER = "bob@example.test";
    private final ManualClock clock = new ManualClock(Instant.parse("2030-01-01T12:00:00Z"));
    private FakeMailServer server;
    private Store store;

    @BeforeEach
    void start() throws Exception {
        server = FakeMailServer.builder().clock(clock).build().start();
        MailboxSeed seed = server.seed(USER);
        clock.set(Instant.parse("2030-01-01T10:00:00Z"));
        seed.append(message("Re: banana", "Tue, 1 Jan 2030 09:00:00 +0000", 300));
        seed.append(message("[fruit] cherry", "Tue, 1 Jan 2030 08:00:00 +0000", 100), "\\Seen");
        clock.set(Instant.parse("2030-01-01T11:45:00Z"));
        seed.append(message("Apple", "Tue, 1 Jan 2030 07:00:00 +0100", 200));
        clock.set(Instant.parse("2030-01-01T12:00:00Z"));
        store = ImapSupport.angusMail(server, USER, Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        store.close();
    }

    private static String message(String subject, String date, int size) {
        return "From: Alice <alice@example.test>\r\nTo: bob@example.test\r\nSubject: " + subject + "\r\nDate: " + date
                + "\r\n\r\n" + "x".repeat(size) + "\r\n";
    }

    private static List<String> subjects(Message[] messages) throws MessagingException {
        String[] subjects = new String[messages.length];
        for (int i = 0; i < messages.length; i++) {
            subjects[i] = messages[i].getSubject();
        }
        return Arrays.asList(subjects);
    }

    @Test
    void sortedMessagesBySubjectSizeAndDate() throws Exception {
        IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        assertThat(subjects(inbox.getSortedMessages(new SortTerm[] {SortTerm.SUBJECT})))
                .containsExactly("Apple", "Re: banana", "[fruit] cherry");
        assertThat(subjects(inbox.getSortedMessages(new SortTerm[] {SortTerm.REVERSE, SortTerm.SIZE})))
                .containsExactly("Re: banana", "Apple", "[fruit] cherry");
        assertThat(subjects(inbox.getSortedMessages(new SortTerm[] {SortTerm.DATE}))) // 07:00 +0100 is 06:00 UTC
                .containsExactly("Apple", "[fruit] cherry", "Re: banana");
        assertThat(subjects(inbox.getSortedMessages(new SortTerm[] {SortTerm.REVERSE, SortTerm.ARRIVAL},
                new FlagTerm(new jakarta.mail.Flags(jakarta.mail.Flags.Flag.SEEN), false))))
                .containsExactly("Apple", "Re: banana");
        inbox.close(false);
    }

    @Test
    void youngerAndOlderTerms() throws Exception {
        IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        assertThat(subjects(inbox.search(new YoungerTerm((int) Duration.ofMinutes(30).toSeconds()))))
                .containsExactly("Apple");
        assertThat(subjects(inbox.search(new OlderTerm((int) Duration.ofMinutes(30).toSeconds()))))
                .containsExactly("Re: banana", "[fruit] cherry");
        inbox.close(false);
    }
}
