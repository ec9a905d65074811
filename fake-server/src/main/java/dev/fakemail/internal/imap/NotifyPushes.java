package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.ImapOut;
import dev.fakemail.internal.session.Reply;
import java.nio.charset.StandardCharsets;

/** What NOTIFY pushes while the session waits for a command: the selected mailbox's updates, then the queue. */
final class NotifyPushes {
    private NotifyPushes() {
    }

    static Reply pending(ImapSession session, Notifications notifications) {
        if (notifications == null) {
            return null;
        }
        synchronized (session) {
            if (session.selected != null && session.selected.isGone()) {
                return session.goneBye();
            }
            ImapOut out = new ImapOut(64);
            if (session.selected != null && notifications.watchesSelected()) {
                // no command is in progress: expunges may be told (RFC 5465 §5.1), unless SELECTED-DELAYED
                session.drainUpdates(out, !notifications.delaysExpunges());
            }
            notifications.drain(out);
            if (out.size() == 0) {
                return null;
            }
            return Reply.bytes(out.toByteArray(), new String(out.toByteArray(), StandardCharsets.UTF_8));
        }
    }
}
