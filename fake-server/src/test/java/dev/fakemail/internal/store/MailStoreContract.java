package dev.fakemail.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.store.Envelope;
import dev.fakemail.store.EnvelopeRecipient;
import dev.fakemail.store.MailStore;
import dev.fakemail.store.Mailbox;
import dev.fakemail.store.MailboxListing;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.store.Retention;
import dev.fakemail.store.StoreEvent;
import dev.fakemail.store.StoredMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MailRepository} must do: run it against an implementation by extending this class. Events
 * are checked exactly, since IMAP sessions are written against them.
 */
public abstract class MailStoreContract {
    protected static final String BOB = "bob@example.test";
    private static final OffsetDateTime DATE = OffsetDateTime.parse("2026-11-23T10:15:30+05:30");

    /** A new, empty store. */
    protected abstract MailRepository newStore(Clock clock, Retention retention);

    protected MailRepository store;
    protected final List<StoreEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void createStore() {
        store = newStore(Clock.systemUTC(), Retention.UNLIMITED);
        store.subscribe(events::add);
    }

    private static Envelope envelope(String... recipients) {
        List<EnvelopeRecipient> rcpts = new ArrayList<>();
        for (String recipient : recipients) {
            rcpts.add(new EnvelopeRecipient(recipient, Map.of()));
        }
        return new Envelope("a@example.test", Map.of(), rcpts, "client.test", new InetSocketAddress("127.0.0.1", 4000),
                null, null, "ESMTP");
    }

