package dev.fakemail.internal.imap;

import dev.fakemail.internal.auth.UserPolicy;
import dev.fakemail.internal.journal.TranscriptWriter;
import dev.fakemail.internal.net.MemoryTransport;
import dev.fakemail.internal.session.ConnectionInfo;
import dev.fakemail.internal.session.ProtocolSession;
import dev.fakemail.internal.session.SessionLoop;
import dev.fakemail.internal.store.InMemoryMailStore;
import dev.fakemail.internal.tls.TlsContexts;
import dev.fakemail.store.Envelope;
import dev.fakemail.store.EnvelopeRecipient;
import dev.fakemail.store.MailStore;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * IMAP and POP3 sessions run over memory, without sockets, for the tests that split the client's bytes at every
 * offset: a store holding bob's mail at a fixed time, and a session run to its end. Public so that the POP3
 * package's test reaches it too.
 */
public final class MemorySessions {
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:15:30Z"), ZoneOffset.UTC);
    public static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);
    public static final String BOB = "bob@example.test";

    private MemorySessions() {
    }

    /**
     * Calls {@code check} once for every offset at which the client's bytes can be cut in two (0 to their
     * length), with the bytes arriving in those two reads and a description of the cut for assertion messages.
     */
    public static void atEverySplit(String clientBytes, BiConsumer<MemoryTransport, String> check) {
        byte[] input = clientBytes.getBytes(StandardCharsets.UTF_8);
        for (int offset = 0; offset <= input.length; offset++) {
            check.accept(MemoryTransport.splitAt(input, offset), "split at " + offset);
        }
    }

    /** A store at {@link #CLOCK} whose INBOX for bob holds these messages, in this order. */
    public static InMemoryMailStore storeWith(String... messages) {
        InMemoryMailStore store = new InMemoryMailStore(CLOCK);
        Envelope envelope = new Envelope("alice@example.test", Map.of(), List.of(new EnvelopeRecipient(BOB, Map.of())),
                "client.test", CLIENT, null, null, "ESMTP");
        for (String message : messages) {
            store.deliver(envelope, message.getBytes(StandardCharsets.US_ASCII));
        }
        return store;
    }

    /** The UIDVALIDITY of bob's INBOX, which differs from run to run. */
    public static long inboxUidValidity(InMemoryMailStore store) {
        return store.mailbox(BOB, MailStore.INBOX).orElseThrow().uidValidity();
    }

    /** The replies with bob's INBOX UIDVALIDITY, which differs from run to run, written as "VALIDITY". */
    public static String withStableUidValidity(String replies, InMemoryMailStore store) {
        long uidValidity = inboxUidValidity(store);
        return replies.replace(" " + uidValidity + " ", " VALIDITY ").replace(" " + uidValidity + "]", " VALIDITY]");
    }

    /** A transcript of one connection of {@code protocol} from {@link #CLIENT}. */
    public static TranscriptWriter transcript(String protocol) {
        return new TranscriptWriter(1, protocol, CLIENT, CLOCK);
    }

    /** An IMAP session of a server named mx.test that lets anyone in; what the server wrote. */
    public static String runImap(InMemoryMailStore store, MemoryTransport transport, TranscriptWriter transcript) {
        ImapSettings settings = new ImapSettings("mx.test", UserPolicy.anyone(), false, 1000, 20, CLOCK);
        return run(connection -> new ImapSession(settings, store, connection), transport, transcript);
    }

    /** The session made for a connection from {@link #CLIENT}, run over the transport to its end; what it wrote. */
    public static String run(Function<ConnectionInfo, ProtocolSession> session, MemoryTransport transport,
            TranscriptWriter transcript) {
        ConnectionInfo connection = new ConnectionInfo(CLIENT);
        new SessionLoop(transport, session.apply(connection), connection, transcript, TlsContexts::builtIn, () -> { })
                .run();
        return new String(transport.written(), StandardCharsets.UTF_8);
    }
}
