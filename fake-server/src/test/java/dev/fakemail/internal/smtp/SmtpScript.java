package dev.fakemail.internal.smtp;

import dev.fakemail.internal.auth.UserPolicy;
import dev.fakemail.internal.journal.TranscriptWriter;
import dev.fakemail.internal.net.MemoryTransport;
import dev.fakemail.internal.session.ConnectionInfo;
import dev.fakemail.internal.session.SessionLoop;
import dev.fakemail.internal.store.InMemoryMailStore;
import dev.fakemail.internal.tls.TlsContexts;
import dev.fakemail.store.MailStore;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Runs one SMTP session over memory, without sockets: what the server wrote, and what it stored. */
final class SmtpScript {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:15:30Z"), ZoneOffset.UTC);
    static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);

    final InMemoryMailStore store = new InMemoryMailStore(CLOCK);
    SmtpSettings settings = settings(1024 * 1024);

    static SmtpSettings settings(long maxMessageSize) {
        return new SmtpSettings("mx.test", maxMessageSize, 100, 1000, 1000, 20, false, false, UserPolicy.anyone(), CLOCK);
    }

    /** Runs the session to its end over the transport and returns everything the server wrote. */
    String run(MemoryTransport transport) {
        ConnectionInfo connection = new ConnectionInfo(CLIENT);
        SmtpSession session = new SmtpSession(settings, store, connection);
        TranscriptWriter transcript = new TranscriptWriter(1, "SMTP", CLIENT, CLOCK);
        new SessionLoop(transport, session, connection, transcript, TlsContexts::builtIn, () -> { }).run();
        return new String(transport.written(), StandardCharsets.UTF_8);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