    private static byte[] bytes(String subject) {
        return ("Subject: " + subject + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private StoredMessage append(Mailbox mailbox, String subject, String... flags) {
        return store.append(mailbox, bytes(subject), Set.of(flags), DATE);
    }

    private static long[] uids(long... uids) {
        return uids;
    }

    private <T extends StoreEvent> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<Long> uidsOf(Mailbox mailbox) {
        return mailbox.messages().stream().map(StoredMessage::uid).toList();
    }

    // ---- users, default mailboxes, lookups

    @Test
    void deliveryCreatesTheUserWithInboxAndTheSpecialUseMailboxes() {
        ReceivedMessage received = store.deliver(envelope("Bob@Example.test"), bytes("hi"));

        assertThat(store.users()).containsExactly(BOB);
        assertThat(store.mailboxes(BOB)).extracting(Mailbox::name)
                .containsExactly("INBOX", "Sent", "Drafts", "Trash", "Junk", "Archive");
        assertThat(store.list(BOB)).containsExactly(
                new MailboxListing("INBOX", Set.of("\\HasNoChildren"), false),
                new MailboxListing("Sent", Set.of("\\HasNoChildren", "\\Sent"), false),
                new MailboxListing("Drafts", Set.of("\\HasNoChildren", "\\Drafts"), false),
                new MailboxListing("Trash", Set.of("\\HasNoChildren", "\\Trash"), false),
                new MailboxListing("Junk", Set.of("\\HasNoChildren", "\\Junk"), false),
                new MailboxListing("Archive", Set.of("\\HasNoChildren", "\\Archive"), false));
        Mailbox inbox = store.mailbox(BOB, "inbox").orElseThrow();
        StoredMessage stored = inbox.messages().get(0);
        assertThat(stored.uid()).isEqualTo(1);
        assertThat(stored.isDeliveryOf(received)).isTrue();
        assertThat(stored.internalDate().toInstant()).isEqualTo(received.receivedAt());
        assertThat(eventsOf(StoreEvent.MailboxCreated.class)).hasSize(6);
        assertThat(eventsOf(StoreEvent.MessagesAppended.class)).containsExactly(
                new StoreEvent.MessagesAppended(inbox, List.of(stored)));
        assertThat(store.claimRecent(inbox)).containsExactly(1L);
    }

    @Test
    void lookupsNeverCreate() {
        assertThat(store.mailbox(BOB, "INBOX")).isEmpty();
        assertThat(store.mailboxes(BOB)).isEmpty();
        assertThat(store.list(BOB)).isEmpty();
        assertThat(store.users()).isEmpty();
        assertThat(events).isEmpty();
    }

    // ---- hierarchy

    @Test
    void createMakesMissingParentsAndListShowsChildren() {
        store.inbox(BOB);
        events.clear();

        Mailbox leaf = store.createMailbox(BOB, "Projects/2026/q4");

        assertThat(leaf.name()).isEqualTo("Projects/2026/q4");
        assertThat(eventsOf(StoreEvent.MailboxCreated.class)).extracting(event -> event.mailbox().name())
                .containsExactly("Projects", "Projects/2026", "Projects/2026/q4");
        assertThat(store.list(BOB)).filteredOn(listing -> listing.name().startsWith("Projects")).containsExactly(
                new MailboxListing("Projects", Set.of("\\HasChildren"), false),
                new MailboxListing("Projects/2026", Set.of("\\HasChildren"), false),
                new MailboxListing("Projects/2026/q4", Set.of("\\HasNoChildren"), false));
        assertThat(store.mailbox(BOB, "inbox/x")).isEmpty();
        assertThat(store.createMailbox(BOB, "inbox/x").name()).isEqualTo("INBOX/x");
        assertThat(store.list(BOB).get(0).attributes()).containsExactly("\\HasChildren");
    }

    @Test
    void createRefusesExistingAndInvalidNames() {
        store.createMailbox(BOB, "Work");
        assertThatThrownBy(() -> store.createMailbox(BOB, "Work")).isInstanceOf(MailboxException.class)
                .extracting(e -> ((MailboxException) e).reason()).isEqualTo(MailboxException.Reason.ALREADY_EXISTS);
        assertThatThrownBy(() -> store.createMailbox(BOB, "inbox")).extracting(e -> ((MailboxException) e).reason())
                .isEqualTo(MailboxException.Reason.ALREADY_EXISTS);
        for (String invalid : List.of("", "/a", "a/", "a//b")) {
            assertThatThrownBy(() -> store.createMailbox(BOB, invalid)).as(invalid)
                    .extracting(e -> ((MailboxException) e).reason()).isEqualTo(MailboxException.Reason.INVALID_NAME);
        }
    }

    @Test
    void deleteRemovesALeafWithItsMessagesAndRefusesInbox() {
        Mailbox work = store.createMailbox(BOB, "Work");
        append(work, "one");
        events.clear();

        store.deleteMailbox(BOB, "Work");

        assertThat(store.mailbox(BOB, "Work")).isEmpty();
        assertThat(events).containsExactly(new StoreEvent.MessagesExpunged(work, List.of(1L), work.highestModSeq()),
                new StoreEvent.MailboxDeleted(work, false));
        assertThatThrownBy(() -> store.deleteMailbox(BOB, "INBOX")).extracting(e -> ((MailboxException) e).reason())
                .isEqualTo(MailboxException.Reason.CANNOT);
        assertThatThrownBy(() -> store.deleteMailbox(BOB, "Nope")).extracting(e -> ((MailboxException) e).reason())
                .isEqualTo(MailboxException.Reason.NONEXISTENT);
        assertThatThrownBy(() -> append(work, "late")).extracting(e -> ((MailboxException) e).reason())
                .isEqualTo(MailboxException.Reason.NONEXISTENT);
    }

    @Test
    void deletingAMailboxWithInferiorsLeavesItNoselectUntilTheLastInferiorGoes() {
        Mailbox parent = store.createMailbox(BOB, "A");
        store.createMailbox(BOB, "A/B");
        append(parent, "one");

        store.deleteMailbox(BOB, "A");

        assertThat(parent.selectable()).isFalse();
        assertThat(parent.size()).isZero();
        assertThat(eventsOf(StoreEvent.MailboxDeleted.class)).containsExactly(
                new StoreEvent.MailboxDeleted(parent, true));
        assertThat(store.list(BOB)).filteredOn(listing -> listing.name().equals("A"))
                .containsExactly(new MailboxListing("A", Set.of("\\HasChildren", "\\Noselect"), false));
        assertThatThrownBy(() -> append(parent, "x")).extracting(e -> ((MailboxException) e).reason())
                .isEqualTo(MailboxException.Reason.NONEXISTENT);
        assertThatThrownBy(() -> store.deleteMailbox(BOB, "A")).extracting(e -> ((MailboxException) e).reason())
                .isEqualTo(MailboxException.Reason.CANNOT);

        store.deleteMailbox(BOB, "A/B");

        assertThat(store.mailbox(BOB, "A")).isEmpty(); // a \Noselect name without inferiors goes too
    }

    @Test
    void aRecreatedMailboxGetsALargerUidValidity() {
        Mailbox first = store.createMailbox(BOB, "Work");
        append(first, "one");
        store.deleteMailbox(BOB, "Work");

        Mailbox second = store.createMailbox(BOB, "Work");

        assertThat(second).isNotSameAs(first);
        assertThat(second.uidValidity()).isGreaterThan(first.uidValidity());
        assertThat(append(second, "again").uid()).isEqualTo(1);
        store.createMailbox(BOB, "P/C");
        Mailbox p = store.mailbox(BOB, "P").orElseThrow();
        store.deleteMailbox(BOB, "P");
        Mailbox again = store.createMailbox(BOB, "P"); // a \Noselect name can be created again
        assertThat(again.selectable()).isTrue();
        assertThat(again.uidValidity()).isGreaterThan(p.uidValidity());
    }

    @Test
    void aDeliveryDecidedOnItsIdGetsThatIdWhileOthersDeliverAtTheSameTime() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int thread = 0; thread < 2; thread++) {
                runs.add(pool.submit(() -> {
                    int checked = 0;
                    for (int i = 0; i < 500; i++) {
                        long[] seen = new long[1];
                        ReceivedMessage message = store.deliverIfReplyArrives(envelope(BOB), bytes("m" + i), id -> {
                            seen[0] = id;
                            return id % 3 != 0; // "the reply would be cut" for every third id
                        }, "cut");
                        assertThat(message.id()).isEqualTo(seen[0]);
                        assertThat(message.unacknowledgedFate().isPresent()).isEqualTo(seen[0] % 3 == 0);
                        checked++;
                    }
                    return checked;
                }));
                store.deliver(envelope(BOB), bytes("interleaved " + thread));
            }
            for (Future<Integer> run : runs) {
                assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo(500);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.received().size() + store.unacknowledged().size()).isEqualTo(1002);
    }

