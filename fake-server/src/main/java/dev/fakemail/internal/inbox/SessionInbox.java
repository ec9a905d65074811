package dev.fakemail.internal.inbox;

import dev.fakemail.internal.fault.SessionFaults;
import dev.fakemail.internal.journal.Journal;
import dev.fakemail.internal.journal.TranscriptWriter;
import dev.fakemail.internal.store.MailRepository;

/**
 * The inbox one session belongs to. Every session starts in the default inbox; the first thing that names an
 * isolated inbox moves it there for good: the RCPT whose address matches a domain or tag route (before that
 * RCPT's fault rules are consulted), a login matching a login route or naming an inbox ({@code id/user}), or,
 * at the end of DATA, a header route. From then on the session delivers to, reads from, is transcribed in and
 * meets the fault rules of that inbox only. Used by the session's own thread.
 */
public final class SessionInbox {
    private final InboxRouter router;
    private final Journal defaultJournal;
    private final TranscriptWriter transcript;
    private SessionFaults faults;
    private Tenant tenant;

    public SessionInbox(InboxRouter router, Journal defaultJournal, TranscriptWriter transcript) {
        this.router = router;
        this.defaultJournal = defaultJournal;
        this.transcript = transcript;
    }

    /** A session that can never move (socket-free tests). */
    public static SessionInbox fixed() {
        return new SessionInbox(InboxRouter.NONE, null, null);
    }

    /** The faults to switch over when the session moves. */
    public void faults(SessionFaults faults) {
        this.faults = faults;
    }

    /** True while the session could still move: some inbox exists and this session is in none yet. */
    public boolean routing() {
        return tenant == null && router.active();
    }

    /** The store this session uses: its inbox's once it has moved, else the given default. */
    public MailRepository store(MailRepository defaultStore) {
        return tenant == null ? defaultStore : tenant.store();
    }

    /** The id of the inbox the session is in, "default" before it moved. */
    public String inboxId() {
        return tenant == null ? "default" : tenant.id();
    }

    /** An SMTP recipient (RCPT TO). */
    public void recipient(String address) {
        if (routing()) {
            move(router.byAddress(address), "recipient " + address);
        }
    }

    /** The message at the end of DATA, before it is stored: header routes. */
    public void message(byte[] message) {
        if (routing() && router.routesByHeader()) {
            move(router.byHeaders(message), "header");
        }
    }

    /**
     * A successful login (SMTP AUTH, POP3, IMAP): {@code inbox-id/user} names the inbox and logs in as user;
     * otherwise the login routes by login, then by address (domain, tag). Returns the user to log in as, or
     * null when the named inbox does not exist.
     */
    public String login(String login) {
        int slash = login.indexOf('/');
        if (slash > 0 && slash < login.length() - 1) {
            Tenant named = router.active() ? router.byId(login.substring(0, slash)) : null;
            if (named == null) {
                return null;
            }
            if (tenant == null) {
                move(named, "login " + login);
            }
            return login.substring(slash + 1);
        }
        if (routing()) {
            Tenant byLogin = router.byLogin(login);
            move(byLogin != null ? byLogin : router.byAddress(login), "login " + login);
        }
        return login;
    }

    /** True once the session belongs to an isolated inbox. */
    public boolean moved() {
        return tenant != null;
    }

    private void move(Tenant target, String reason) {
        if (target == null) {
            return;
        }
        tenant = target;
        target.touch().run();
        if (transcript != null) {
            transcript.event("inbox " + target.id() + " (" + reason + ")");
            defaultJournal.release(transcript);
            target.journal().adopt(transcript);
        }
        if (faults != null) {
            faults.moveTo(target.faults());
        }
    }
}
