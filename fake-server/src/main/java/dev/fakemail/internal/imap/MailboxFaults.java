package dev.fakemail.internal.imap;

import dev.fakemail.internal.fault.MailboxEffects;
import dev.fakemail.store.Mailbox;
import dev.fakemail.store.StoredMessage;
import java.util.List;

/**
 * The IMAP fault effects that play another client: they change the store the way a second session would, so
 * this session (and every other) hears of it through the ordinary update path, where RFC 3501 lets it.
 */
final class MailboxFaults implements MailboxEffects {
    private final ImapSession session;

    MailboxFaults(ImapSession session) {
        this.session = session;
    }

    @Override
    public String expungeElsewhere(String which) {
        Mailbox mailbox = target();
        if (mailbox == null) {
            return "nobody logged in: nothing expunged";
        }
        long[] uids = chosen(mailbox, which);
        if (uids.length == 0) {
            return "nothing to expunge in " + mailbox.name();
        }
        List<Long> removed = session.store.expunge(mailbox, uids);
        return removed.isEmpty() ? "nothing to expunge in " + mailbox.name()
                : "expunged UID " + SequenceSet.compact(removed.stream().mapToLong(Long::longValue).toArray())
                        + " of " + mailbox.name() + " elsewhere";
    }

    @Override
    public String newUidValidity() {
        Mailbox mailbox = target();
        if (mailbox == null) {
            return "nobody logged in: no mailbox re-created";
        }
        Mailbox recreated = session.store.recreateMailbox(mailbox);
        return mailbox.name() + " re-created elsewhere: UIDVALIDITY " + mailbox.uidValidity() + " -> "
                + recreated.uidValidity();
    }

    @Override
    public String quota(String limits) {
        if (session.user == null) {
            return "nobody logged in: no quota set";
        }
        Quotas.Usage usage = Quotas.usage(session.store, session.user);
        long storage = Quotas.UNLIMITED;
        long messages = Quotas.UNLIMITED;
        if (limits.equals("full")) {
            storage = usage.octets();
            messages = usage.messages();
        } else if (!limits.equals("off")) {
            for (String limit : limits.split(",")) {
                String value = limit.substring(limit.indexOf('=') + 1);
                if (limit.startsWith("messages=")) {
                    messages = Long.parseLong(value);
                } else {
                    storage = octets(value);
                }
            }
        }
        session.settings.quotas().set(session.user, new Quotas.Limits(storage, messages));
        return "quota of " + session.user + ": " + (storage == Quotas.UNLIMITED ? "any" : storage) + " octets, "
                + (messages == Quotas.UNLIMITED ? "any number of" : messages) + " messages (now "
                + usage.octets() + " octets in " + usage.messages() + ")";
    }

    private static long octets(String size) {
        char unit = size.charAt(size.length() - 1);
        long scale = unit == 'k' ? 1024L : unit == 'm' ? 1024L * 1024 : unit == 'g' ? 1024L * 1024 * 1024 : 1;
        String digits = scale == 1 ? size : size.substring(0, size.length() - 1);
        return Math.multiplyExact(Long.parseLong(digits), scale);
    }

    /** The selected mailbox, else the user's INBOX, else null (not logged in). */
    private Mailbox target() {
        SelectedMailbox selected = session.selected;
        if (selected != null) {
            return selected.mailbox;
        }
        return session.user == null ? null : session.store.inbox(session.user);
    }

    /** UIDs by this session's numbering when the mailbox is selected, else by the store's order. */
    private long[] chosen(Mailbox mailbox, String which) {
        SelectedMailbox selected = session.selected;
        List<StoredMessage> messages;
        if (selected != null && selected.mailbox == mailbox) {
            synchronized (session) { // a pusher may be draining the view while the session idles
                messages = new java.util.ArrayList<>(selected.size());
                for (int i = 1; i <= selected.size(); i++) {
                    messages.add(selected.bySequence(i));
                }
            }
        } else {
            messages = mailbox.messages();
        }
        if (messages.isEmpty()) {
            return new long[0];
        }
        switch (which) {
            case "first":
                return new long[] {messages.get(0).uid()};
            case "last":
                return new long[] {messages.get(messages.size() - 1).uid()};
            case "all":
                return messages.stream().mapToLong(StoredMessage::uid).toArray();
            default:
                long number = Long.parseLong(which);
                return number <= messages.size() ? new long[] {messages.get((int) number - 1).uid()} : new long[0];
        }
    }
}