    @Test
    void recreatingAMailboxKeepsItsMessagesUnderANewUidValidityAndNewUids() {
        Mailbox old = store.createMailbox(BOB, "Work");
        store.subscribe(BOB, "Work");
        append(old, "one", "\\Seen");
        append(old, "two");
        store.expunge(old, uids(1));
        append(old, "three", "$Label");
        events.clear();

        Mailbox fresh = store.recreateMailbox(old);

        assertThat(fresh).isNotSameAs(old);
        assertThat(fresh.uidValidity()).isGreaterThan(old.uidValidity());
        assertThat(store.mailbox(BOB, "Work")).containsSame(fresh);
        assertThat(fresh.subscribed()).isTrue();
        assertThat(uidsOf(fresh)).containsExactly(1L, 2L);
        assertThat(fresh.messages()).extracting(StoredMessage::flags)
                .containsExactly(Set.of(), Set.of("$Label"));
        assertThat(fresh.uidNext()).isEqualTo(3);
        assertThat(store.claimRecent(fresh)).isEmpty(); // re-created, not new
        assertThat(eventsOf(StoreEvent.MailboxDeleted.class)).extracting(StoreEvent.MailboxDeleted::mailbox)
                .containsExactly(old);
        assertThat(eventsOf(StoreEvent.MailboxCreated.class)).extracting(StoreEvent.MailboxCreated::mailbox)
                .containsExactly(fresh);
        assertThat(eventsOf(StoreEvent.MessagesAppended.class)).hasSize(1);
        assertThatThrownBy(() -> store.recreateMailbox(old)).isInstanceOf(MailboxException.class);
    }

