package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.ImapOut;
import dev.fakemail.internal.session.Reply;
import java.nio.charset.StandardCharsets;

/**
 * IDLE (RFC 2177): after "+ idling" the client hears of every change at once, pushed from the thread that made
 * it (through the session loop's pusher), until it sends DONE.
 */
final class IdleHandler {
    private IdleHandler() {
    }

    static Reply idle(ImapSession session, ImapCommand command, ImapOut out) {
        command.args.end();
        out.ascii("+ idling\r\n");
        synchronized (session) {
            session.idleTag = command.tag;
            if (session.selected != null) {
                session.drainUpdates(out, true); // later changes are pushed by the loop while it idles
            }
        }
        return Reply.bytes(out.toByteArray(), new String(out.toByteArray(), StandardCharsets.UTF_8)).thenIdle();
    }

    static Reply onIdleLine(ImapSession session, byte[] line) {
        String tag;
        synchronized (session) {
            tag = session.idleTag;
            session.idleTag = null;
        }
        if (session.selected != null && session.selected.isGone()) {
            return session.goneBye();
        }
        ImapCommand command = ImapCommand.parse((tag + " IDLE").getBytes(StandardCharsets.US_ASCII));
        ImapOut out = new ImapOut(64);
        if (!new String(line, StandardCharsets.US_ASCII).equalsIgnoreCase("DONE")) {
            return session.tagged(command, out, "BAD", "expected DONE to end IDLE", true);
        }
        return session.ok(command, out, "IDLE terminated");
    }

    /** What the pusher writes while idling: the updates queued since the last look. */
    static Reply pending(ImapSession session) {
        synchronized (session) {
            if (session.idleTag == null || session.selected == null) {
                return null;
            }
            if (session.selected.isGone()) {
                return session.goneBye();
            }
            ImapOut out = new ImapOut(64);
            session.drainUpdates(out, true);
            if (out.size() == 0) {
                return null;
            }
            return Reply.bytes(out.toByteArray(), new String(out.toByteArray(), StandardCharsets.UTF_8));
        }
    }
}
