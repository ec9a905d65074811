package dev.fakemail.internal.session;

import dev.fakemail.internal.fault.SessionFaults;
import dev.fakemail.internal.inbox.SessionInbox;
import java.net.InetSocketAddress;

/** What a protocol session may know about its connection; updated by the loop when TLS starts. */
public final class ConnectionInfo {
    private final InetSocketAddress client;
    private final SessionFaults faults;
    private final SessionOutput output = new SessionOutput();
    private final java.util.function.Consumer<String> notes;
    private final SessionInbox inbox;
    private volatile String tlsProtocol;

    /** A connection without fault rules (socket-free tests). */
    public ConnectionInfo(InetSocketAddress client) {
        this(client, SessionFaults.none());
    }

    public ConnectionInfo(InetSocketAddress client, SessionFaults faults) {
        this(client, faults, note -> { });
    }

    /** @param notes where {@link #note} goes: the session's transcript, as an event line */
    public ConnectionInfo(InetSocketAddress client, SessionFaults faults, java.util.function.Consumer<String> notes) {
        this(client, faults, notes, SessionInbox.fixed());
    }

    public ConnectionInfo(InetSocketAddress client, SessionFaults faults, java.util.function.Consumer<String> notes,
            SessionInbox inbox) {
        this.client = client;
        this.faults = faults;
        this.notes = notes;
        this.inbox = inbox;
    }

    /** The inbox this session belongs to (the default one until something routes it to an isolated inbox). */
    public SessionInbox inbox() {
        return inbox;
    }

    /** Something the protocol wants the transcript to say that is no line on the wire (e.g. a login's mailbox). */
    public void note(String text) {
        notes.accept(text);
    }

    public InetSocketAddress client() {
        return client;
    }

    /** The scripted faults as this session meets them; handlers consult them at authentication and EHLO/CAPA. */
    public SessionFaults faults() {
        return faults;
    }

    /** Where other threads push output for this session: give it to an {@link Outbox}. */
    public SessionOutput output() {
        return output;
    }

    /** The negotiated TLS protocol ("TLSv1.3"), or null while in plaintext. */
    public String tlsProtocol() {
        return tlsProtocol;
    }

    public boolean isTls() {
        return tlsProtocol != null;
    }

    void tlsStarted(String protocol) {
        this.tlsProtocol = protocol;
    }
}
