package dev.fakemail.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.internal.store.InMemoryMailStore;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import dev.fakemail.testsupport.ManualClock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionTest {
    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    private static ReceivedMessage deliver(InMemoryMailStore store, String subject, String... recipients) {
        List<EnvelopeRecipient> rcpts = new ArrayList<>();
        for (String recipient : recipients) {
            rcpts.add(new EnvelopeRecipient(recipient, Map.of()));
        }
        Envelope envelope = new Envelope("a@example.test", Map.of(), rcpts, "client.test",
                new InetSocketAddress("127.0.0.1", 4000), null, null, "ESMTP");
        return store.deliver(envelope, ("Subject: " + subject + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static List<String> subjects(InMemoryMailStore store) {
        return store.received().stream().map(ReceivedMessage::subject).toList();
    }

    @Test
    void theOldestGoFirstFromTheLogAndFromEveryMailbox() {
        InMemoryMailStore store = new InMemoryMailStore(Clock.systemUTC(), new Retention(2, null));
        List<StoreEvent> events = new ArrayList<>();
        store.subscribe(events::add);
        deliver(store, "one", "bob@example.test", "carol@example.test");
        deliver(store, "two", "bob@example.test");
        deliver(store, "three", "carol@example.test");
        assertThat(subjects(store)).containsExactly("two", "three");
        assertThat(store.mailbox("bob@example.test", MailStore.INBOX).orElseThrow().messages()).extracting(StoredMessage::uid)
                .containsExactly(2L);
        assertThat(store.mailbox("carol@example.test", MailStore.INBOX).orElseThrow().messages()).extracting(StoredMessage::uid)
                .containsExactly(2L);
        assertThat(events).filteredOn(event -> event instanceof StoreEvent.MessagesExpunged).hasSize(2);
        assertThat(events).filteredOn(event -> event instanceof StoreEvent.ReceivedDeleted).hasSize(1);
    }

    @Test
    void aCopyInTheInboxGoesWithItsMessageWhenTheCountLimitTookTheDeliveryBefore() {
        // The INBOX limit drops the oldest delivery just before the log drops the oldest message; the log's drop
        // then still finds a copy (IMAP COPY shares the stored bytes) and takes it out too, as it always did.
        InMemoryMailStore store = new InMemoryMailStore(Clock.systemUTC(), new Retention(2, null));
        deliver(store, "one", "bob@example.test");
        deliver(store, "two", "bob@example.test");
        Mailbox inbox = store.mailbox("bob@example.test", MailStore.INBOX).orElseThrow();
        store.copy(inbox, new long[] {1}, inbox); // uid 3, a copy of "one"; the limit takes uid 1
        assertThat(inbox.messages()).extracting(StoredMessage::uid).containsExactly(2L, 3L);
        deliver(store, "three", "bob@example.test"); // uid 4; the limit takes uid 2, the log drops "one"
        assertThat(subjects(store)).containsExactly("two", "three");
        assertThat(inbox.messages()).extracting(StoredMessage::uid).containsExactly(4L);
    }

    @Test
    void aDeleteFromTheMiddleOfTheLogLeavesTheRightInboxForEachLaterDrop() {
        // The log remembers whose INBOX each message went to, side by side with the messages: a delete by id
        // must take out that note too, or the next drop would empty another user's INBOX.
        InMemoryMailStore store = new InMemoryMailStore(Clock.systemUTC(), new Retention(2, null));
        deliver(store, "one", "bob@example.test");
        ReceivedMessage two = deliver(store, "two", "carol@example.test");
        deliver(store, "three", "Bob@Example.test", "bob@example.test"); // one owner, twice
        assertThat(store.deleteReceived(two.id())).isTrue();
        deliver(store, "four", "carol@example.test");
        deliver(store, "five", "dave@example.test"); // drops "three": bob's delivery goes, carol's stay
        assertThat(subjects(store)).containsExactly("four", "five");
        assertThat(store.mailbox("bob@example.test", MailStore.INBOX).orElseThrow().messages()).isEmpty();
        assertThat(store.mailbox("carol@example.test", MailStore.INBOX).orElseThrow().messages())
                .extracting(StoredMessage::uid).containsExactly(1L, 2L);
    }

    @Test
    void aDropReachesTheInboxThatReplacedTheOneTheMessageWentTo() {
        InMemoryMailStore store = new InMemoryMailStore(Clock.systemUTC(), new Retention(3, null));
        deliver(store, "one", "bob@example.test");
        Mailbox first = store.mailbox("bob@example.test", MailStore.INBOX).orElseThrow();
        deliver(store, "two", "bob@example.test");
        Mailbox fresh = store.recreateMailbox(first); // copies "one" and "two" under new UIDs
        deliver(store, "three", "bob@example.test");
        store.expunge(fresh, new long[] {fresh.messages().get(1).uid()}); // "two" leaves the mailbox by hand
        deliver(store, "four", "bob@example.test"); // the log drops "one": its copy leaves the new INBOX
        assertThat(subjects(store)).containsExactly("two", "three", "four");
        assertThat(fresh.messages()).extracting(StoredMessage::subject).containsExactly("three", "four");
    }

    @Test
    void retentionStillBoundsTheMailboxesAfterTheLogWasEmptiedByDeletes() {
        InMemoryMailStore store = new InMemoryMailStore(Clock.systemUTC(), new Retention(100, null));
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 100; i++) {
                deliver(store, "round " + round + " #" + i, "bob@example.test");
            }
            for (ReceivedMessage message : store.received()) {
                store.deleteReceived(message.id()); // what DELETE /api/messages does: the log entry goes
            }
        }
        assertThat(store.received()).isEmpty();
        assertThat(store.mailbox("bob@example.test", MailStore.INBOX).orElseThrow().size())
                .as("held in the mailbox after five rounds of 100 with max-messages 100").isEqualTo(100);
    }

    @Test
    void messagesPastTheirAgeAreDroppedOnDeliveryAndOnRead() {
        ManualClock clock = new ManualClock(START);
        InMemoryMailStore store = new InMemoryMailStore(clock, new Retention(Integer.MAX_VALUE, Duration.ofHours(1)));
        deliver(store, "old", "bob@example.test");
        clock.advance(Duration.ofMinutes(40));
        deliver(store, "newer", "bob@example.test");
        clock.advance(Duration.ofMinutes(30));
        assertThat(subjects(store)).containsExactly("newer"); // "old" is 70 minutes old: dropped on read
        assertThat(store.mailbox("bob@example.test", MailStore.INBOX).orElseThrow().size()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(31));
        deliver(store, "fresh", "bob@example.test");
        assertThat(subjects(store)).containsExactly("fresh");
    }

    @Test
    void awaitSeesMessagesArrivingWhileRetentionDropsTheOldest() throws Exception {
        InMemoryMailStore store = new InMemoryMailStore(Clock.systemUTC(), new Retention(2, null));
        deliver(store, "a", "bob@example.test");
        deliver(store, "b", "bob@example.test");
        java.util.concurrent.CompletableFuture<List<ReceivedMessage>> waiting = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> {
                    try {
                        return store.await(MailQuery.all().subject("d"), 1, Duration.ofSeconds(20));
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
        Thread.sleep(100);
        deliver(store, "c", "bob@example.test"); // drops "a": positions shift under the waiter
        deliver(store, "d", "bob@example.test");
        assertThat(waiting.get(20, java.util.concurrent.TimeUnit.SECONDS)).extracting(ReceivedMessage::subject)
                .containsExactly("d");
    }

    @Test
    void unlimitedByDefaultAndValidated() {
        InMemoryMailStore store = new InMemoryMailStore(Clock.systemUTC());
        for (int i = 0; i < 50; i++) {
            deliver(store, "m" + i, "bob@example.test");
        }
        assertThat(store.received()).hasSize(50);
        assertThatThrownBy(() -> new Retention(0, null)).hasMessageContaining("maxMessages must be positive");
        assertThatThrownBy(() -> new Retention(1, Duration.ZERO)).hasMessageContaining("maxAge must be positive");
    }
}