    @Test
    void renameTakesInferiorsAlongAndKeepsTheMailboxes() {
        Mailbox work = store.createMailbox(BOB, "Work");
        Mailbox old = store.createMailbox(BOB, "Work/Old");
        append(work, "one");
        store.subscribe(BOB, "Work/Old");
        events.clear();

        store.renameMailbox(BOB, "Work", "Jobs/Past");

        assertThat(work.name()).isEqualTo("Jobs/Past");
        assertThat(old.name()).isEqualTo("Jobs/Past/Old");
        assertThat(store.mailbox(BOB, "Jobs/Past").orElseThrow()).isSameAs(work);
        assertThat(store.mailbox(BOB, "Work")).isEmpty();
        assertThat(uidsOf(work)).containsExactly(1L);
        assertThat(events).containsExactly(
                new StoreEvent.MailboxCreated(store.mailbox(BOB, "Jobs").orElseThrow()),
                new StoreEvent.MailboxRenamed(work, "Work"), new StoreEvent.MailboxRenamed(old, "Work/Old"));
        assertThat(store.subscriptions(BOB)).containsExactly("Jobs/Past/Old");
        assertThat(old.subscribed()).isTrue();
        assertThatThrownBy(() -> store.renameMailbox(BOB, "Jobs", "Sent")).extracting(e -> ((MailboxException) e).reason())
                .isEqualTo(MailboxException.Reason.ALREADY_EXISTS);
        assertThatThrownBy(() -> store.renameMailbox(BOB, "Jobs", "Jobs/x"))
                .extracting(e -> ((MailboxException) e).reason()).isEqualTo(MailboxException.Reason.CANNOT);
        assertThatThrownBy(() -> store.renameMailbox(BOB, "Nope", "x"))
                .extracting(e -> ((MailboxException) e).reason()).isEqualTo(MailboxException.Reason.NONEXISTENT);
    }

    @Test
    void renamingInboxMovesItsMessagesAndLeavesItEmpty() {
        store.deliver(envelope(BOB), bytes("one"));
        store.deliver(envelope(BOB), bytes("two"));
        Mailbox inbox = store.mailbox(BOB, "INBOX").orElseThrow();

        store.renameMailbox(BOB, "INBOX", "Old mail");

        Mailbox moved = store.mailbox(BOB, "Old mail").orElseThrow();
        assertThat(moved.size()).isEqualTo(2);
        assertThat(inbox.size()).isZero();
        assertThat(store.mailbox(BOB, "INBOX").orElseThrow()).isSameAs(inbox);
        assertThat(inbox.uidNext()).isEqualTo(3); // UIDs are never reused
        assertThat(eventsOf(StoreEvent.MessagesExpunged.class)).containsExactly(
                new StoreEvent.MessagesExpunged(inbox, List.of(1L, 2L), inbox.highestModSeq()));
    }

    @Test
    void subscriptionsMayNameMailboxesThatDoNotExist() {
        store.createMailbox(BOB, "Work");
        store.subscribe(BOB, "Work");
        store.subscribe(BOB, "Elsewhere");
        store.subscribe(BOB, "Work");

        assertThat(store.subscriptions(BOB)).containsExactly("Work", "Elsewhere");
        assertThat(store.mailbox(BOB, "Work").orElseThrow().subscribed()).isTrue();
        assertThat(store.list(BOB)).filteredOn(MailboxListing::subscribed).extracting(MailboxListing::name)
                .containsExactly("Work");
        store.unsubscribe(BOB, "Work");
        assertThat(store.mailbox(BOB, "Work").orElseThrow().subscribed()).isFalse();
        assertThat(eventsOf(StoreEvent.SubscriptionChanged.class)).containsExactly(
                new StoreEvent.SubscriptionChanged(BOB, "Work", true),
                new StoreEvent.SubscriptionChanged(BOB, "Elsewhere", true),
                new StoreEvent.SubscriptionChanged(BOB, "Work", false));
        assertThat(store.createMailbox(BOB, "Elsewhere").subscribed()).isTrue();
    }

