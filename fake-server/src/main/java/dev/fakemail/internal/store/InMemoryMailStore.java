package dev.fakemail.internal.store;

import dev.fakemail.authentication.AuthenticationResults;
import dev.fakemail.store.Envelope;
import dev.fakemail.store.EnvelopeRecipient;
import dev.fakemail.store.MailQuery;
import dev.fakemail.store.Mailbox;
import dev.fakemail.store.MailboxListing;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.store.Retention;
import dev.fakemail.store.StoreEvent;
import dev.fakemail.store.StoreListener;
import dev.fakemail.store.StoredMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The in-memory store all protocols share: the received-message log and the users' mailboxes, which reference
 * the same bytes. One lock guards every mutation; every change is published as a {@link StoreEvent} under it
 * and wakes {@link #await} callers; nobody polls. Retention and reset as described in {@link MailRepository}.
 */
public final class InMemoryMailStore implements MailRepository {
    private static final Map<String, String> SPECIAL_USE = Map.of("Sent", "\\Sent", "Drafts", "\\Drafts",
            "Trash", "\\Trash", "Junk", "\\Junk", "Archive", "\\Archive");

    private final ReentrantLock lock = new ShortHoldLock();
    private final Condition changed = lock.newCondition();
    private final ReceivedLog log;
    /** What the count limit took out of mailboxes during the current delivery; emptied when it ends. */
    private final List<Capped> cappedNow = new ArrayList<>();
    private final Map<String, UserMailboxes> users = new LinkedHashMap<>();
    /** Mailboxes emptied by {@link #reset()}, by user and name: reused when their user comes back. */
    private final Map<String, InMemoryMailbox> dormant = new HashMap<>();
    private final List<StoreListener> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private final Retention retention;
    private long nextUidValidity;
    /** The clock's zone and its rules, looked up once per zone: see {@link #offsetSecondsAt}. Guarded by the lock. */
    private ZoneId rulesZone;
    private ZoneRules rules;

    public InMemoryMailStore(Clock clock) {
        this(clock, Retention.UNLIMITED);
    }

    public InMemoryMailStore(Clock clock, Retention retention) {
        this.clock = clock;
        this.retention = retention;
        this.nextUidValidity = Math.max(1, clock.millis() / 1000);
        this.log = new ReceivedLog(lock, changed, retention);
    }

    // ---- received-message log

    @Override
    public ReceivedMessage deliver(Envelope envelope, byte[] raw, AuthenticationResults authentication) {
        lock.lock();
        try {
            long now = clock.millis();
            ReceivedMessage message = log.add(envelope, raw, now, authentication);
            if (listened()) {
                publish(new StoreEvent.MessageReceived(message));
            }
            int offsetSeconds = offsetSecondsAt(now);
            List<String> owners = distinctOwners(envelope);
            String[] inboxOwners = new String[owners.size()];
            for (int i = 0; i < inboxOwners.length; i++) {
                InMemoryMailbox inbox = userLocked(owners.get(i)).mailboxes.get(INBOX);
                StoredMessage delivered = StoredMessage.delivered(message, inbox.takeUid(), inbox.nextModSeq(), now,
                        offsetSeconds);
                addLocked(inbox, List.of(delivered), true);
                inboxOwners[i] = inbox.user(); // as a rule the users map's own key object: a cheap lookup later
            }
            log.noteOwnersOfNewest(inboxOwners.length == 1 ? inboxOwners[0] : inboxOwners);
            dropExpiredLocked(now);
            changed.signalAll();
            return message;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The clock zone's offset at this instant, for a delivery's internal date. The zone's rules are kept: on JDK 17
     * a fixed offset's {@code getRules()} builds new rules (with a hash map) on every call, which was a tenth of
     * the garbage of a pipelined 2 KB message.
     */
    private int offsetSecondsAt(long millis) {
        ZoneId zone = clock.getZone();
        if (!zone.equals(rulesZone)) {
            rules = zone.getRules();
            rulesZone = zone;
        }
        return rules.getOffset(Instant.ofEpochMilli(millis)).getTotalSeconds();
    }

    @Override
    public ReceivedMessage deliverIfReplyArrives(Envelope envelope, byte[] raw,
            java.util.function.LongPredicate replyArrives, String fate, AuthenticationResults authentication) {
        lock.lock(); // reentrant: deliver and recordUnacknowledged take it again
        try {
            return replyArrives.test(log.peekNextId()) ? deliver(envelope, raw, authentication)
                    : recordUnacknowledged(envelope, raw, fate, authentication);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ReceivedMessage recordUnacknowledged(Envelope envelope, byte[] raw, String fate,
            AuthenticationResults authentication) {
        lock.lock();
        try {
            ReceivedMessage message = log.addUnacknowledged(envelope, raw, clock.millis(), fate, authentication);
            publish(new StoreEvent.MessageUnacknowledged(message));
            return message;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<ReceivedMessage> unacknowledged() {
        return log.unacknowledged();
    }

    @Override
    public long peekNextId() {
        return log.peekNextId();
    }

    @Override
    public List<ReceivedMessage> received() {
        lock.lock();
        try {
            dropExpiredLocked(clock.millis()); // a quiet server still forgets what is past its age
            return log.all();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<ReceivedMessage> find(MailQuery query) {
        List<ReceivedMessage> matches = new ArrayList<>();
        for (ReceivedMessage message : received()) {
            if (query.matches(message)) {
                matches.add(message);
            }
        }
        return matches;
    }

    @Override
    public Optional<ReceivedMessage> byId(long id) {
        return log.byId(id);
    }

    @Override
    public List<ReceivedMessage> await(MailQuery query, int count, Duration timeout) throws InterruptedException {
        return log.await(query, count, timeout);
    }

    @Override
    public boolean deleteReceived(long id) {
        lock.lock();
        try {
            if (!log.remove(id)) {
                return false;
            }
            publish(new StoreEvent.ReceivedDeleted(id));
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void reset() {
        lock.lock();
        try {
            List<StoreEvent.MessagesExpunged> emptied = new ArrayList<>();
            for (Map.Entry<String, UserMailboxes> user : users.entrySet()) {
                for (InMemoryMailbox mailbox : user.getValue().mailboxes.values()) {
                    List<Long> removed = mailbox.remove(mailbox.allUids());
                    if (!removed.isEmpty()) {
                        emptied.add(new StoreEvent.MessagesExpunged(mailbox, removed, mailbox.highestModSeq()));
                    }
                    mailbox.subscribed(false);
                    if (mailbox.selectable()) {
                        dormant.put(key(user.getKey(), mailbox.name()), mailbox);
                    }
                }
            }
            users.clear();
            log.clear();
            publish(new StoreEvent.StoreReset(emptied));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ---- reads

    @Override
    public List<String> users() {
        return locked(() -> List.copyOf(users.keySet()));
    }

    @Override
    public List<Mailbox> mailboxes(String user) {
        lock.lock();
        try {
            UserMailboxes state = users.get(MailboxNames.user(user));
            return state == null ? List.of() : List.copyOf(state.mailboxes.values());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Mailbox> mailbox(String user, String name) {
        return locked(() -> {
            UserMailboxes state = users.get(MailboxNames.user(user));
            return Optional.ofNullable(state == null ? null : state.mailboxes.get(MailboxNames.canonical(name)));
        });
    }

    @Override
    public List<MailboxListing> list(String user) {
        return locked(() -> {
            UserMailboxes state = users.get(MailboxNames.user(user));
            return state == null ? List.of() : state.listings();
        });
    }

    @Override
    public List<String> subscriptions(String user) {
        return locked(() -> {
            UserMailboxes state = users.get(MailboxNames.user(user));
            return state == null ? List.of() : List.copyOf(state.subscriptions);
        });
    }

    @Override
    public AutoCloseable subscribe(StoreListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    // ---- mailboxes

    @Override
    public Mailbox inbox(String user) {
        return locked(() -> userLocked(MailboxNames.user(user)).mailboxes.get(INBOX));
    }

    @Override
    public Mailbox createMailbox(String user, String name) {
        String canonical = MailboxNames.validated(name);
        lock.lock();
        try {
            String owner = MailboxNames.user(user);
            UserMailboxes state = userLocked(owner);
            InMemoryMailbox existing = state.mailboxes.get(canonical);
            if (existing != null && existing.selectable()) {
                throw new MailboxException(MailboxException.Reason.ALREADY_EXISTS, "mailbox exists: " + canonical);
            }
            createParentsLocked(owner, state, canonical);
            if (existing != null) {
                state.mailboxes.remove(canonical); // a \Noselect name becomes a mailbox again, with a new UIDVALIDITY
            }
            return createLocked(owner, state, canonical);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void deleteMailbox(String user, String name) {
        String canonical = MailboxNames.canonical(name);
        lock.lock();
        try {
            UserMailboxes state = users.get(MailboxNames.user(user));
            InMemoryMailbox mailbox = existingLocked(state, canonical);
            if (canonical.equals(INBOX)) {
                throw new MailboxException(MailboxException.Reason.CANNOT, "INBOX cannot be deleted");
            }
            boolean inferiors = state.hasInferiors(canonical);
            if (inferiors && !mailbox.selectable()) {
                throw new MailboxException(MailboxException.Reason.CANNOT,
                        canonical + " is \\Noselect and has inferiors");
            }
            expungeLocked(mailbox, mailbox.allUids());
            if (inferiors) {
                mailbox.markNoselect();
            } else {
                state.mailboxes.remove(canonical);
                mailbox.subscribed(false);
            }
            publish(new StoreEvent.MailboxDeleted(mailbox, inferiors));
            if (!inferiors) {
                pruneNoselectParentsLocked(state, canonical);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Mailbox recreateMailbox(Mailbox view) {
        lock.lock();
        try {
            InMemoryMailbox old = liveLocked(view);
            publish(new StoreEvent.MailboxDeleted(old, false)); // sessions holding it end (BYE)
            InMemoryMailbox fresh = new InMemoryMailbox(old.user(), old.name(), nextUidValidity++,
                    SPECIAL_USE.get(old.name()));
            fresh.subscribed(old.subscribed());
            users.get(old.user()).mailboxes.put(old.name(), fresh); // the name now finds the new one
            publish(new StoreEvent.MailboxCreated(fresh));
            copyLocked(old, old.allUids(), fresh);
            fresh.claimRecent(); // re-created, not new: nothing is \Recent
            old.remove(old.allUids());
            return fresh;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void renameMailbox(String user, String from, String to) {
        String source = MailboxNames.canonical(from);
        String target = MailboxNames.validated(to);
        lock.lock();
        try {
            String owner = MailboxNames.user(user);
            UserMailboxes state = users.get(owner);
            InMemoryMailbox mailbox = existingLocked(state, source);
            if (state.mailboxes.containsKey(target)) {
                throw new MailboxException(MailboxException.Reason.ALREADY_EXISTS, "mailbox exists: " + target);
            }
            if (target.equals(source) || MailboxNames.isInferior(target, source)) {
                throw new MailboxException(MailboxException.Reason.CANNOT, "cannot rename " + source + " into itself");
            }
            if (source.equals(INBOX)) { // RFC 3501 6.3.5: the messages move, INBOX stays (empty), inferiors stay
                createParentsLocked(owner, state, target);
                InMemoryMailbox moved = createLocked(owner, state, target);
                moveLocked(mailbox, mailbox.allUids(), moved);
                return;
            }
            createParentsLocked(owner, state, target);
            for (InMemoryMailbox each : state.subtree(mailbox)) {
                String oldName = each.name();
                state.rename(each, target + oldName.substring(source.length()));
                publish(new StoreEvent.MailboxRenamed(each, oldName));
            }
            pruneNoselectParentsLocked(state, source);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void subscribe(String user, String name) {
        changeSubscription(user, name, true);
    }

    @Override
    public void unsubscribe(String user, String name) {
        changeSubscription(user, name, false);
    }

    private void changeSubscription(String user, String name, boolean subscribed) {
        String canonical = MailboxNames.canonical(name);
        lock.lock();
        try {
            String owner = MailboxNames.user(user);
            UserMailboxes state = userLocked(owner);
            boolean changedNow = subscribed ? state.subscriptions.add(canonical) : state.subscriptions.remove(canonical);
            InMemoryMailbox mailbox = state.mailboxes.get(canonical);
            if (mailbox != null) {
                mailbox.subscribed(subscribed);
            }
            if (changedNow) {
                publish(new StoreEvent.SubscriptionChanged(owner, canonical, subscribed));
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- messages

    @Override
    public StoredMessage append(Mailbox mailbox, byte[] raw, Set<String> flags, OffsetDateTime internalDate) {
        lock.lock();
        try {
            InMemoryMailbox target = liveLocked(mailbox);
            StoredMessage message = new StoredMessage(target.takeUid(), target.nextModSeq(),
                    FlagSets.shared(withoutRecent(flags)), internalDate, raw);
            addLocked(target, List.of(message), false);
            changed.signalAll();
            return message;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public UidMap copy(Mailbox source, long[] uids, Mailbox destination) {
        return locked(() -> copyLocked(liveLocked(source), uids, liveLocked(destination)));
    }

    @Override
    public UidMap move(Mailbox source, long[] uids, Mailbox destination) {
        return locked(() -> moveLocked(liveLocked(source), uids, liveLocked(destination)));
    }

    @Override
    public FlagUpdate changeFlags(Mailbox mailbox, long[] uids, FlagOperation operation, Set<String> flags,
            OptionalLong unchangedSince) {
        Set<String> given = FlagSets.shared(withoutRecent(flags));
        lock.lock();
        try {
            InMemoryMailbox target = liveLocked(mailbox);
            List<StoredMessage> changedMessages = new ArrayList<>();
            List<Long> failed = new ArrayList<>();
            // flag sets are shared, so each distinct set's transition is computed once per STORE
            Map<Set<String>, Set<String>> transitions = new java.util.IdentityHashMap<>();
            for (long uid : InMemoryMailbox.sorted(uids)) {
                int index = target.indexOf(uid);
                if (index < 0) {
                    continue;
                }
                StoredMessage current = target.at(index);
                if (unchangedSince.isPresent() && current.modSeq() > unchangedSince.getAsLong()) {
                    failed.add(uid);
                    continue;
                }
                Set<String> before = current.flags();
                Set<String> next = transitions.computeIfAbsent(before, f -> FlagSets.apply(f, operation, given));
                if (next != before) {
                    StoredMessage updated = current.withFlags(next, target.nextModSeq());
                    target.replace(index, updated);
                    changedMessages.add(updated);
                }
            }
            if (!changedMessages.isEmpty()) {
                publish(new StoreEvent.FlagsChanged(target, changedMessages));
            }
            return new FlagUpdate(changedMessages, failed);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Long> expunge(Mailbox mailbox, long[] uids) {
        lock.lock();
        try {
            List<Long> removed = expungeLocked(ownLocked(mailbox), uids);
            if (!removed.isEmpty()) {
                changed.signalAll();
            }
            return removed;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Long> claimRecent(Mailbox mailbox) {
        return locked(() -> ownLocked(mailbox).claimRecent());
    }

    @Override
    public long[] expungedAfter(Mailbox mailbox, long modSeq) {
        return ownLocked(mailbox).expungedAfter(modSeq); // the mailbox's own monitor suffices
    }

    @Override
    public List<Long> unclaimedRecent(Mailbox mailbox) {
        return locked(() -> ownLocked(mailbox).unclaimedRecent());
    }

    // ---- helpers, all called with the lock held

    private UidMap moveLocked(InMemoryMailbox source, long[] uids, InMemoryMailbox destination) {
        UidMap map = copyLocked(source, uids, destination);
        expungeLocked(source, map.sourceUids().stream().mapToLong(Long::longValue).toArray());
        return map;
    }

    private UidMap copyLocked(InMemoryMailbox source, long[] uids, InMemoryMailbox destination) {
        List<StoredMessage> originals = new ArrayList<>();
        for (long uid : InMemoryMailbox.sorted(uids)) {
            int index = source.indexOf(uid);
            if (index >= 0) {
                originals.add(source.at(index));
            }
        }
        List<Long> sourceUids = new ArrayList<>(originals.size());
        List<Long> destinationUids = new ArrayList<>(originals.size());
        List<StoredMessage> copies = new ArrayList<>(originals.size());
        for (StoredMessage original : originals) {
            StoredMessage copy = original.copyAs(destination.takeUid(), destination.nextModSeq());
            copies.add(copy);
            sourceUids.add(original.uid());
            destinationUids.add(copy.uid());
        }
        if (!copies.isEmpty()) {
            addLocked(destination, copies, false);
            changed.signalAll();
        }
        return new UidMap(destination.uidValidity(), sourceUids, destinationUids);
    }

    /** Adds messages (UIDs and MODSEQs taken from the mailbox), publishes them, then applies the count limit. */
    private void addLocked(InMemoryMailbox mailbox, List<StoredMessage> messages, boolean deliveries) {
        if (!deliveries) {
            mailbox.noteCopies();
        }
        mailbox.add(messages);
        if (listened()) {
            publish(new StoreEvent.MessagesAppended(mailbox, messages));
        }
        int excess = mailbox.size() - retention.maxMessages();
        if (excess > 0) {
            long[] oldest = new long[excess];
            for (int i = 0; i < excess; i++) {
                StoredMessage capped = mailbox.at(i);
                oldest[i] = capped.uid();
                cappedNow.add(new Capped(mailbox, capped));
            }
            expungeLocked(mailbox, oldest);
        }
    }

    private List<Long> expungeLocked(InMemoryMailbox mailbox, long[] uids) {
        List<Long> removed = mailbox.remove(uids);
        if (!removed.isEmpty() && listened()) {
            publish(new StoreEvent.MessagesExpunged(mailbox, removed, mailbox.highestModSeq()));
        }
        return removed;
    }

    /** The oldest received messages go from the log and from the INBOXes they were delivered to. */
    private void dropExpiredLocked(long now) {
        for (ReceivedLog.Dropped dropped : log.dropExpired(now)) {
            ReceivedMessage oldest = dropped.message();
            if (listened()) {
                publish(new StoreEvent.ReceivedDeleted(oldest.id()));
            }
            if (dropped.owners() instanceof String owner) {
                dropDeliveryLocked(owner, oldest); // the usual case: one recipient, no look at the old envelope
            } else if (dropped.owners() instanceof String[] owners) {
                for (String owner : owners) {
                    dropDeliveryLocked(owner, oldest);
                }
            } else {
                for (String owner : distinctOwners(oldest.envelope())) {
                    dropDeliveryLocked(owner, oldest);
                }
            }
        }
        cappedNow.clear();
    }

    /** Takes the delivery of a dropped message out of the owner's INBOX (whichever mailbox that is now). */
    private void dropDeliveryLocked(String owner, ReceivedMessage oldest) {
        UserMailboxes state = users.get(owner);
        InMemoryMailbox inbox = state == null ? null : state.mailboxes.get(INBOX);
        long uid = inbox == null || cappedJustNow(inbox, oldest) ? -1 : inbox.uidOfDelivery(oldest);
        if (uid >= 0) {
            expungeLocked(inbox, new long[] {uid});
        }
    }

    /**
     * Whether the count limit has just taken this message's delivery out of that mailbox, so it need not be looked
     * for: with the same limit on the log and on each INBOX, a full INBOX drops the delivery of the oldest message
     * just before the log drops the message, and the search for it would pass over the whole mailbox in vain. Only
     * for a mailbox that holds nothing but deliveries (no COPY, MOVE or APPEND), which hold each array once.
     */
    private boolean cappedJustNow(InMemoryMailbox mailbox, ReceivedMessage message) {
        if (mailbox.holdsCopies()) {
            return false;
        }
        for (Capped capped : cappedNow) {
            if (capped.mailbox() == mailbox && capped.message().isDeliveryOf(message)) {
                return true;
            }
        }
        return false;
    }

    /** A message the count limit took out of a mailbox during the current delivery. */
    private record Capped(InMemoryMailbox mailbox, StoredMessage message) {
    }

    private UserMailboxes userLocked(String owner) {
        UserMailboxes state = users.get(owner);
        if (state == null) {
            state = new UserMailboxes();
            users.put(owner, state);
            for (String name : DEFAULT_MAILBOXES) {
                createLocked(owner, state, name);
            }
        }
        return state;
    }

    private InMemoryMailbox createLocked(String owner, UserMailboxes state, String name) {
        InMemoryMailbox mailbox = dormant.remove(key(owner, name));
        if (mailbox == null) {
            mailbox = new InMemoryMailbox(owner, name, nextUidValidity++, SPECIAL_USE.get(name));
        }
        mailbox.subscribed(state.subscriptions.contains(name));
        state.mailboxes.put(name, mailbox);
        publish(new StoreEvent.MailboxCreated(mailbox));
        return mailbox;
    }

    private void createParentsLocked(String owner, UserMailboxes state, String name) {
        for (String parent : state.missingParents(name)) {
            createLocked(owner, state, parent);
        }
    }

    private void pruneNoselectParentsLocked(UserMailboxes state, String removed) {
        for (InMemoryMailbox pruned : state.pruneNoselectParents(removed)) {
            publish(new StoreEvent.MailboxDeleted(pruned, false));
        }
    }

    private static InMemoryMailbox existingLocked(UserMailboxes state, String name) {
        if (state == null) {
            throw new MailboxException(MailboxException.Reason.NONEXISTENT, "no mailbox " + name);
        }
        return state.existing(name);
    }

    /** The mailbox if it is one of this store's, still in its user's tree and selectable. */
    private InMemoryMailbox liveLocked(Mailbox view) {
        UserMailboxes state = users.get(view.user());
        if (!(view instanceof InMemoryMailbox mailbox) || state == null
                || state.mailboxes.get(mailbox.name()) != mailbox || !mailbox.selectable()) {
            throw new MailboxException(MailboxException.Reason.NONEXISTENT, "mailbox no longer exists: " + view);
        }
        return mailbox;
    }

    /**
     * Any mailbox of this store, even one deleted or emptied by a reset: expunging from it removes what is
     * there (nothing, then), so a POP3 QUIT after a reset just finds its messages gone.
     */
    private static InMemoryMailbox ownLocked(Mailbox view) {
        if (view instanceof InMemoryMailbox mailbox) {
            return mailbox;
        }
        throw new MailboxException(MailboxException.Reason.NONEXISTENT, "not a mailbox of this store: " + view);
    }

    /** \Recent is the session's business (see {@link #claimRecent}), never a stored flag. */
    private static Set<String> withoutRecent(Set<String> flags) {
        Set<String> kept = new LinkedHashSet<>(flags);
        kept.removeIf(flag -> flag.equalsIgnoreCase("\\Recent"));
        return kept;
    }

    private static String key(String user, String name) {
        return user + '\0' + name;
    }

    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether anyone listens: a delivery at the count limit makes four events, built for nobody when the web inbox
     * is off and nothing else subscribed.
     */
    private boolean listened() {
        return !listeners.isEmpty();
    }

    private void publish(StoreEvent event) {
        for (StoreListener listener : listeners) {
            listener.onEvent(event);
        }
    }

    private static List<String> distinctOwners(Envelope envelope) {
        if (envelope.recipients().size() == 1) {
            return List.of(MailboxNames.user(envelope.recipients().get(0).address()));
        }
        List<String> owners = new ArrayList<>(envelope.recipients().size());
        for (EnvelopeRecipient recipient : envelope.recipients()) {
            String owner = MailboxNames.user(recipient.address());
            if (!owners.contains(owner)) {
                owners.add(owner);
            }
        }
        return owners;
    }
}
