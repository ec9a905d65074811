package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.ImapOut;
import dev.fakemail.store.Mailbox;
import dev.fakemail.store.StoreEvent;
import dev.fakemail.store.StoreListener;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A session's NOTIFY SET (RFC 5465): listens to the store for the user's other mailboxes and queues what the
 * filters ask for (a STATUS for message events, a LIST for MailboxName and SubscriptionChange); the session
 * writes it after each command and, with NOTIFY on, whenever it waits for the client (the loop's pusher), so
 * the client hears without polling. The selected mailbox keeps its usual EXISTS / EXPUNGE / FETCH updates,
 * which are then pushed between commands too.
 */
final class Notifications implements StoreListener, AutoCloseable {
    /** One queued notification: a mailbox whose STATUS to tell (items from its filter), or a ready LIST line. */
    private record Pending(Mailbox mailbox, List<String> items, String listLine) {
    }

    private final ImapSession session;
    final List<NotifyFilter> filters;
    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final AutoCloseable subscription;

    Notifications(ImapSession session, List<NotifyFilter> filters) {
        this.session = session;
        this.filters = List.copyOf(filters);
        this.subscription = session.store.subscribe(this);
    }

    /** Whether the selected mailbox's changes are to be told between commands (a SELECTED filter with events). */
    boolean watchesSelected() {
        return filters.stream().anyMatch(f -> f.isSelected() && !f.events().isEmpty());
    }

    /** SELECTED-DELAYED (RFC 5465 §5.2): expunges wait for a command that may hear them, as without NOTIFY. */
    boolean delaysExpunges() {
        return filters.stream().anyMatch(f -> f.kind().equals("SELECTED-DELAYED") && !f.events().isEmpty());
    }

    /** Under the store lock, on the thread that changed it: queue and wake, never block, never read the store. */
    @Override
    public void onEvent(StoreEvent event) {
        String user = session.user;
        if (event instanceof StoreEvent.MessagesAppended e && e.mailbox().user().equals(user)) {
            message(e.mailbox(), "MessageNew");
        } else if (event instanceof StoreEvent.MessagesExpunged e && e.mailbox().user().equals(user)) {
            message(e.mailbox(), "MessageExpunge");
        } else if (event instanceof StoreEvent.FlagsChanged e && e.mailbox().user().equals(user)) {
            message(e.mailbox(), "FlagChange");
        } else if (event instanceof StoreEvent.MailboxCreated e && e.mailbox().user().equals(user)) {
            list(e.mailbox().name(), "MailboxName", "", "");
        } else if (event instanceof StoreEvent.MailboxDeleted e && e.mailbox().user().equals(user)) {
            list(e.mailbox().name(), "MailboxName", e.keptAsNoselect() ? "\\Noselect" : "\\NonExistent", "");
        } else if (event instanceof StoreEvent.MailboxRenamed e && e.mailbox().user().equals(user)) {
            list(e.mailbox().name(), "MailboxName", "", " (\"OLDNAME\" (" + quoted(e.oldName()) + "))");
        } else if (event instanceof StoreEvent.SubscriptionChanged e && e.user().equals(user)) {
            list(e.name(), "SubscriptionChange", e.subscribed() ? "\\Subscribed" : "", "");
        }
    }

    private void message(Mailbox mailbox, String kind) {
        SelectedMailbox selected = session.selected;
        if (selected != null && selected.mailbox == mailbox) {
            return; // the selected mailbox has its own updates
        }
        for (NotifyFilter filter : filters) {
            if (!filter.isSelected() && filter.events().contains(kind) && filter.covers(session, mailbox.name())) {
                pending.add(new Pending(mailbox, filter.statusItems(), null));
                session.connection.output().wake();
                return;
            }
        }
    }

    private void list(String name, String kind, String attributes, String extra) {
        for (NotifyFilter filter : filters) {
            if (!filter.isSelected() && filter.events().contains(kind) && filter.covers(session, name)) {
                pending.add(new Pending(null, null, "* LIST (" + attributes + ") \"/\" "
                        + quoted(MailboxNames.forClient(session, name)) + extra + "\r\n"));
                session.connection.output().wake();
                return;
            }
        }
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Writes what is queued: one STATUS per mailbox (its latest state), LIST lines as they came. */
    void drain(ImapOut out) {
        Set<Mailbox> told = new LinkedHashSet<>();
        List<Pending> taken = new ArrayList<>();
        for (Pending next; (next = pending.poll()) != null; ) {
            taken.add(next);
        }
        for (Pending item : taken) {
            if (item.listLine() != null) {
                out.ascii(item.listLine());
            } else if (told.add(item.mailbox()) && item.mailbox().selectable()
                    && session.store.mailbox(session.user, item.mailbox().name()).orElse(null) == item.mailbox()) {
                ListHandlers.writeStatus(session, out, item.mailbox(), item.items());
            }
        }
    }

    /** NOTIFY SET STATUS: the current STATUS of every mailbox a filter with message events watches. */
    void writeInitialStatus(ImapOut out) {
        for (Mailbox mailbox : session.store.mailboxes(session.user)) {
            SelectedMailbox selected = session.selected;
            if (!mailbox.selectable() || (selected != null && selected.mailbox == mailbox)) {
                continue;
            }
            for (NotifyFilter filter : filters) {
                if (!filter.isSelected() && filter.hasMessageEvents() && filter.covers(session, mailbox.name())) {
                    ListHandlers.writeStatus(session, out, mailbox, filter.statusItems());
                    break;
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception ignored) {
            // removing a listener from a list cannot fail
        }
    }
}
