package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.ImapOut;
import dev.fakemail.internal.session.Reply;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** NOTIFY SET [STATUS] (filter events) ... and NOTIFY NONE (RFC 5465). */
final class NotifyHandler {
    /** The events fakemail can tell, by their upper-case name. */
    private static final Map<String, String> SUPPORTED = Map.of("MESSAGENEW", "MessageNew",
            "MESSAGEEXPUNGE", "MessageExpunge", "FLAGCHANGE", "FlagChange", "MAILBOXNAME", "MailboxName",
            "SUBSCRIPTIONCHANGE", "SubscriptionChange");
    private static final String BADEVENT = "[BADEVENT (MessageNew MessageExpunge FlagChange MailboxName "
            + "SubscriptionChange)] ";

    private NotifyHandler() {
    }

    static Reply notify(ImapSession session, ImapCommand command, ImapOut out) {
        ImapArgs args = command.arguments();
        String what = args.atom().toUpperCase(Locale.ROOT);
        if (what.equals("NONE")) {
            args.end();
            session.stopNotifications();
            return session.ok(command, out, "NOTIFY completed");
        }
        if (!what.equals("SET")) {
            throw new ImapSyntaxException("NOTIFY takes SET or NONE");
        }
        args.space();
        boolean status = false;
        if (args.peek() != '(') {
            if (!args.atom().equalsIgnoreCase("STATUS")) {
                throw new ImapSyntaxException("NOTIFY SET takes STATUS or an event group");
            }
            status = true;
            args.space();
        }
        List<NotifyFilter> filters = new ArrayList<>();
        String unsupported = null;
        do {
            args.expect('(');
            String kind = args.atom().toUpperCase(Locale.ROOT);
            List<String> names = List.of();
            switch (kind) {
                case "SELECTED": case "SELECTED-DELAYED": case "INBOXES": case "PERSONAL": case "SUBSCRIBED":
                    break;
                case "SUBTREE": case "MAILBOXES":
                    args.space();
                    names = mailboxes(session, args);
                    break;
                default:
                    throw new ImapSyntaxException("unknown NOTIFY filter " + kind);
            }
            args.space();
            Set<String> events = new LinkedHashSet<>();
            if (args.accept('(')) {
                boolean first = true;
                while (!args.accept(')')) {
                    if (!first) {
                        args.space();
                    }
                    first = false;
                    if (args.peek() == '(') {
                        FetchItem.parseAll(args); // MessageNew's fetch attributes: read for the syntax, then refused
                        unsupported = "MessageNew with fetch attributes";
                        continue;
                    }
                    String event = args.atom();
                    String known = SUPPORTED.get(event.toUpperCase(Locale.ROOT));
                    if (known == null) {
                        unsupported = event;
                    } else {
                        events.add(known);
                    }
                }
            } else if (!args.atom().equalsIgnoreCase("NONE")) {
                throw new ImapSyntaxException("NOTIFY events are a list or NONE");
            }
            args.expect(')');
            filters.add(new NotifyFilter(kind, names, events));
        } while (args.skipSpace());
        args.end();
        if (unsupported != null) {
            return session.no(command, out, BADEVENT + "fakemail does not tell " + unsupported);
        }
        Notifications notifications = session.startNotifications(filters);
        if (status) {
            notifications.writeInitialStatus(out);
        }
        return session.ok(command, out, "NOTIFY completed");
    }

    /** {@code mailbox} or {@code (mailbox ...)}, as the store names them. */
    private static List<String> mailboxes(ImapSession session, ImapArgs args) {
        return args.oneOrList(() -> MailboxNames.fromWire(session, args.astring()));
    }
}