    // ---- messages

    @Test
    void appendKeepsBytesFlagsAndTheDateWithItsOffset() {
        Mailbox drafts = store.inbox(BOB) == null ? null : store.mailbox(BOB, "Drafts").orElseThrow();
        byte[] raw = bytes("draft");
        events.clear();

        StoredMessage stored = store.append(drafts, raw, Set.of("\\Draft", "$Label1", "\\Recent"), DATE);

        assertThat(stored.uid()).isEqualTo(1);
        assertThat(stored.flags()).containsExactlyInAnyOrder("\\Draft", "$Label1");
        assertThat(stored.internalDate()).isEqualTo(DATE);
        assertThat(stored.internalDate().getOffset().getTotalSeconds()).isEqualTo(5 * 3600 + 1800);
        raw[0] = 'X'; // kept as given, not copied
        assertThat(drafts.message(1).orElseThrow().content().get(0)).isEqualTo((byte) 'X');
        assertThat(drafts.keywords()).containsExactly("$Label1");
        assertThat(drafts.uidNext()).isEqualTo(2);
        assertThat(events).containsExactly(new StoreEvent.MessagesAppended(drafts, List.of(stored)));
    }

    @Test
    void copySharesBytesAndReturnsTheUidMap() {
        Mailbox inbox = store.inbox(BOB);
        Mailbox archive = store.mailbox(BOB, "Archive").orElseThrow();
        append(archive, "padding");
        byte[] raw = bytes("one");
        store.append(inbox, raw, Set.of("\\Seen"), DATE);
        append(inbox, "two");
        append(inbox, "three");
        events.clear();

        UidMap map = store.copy(inbox, uids(3, 1, 99), archive);

        assertThat(map).isEqualTo(new UidMap(archive.uidValidity(), List.of(1L, 3L), List.of(2L, 3L)));
        assertThat(uidsOf(inbox)).containsExactly(1L, 2L, 3L);
        StoredMessage copy = archive.message(2).orElseThrow();
        assertThat(copy.flags()).containsExactly("\\Seen");
        assertThat(copy.internalDate()).isEqualTo(DATE);
        raw[0] = 'X';
        assertThat(copy.content().get(0)).isEqualTo((byte) 'X'); // one array for both
        assertThat(events).containsExactly(new StoreEvent.MessagesAppended(archive,
                List.of(archive.message(2).orElseThrow(), archive.message(3).orElseThrow())));
    }

    @Test
    void moveCopiesThenExpungesInOneStep() {
        Mailbox inbox = store.inbox(BOB);
        Mailbox trash = store.mailbox(BOB, "Trash").orElseThrow();
        append(inbox, "one");
        append(inbox, "two");
        append(inbox, "three");
        events.clear();

        UidMap map = store.move(inbox, uids(1, 3), trash);

        assertThat(map.sourceUids()).containsExactly(1L, 3L);
        assertThat(map.destinationUids()).containsExactly(1L, 2L);
        assertThat(uidsOf(inbox)).containsExactly(2L);
        assertThat(uidsOf(trash)).containsExactly(1L, 2L);
        assertThat(events).hasSize(2);
        assertThat(events.get(1)).isEqualTo(new StoreEvent.MessagesExpunged(inbox, List.of(1L, 3L),
                inbox.highestModSeq()));
    }

