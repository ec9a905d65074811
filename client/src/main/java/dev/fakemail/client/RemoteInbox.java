package dev.fakemail.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.MailControl;
import dev.fakemail.client.internal.Api;
import dev.fakemail.client.internal.InboxApi;
import dev.fakemail.client.internal.Messages;
import dev.fakemail.client.internal.RemoteFaultPlan;
import dev.fakemail.fault.FaultPlan;
import dev.fakemail.journal.Transcript;
import dev.fakemail.store.MailQuery;
import dev.fakemail.store.MailStore;
import dev.fakemail.store.ReceivedMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A running fakemail's mail, over its web inbox's JSON API: the whole server's default inbox ({@link
 * FakeMailClient} itself) or one isolated inbox ({@link FakeMailClient#inbox}). Messages and transcripts are
 * rebuilt from what the server stored (raw bytes, envelope, transcript lines), so {@code MailAssertions} and
 * every view of a {@link ReceivedMessage} behave as against an in-process server. Waiting uses the server's
 * long poll ({@code /api/wait}): one request that returns when mail arrives, never a polling loop.
 *
 * <p>Not available remotely: {@link #store()} (read mailboxes over POP3 or IMAP, or {@code GET /api/mailboxes}).
 * Thread-safe: every call is its own HTTP request.
 */
public class RemoteInbox implements MailControl {
    private final InboxApi inbox;
    private final Messages messages;
    private final RemoteFaultPlan faults;

    RemoteInbox(Api api, String inboxId) {
        this.inbox = new InboxApi(api, inboxId);
        this.messages = new Messages(inbox);
        this.faults = new RemoteFaultPlan(inbox);
    }

    /** The isolated inbox this reads ({@code ?inbox=id}); empty for the server's default inbox. */
    public Optional<String> inboxId() {
        return Optional.ofNullable(inbox.inboxId());
    }

    /** This isolated inbox as the server describes it now ({@code GET /api/inboxes/{id}}); empty for the default inbox. */
    public Optional<InboxInfo> info() {
        return inbox.inboxId() == null ? Optional.empty() : Optional.of(InboxInfo.of(
                inbox.api().getJson("/api/inboxes/" + Api.encode(inbox.inboxId()), Map.of())));
    }

    /** The web inbox's URL this client talks to (without any password). */
    public java.net.URI uri() {
        return inbox.api().base();
    }

    @Override
    public List<ReceivedMessage> messages() {
        return messages.all();
    }

    @Override
    public List<ReceivedMessage> messages(MailQuery query) {
        Objects.requireNonNull(query, "query");
        return messages.all().stream().filter(query::matches).toList();
    }

    @Override
    public Optional<ReceivedMessage> message(long id) {
        return messages.one(id);
    }

    /**
     * Waits on the server ({@code /api/wait}) until {@code count} messages match; the query is evaluated here,
     * on the rebuilt messages, so any {@link MailQuery} works (also {@code matching(...)} predicates).
     */
    @Override
    public List<ReceivedMessage> await(MailQuery query, int count, Duration timeout) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(timeout, "timeout");
        return messages.await(query, count, timeout);
    }

    @Override
    public List<ReceivedMessage> unacknowledged() {
        return messages.unacknowledged();
    }

    /** The server's fault rules (this inbox's, for an isolated inbox), changed over {@code /api/faults}. */
    @Override
    public FaultPlan faults() {
        return faults;
    }

    @Override
    public boolean delete(long id) {
        return messages.delete(id);
    }

    /** Not available over HTTP: throws {@link UnsupportedOperationException} saying what to use instead. */
    @Override
    public MailStore store() {
        throw new UnsupportedOperationException("the mailboxes of a remote fakemail (" + inbox.api().base()
                + ") are not a MailStore here: read them over POP3 or IMAP, or GET /api/mailboxes");
    }

    /** Transcripts of the sessions the server still keeps, oldest first, as they were when asked. */
    @Override
    public List<Transcript> transcripts() {
        return messages.transcripts();
    }

    /** {@code POST /api/reset}: forgets messages, mailboxes, transcripts and added fault rules. */
    @Override
    public void reset() {
        inbox.expect("POST", "/api/reset", null, 204);
    }

    Api api() {
        return inbox.api();
    }

    JsonNode getJson(String path) {
        return inbox.getJson(path);
    }

    @Override
    public String toString() {
        return "fakemail at " + inbox.api().base() + (inbox.inboxId() == null ? "" : " inbox " + inbox.inboxId());
    }
}