    @Test
    void flagChangesApplyToCurrentFlagsWithNewModSeqsInOneEvent() {
        Mailbox inbox = store.inbox(BOB);
        append(inbox, "one", "\\Seen");
        append(inbox, "two");
        append(inbox, "three", "\\Flagged");
        long before = inbox.highestModSeq();
        events.clear();

        FlagUpdate added = store.changeFlags(inbox, uids(1, 2, 3), FlagOperation.ADD, Set.of("\\Seen"),
                OptionalLong.empty());

        assertThat(added.changed()).extracting(StoredMessage::uid).containsExactly(2L, 3L); // 1 had it already
        assertThat(added.changed()).extracting(StoredMessage::modSeq).containsExactly(before + 1, before + 2);
        assertThat(inbox.message(3).orElseThrow().flags()).containsExactlyInAnyOrder("\\Seen", "\\Flagged");
        assertThat(inbox.highestModSeq()).isEqualTo(before + 2);
        assertThat(events).containsExactly(new StoreEvent.FlagsChanged(inbox, added.changed()));

        store.changeFlags(inbox, uids(3), FlagOperation.REMOVE, Set.of("\\Seen"), OptionalLong.empty());
        assertThat(inbox.message(3).orElseThrow().flags()).containsExactly("\\Flagged");
        store.changeFlags(inbox, uids(3), FlagOperation.REPLACE, Set.of("$Work"), OptionalLong.empty());
        assertThat(inbox.message(3).orElseThrow().flags()).containsExactly("$Work");
        assertThat(inbox.keywords()).containsExactly("$Work");
        assertThat(events).hasSize(3);
        assertThat(store.changeFlags(inbox, uids(3), FlagOperation.ADD, Set.of("$Work"), OptionalLong.empty())
                .changed()).isEmpty();
        assertThat(events).hasSize(3); // nothing changed, nothing published
    }

    @Test
    void unchangedSinceLeavesNewerMessagesAloneAndReportsThem() {
        Mailbox inbox = store.inbox(BOB);
        append(inbox, "one");
        append(inbox, "two");
        long since = inbox.highestModSeq();
        store.changeFlags(inbox, uids(2), FlagOperation.ADD, Set.of("\\Answered"), OptionalLong.empty());

        FlagUpdate update = store.changeFlags(inbox, uids(1, 2), FlagOperation.ADD, Set.of("\\Seen"),
                OptionalLong.of(since));

        assertThat(update.failed()).containsExactly(2L);
        assertThat(update.changed()).extracting(StoredMessage::uid).containsExactly(1L);
        assertThat(inbox.message(2).orElseThrow().flags()).containsExactly("\\Answered");
    }

    @Test
    void concurrentFlagAdditionsLoseNoUpdate() throws Exception {
        Mailbox inbox = store.inbox(BOB);
        for (int i = 0; i < 200; i++) {
            append(inbox, "m" + i);
        }
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String flag : List.of("\\Seen", "$Mine")) {
                done.add(threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    for (long uid = 1; uid <= 200; uid++) {
                        store.changeFlags(inbox, uids(uid), FlagOperation.ADD, Set.of(flag), OptionalLong.empty());
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(inbox.messages()).allSatisfy(message ->
                assertThat(message.flags()).containsExactlyInAnyOrder("\\Seen", "$Mine"));
        assertThat(inbox.messages()).extracting(StoredMessage::modSeq).doesNotHaveDuplicates();
    }

    @Test
    void expungeRemovesABatchWithOneEventAndUidsAreNeverReused() {
        Mailbox inbox = store.inbox(BOB);
        for (int i = 0; i < 5; i++) {
            append(inbox, "m" + i);
        }
        long before = inbox.highestModSeq();
        events.clear();

        assertThat(store.expunge(inbox, uids(4, 2, 42))).containsExactly(2L, 4L);

        assertThat(uidsOf(inbox)).containsExactly(1L, 3L, 5L);
        assertThat(inbox.highestModSeq()).isGreaterThan(before);
        assertThat(events).containsExactly(new StoreEvent.MessagesExpunged(inbox, List.of(2L, 4L),
                inbox.highestModSeq()));
        assertThat(inbox.message(3)).isPresent();
        assertThat(inbox.message(4)).isEmpty();
        assertThat(append(inbox, "next").uid()).isEqualTo(6);
        assertThat(store.expunge(inbox, uids(4))).isEmpty();
        assertThat(events).hasSize(2);
    }

    @Test
    void messageSnapshotsAreSharedUntilTheMailboxChanges() {
        Mailbox inbox = store.inbox(BOB);
        append(inbox, "one");
        List<StoredMessage> first = inbox.messages();

        assertThat(inbox.messages()).isSameAs(first);
        append(inbox, "two");
        assertThat(first).hasSize(1);
        assertThat(inbox.messages()).hasSize(2).isNotSameAs(first);
        LongStream.rangeClosed(1, 2).forEach(uid -> assertThat(inbox.message(uid)).isPresent());
    }

    @Test
    void recentMessagesAreClaimedByExactlyOneSession() throws Exception {
        Mailbox inbox = store.inbox(BOB);
        append(inbox, "one");
        append(inbox, "two");

        assertThat(store.claimRecent(inbox)).containsExactly(1L, 2L);
        assertThat(store.claimRecent(inbox)).isEmpty();
        store.deliver(envelope(BOB), bytes("three"));
        store.copy(inbox, uids(1), inbox);
        store.expunge(inbox, uids(4));
        assertThat(store.claimRecent(inbox)).containsExactly(3L); // 4 was expunged before anyone claimed it

        for (int i = 0; i < 500; i++) {
            append(inbox, "m" + i);
        }
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Set<Long> claimed = new HashSet<>();
            List<Future<List<Long>>> claims = new ArrayList<>();
            for (int session = 0; session < 2; session++) {
                claims.add(threads.submit(() -> {
                    List<Long> mine = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        mine.addAll(store.claimRecent(inbox));
                    }
                    return mine;
                }));
            }
            int total = 0;
            for (Future<List<Long>> claim : claims) {
                List<Long> mine = claim.get(30, TimeUnit.SECONDS);
                claimed.addAll(mine);
                total += mine.size();
            }
            assertThat(total).isEqualTo(500).isEqualTo(claimed.size());
        } finally {
            threads.shutdownNow();
        }
    }

    // ---- retention and reset

    @Test
    void retentionCountsAppendedAndCopiedMailPerMailbox() {
        store = newStore(Clock.systemUTC(), new Retention(3, null));
        store.subscribe(events::add);
        Mailbox archive = store.createMailbox(BOB, "Old");
        for (int i = 0; i < 4; i++) {
            append(archive, "m" + i);
        }
        assertThat(uidsOf(archive)).containsExactly(2L, 3L, 4L);
        Mailbox inbox = store.inbox(BOB);
        store.copy(archive, uids(2, 3, 4), inbox);
        store.deliver(envelope(BOB), bytes("delivered"));
        assertThat(uidsOf(inbox)).containsExactly(2L, 3L, 4L);
        assertThat(eventsOf(StoreEvent.MessagesExpunged.class)).containsExactly(
                new StoreEvent.MessagesExpunged(archive, List.of(1L), 6),
                new StoreEvent.MessagesExpunged(inbox, List.of(1L), 6));
    }

    @Test
    void resetEmptiesMailboxesInPlaceSoHeldMailboxesStayValid() {
        Mailbox inbox = store.inbox(BOB);
        store.deliver(envelope(BOB), bytes("one"));
        store.deliver(envelope(BOB), bytes("two"));
        store.createMailbox(BOB, "Work");
        store.subscribe(BOB, "Work");
        long uidValidity = inbox.uidValidity();
        events.clear();

        store.reset();

        assertThat(events).containsExactly(new StoreEvent.StoreReset(List.of(
                new StoreEvent.MessagesExpunged(inbox, List.of(1L, 2L), inbox.highestModSeq()))));
        assertThat(store.users()).isEmpty();
        assertThat(store.received()).isEmpty();
        assertThat(inbox.size()).isZero();
        assertThat(store.subscriptions(BOB)).isEmpty();

        store.deliver(envelope(BOB), bytes("three"));

        assertThat(store.mailbox(BOB, MailStore.INBOX).orElseThrow()).isSameAs(inbox);
        assertThat(inbox.uidValidity()).isEqualTo(uidValidity);
        assertThat(uidsOf(inbox)).containsExactly(3L);
        assertThat(store.claimRecent(inbox)).containsExactly(3L);
        assertThat(store.expunge(inbox, uids(1))).isEmpty();
    }
}
