package dev.fakemail.internal.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.internal.auth.UserPolicy;
import dev.fakemail.internal.journal.TranscriptWriter;
import dev.fakemail.internal.net.MemoryTransport;
import dev.fakemail.internal.session.ConnectionInfo;
import dev.fakemail.internal.session.SessionLoop;
import dev.fakemail.internal.store.InMemoryMailStore;
import dev.fakemail.internal.store.MailRepository;
import dev.fakemail.store.Envelope;
import dev.fakemail.store.EnvelopeRecipient;
import dev.fakemail.store.Mailbox;
import dev.fakemail.store.StoreListener;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * SELECT reads the mailbox and listens to the store for what comes later. A message delivered between the two
 * used to be lost to that session (its event went out before the session listened, the read was older): here
 * the delivery is made exactly there, by a store that delivers when the session subscribes.
 */
class SelectWhileMailArrivesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T10:15:30Z"), ZoneOffset.UTC);
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);
    private static final String USER = "bob@example.test";

    @Test
    void aMessageDeliveredJustBeforeTheSessionListensIsCountedBySelect() {
        InMemoryMailStore store = new InMemoryMailStore(CLOCK);
        deliver(store, "Subject: one\r\n\r\nfirst\r\n");
        MailRepository deliversOnSubscribe = onSubscribe(store, () -> deliver(store, "Subject: two\r\n\r\nsecond\r\n"));

        String replies = run(deliversOnSubscribe, "a1 LOGIN bob@example.test x\r\na2 SELECT INBOX\r\n"
                + "a3 NOOP\r\na4 FETCH 1:* (UID)\r\na5 LOGOUT\r\n");

        assertThat(replies).contains("* 2 EXISTS\r\n", "* 2 RECENT\r\n", "* OK [UIDNEXT 3]",
                "* 1 FETCH (UID 1)\r\n* 2 FETCH (UID 2)\r\na4 OK FETCH completed\r\n");
        assertThat(replies).doesNotContain("* 1 EXISTS");
    }

    @Test
    void aMessageExpungedJustBeforeTheSessionListensIsNotCountedBySelect() {
        InMemoryMailStore store = new InMemoryMailStore(CLOCK);
        deliver(store, "Subject: one\r\n\r\nfirst\r\n");
        deliver(store, "Subject: two\r\n\r\nsecond\r\n");
        MailRepository expungesOnSubscribe = onSubscribe(store,
                () -> store.expunge(store.mailbox(USER, "INBOX").orElseThrow(), new long[] {1}));

        String replies = run(expungesOnSubscribe, "a1 LOGIN bob@example.test x\r\na2 SELECT INBOX\r\n"
                + "a3 FETCH 1:* (UID)\r\na4 LOGOUT\r\n");

        assertThat(replies).contains("* 1 EXISTS\r\n", "* 1 FETCH (UID 2)\r\na3 OK FETCH completed\r\n");
        assertThat(replies).doesNotContain("* 2 EXISTS", "EXPUNGE");
    }

    @Test
    void selectReadsTheMessageListOnce() {
        InMemoryMailStore store = new InMemoryMailStore(CLOCK);
        deliver(store, "Subject: one\r\n\r\nfirst\r\n");
        AtomicInteger reads = new AtomicInteger();
        Mailbox inbox = store.mailbox(USER, "INBOX").orElseThrow();
        Mailbox countingInbox = countingReads(inbox, reads);
        // The session gets the counting INBOX; the store, which knows only its own, gets the real one back.
        MailRepository countsReads = (MailRepository) Proxy.newProxyInstance(MailRepository.class.getClassLoader(),
                new Class<?>[] {MailRepository.class}, (proxy, method, args) -> {
                    for (int i = 0; args != null && i < args.length; i++) {
                        args[i] = args[i] == countingInbox ? inbox : args[i];
                    }
                    Object result = invoke(method, store, args);
                    return result instanceof Optional<?> found && found.equals(Optional.of(inbox))
                            ? Optional.of(countingInbox) : result;
                });

        String replies = run(countsReads, "a1 LOGIN bob@example.test x\r\na2 SELECT INBOX\r\na3 LOGOUT\r\n");

        assertThat(replies).contains("* 1 EXISTS\r\n", "a2 OK [READ-WRITE]");
        assertThat(reads).hasValue(1);
    }

    private static Mailbox countingReads(Mailbox mailbox, AtomicInteger reads) {
        return (Mailbox) Proxy.newProxyInstance(Mailbox.class.getClassLoader(), new Class<?>[] {Mailbox.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("messages")) {
                        reads.incrementAndGet();
                    }
                    return invoke(method, mailbox, args);
                });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The store, except that {@code change} happens just before a listener subscribes (as SELECT does). */
    private static MailRepository onSubscribe(InMemoryMailStore store, Runnable change) {
        return (MailRepository) Proxy.newProxyInstance(MailRepository.class.getClassLoader(),
                new Class<?>[] {MailRepository.class}, (proxy, method, args) -> {
                    if (method.getName().equals("subscribe") && args.length == 1 && args[0] instanceof StoreListener) {
                        change.run();
                    }
                    return invoke(method, store, args);
                });
    }

    private static void deliver(InMemoryMailStore store, String message) {
        Envelope envelope = new Envelope("alice@example.test", Map.of(),
                List.of(new EnvelopeRecipient(USER, Map.of())), "client.test", CLIENT, null, null, "ESMTP");
        store.deliver(envelope, message.getBytes(StandardCharsets.US_ASCII));
    }

    private static String run(MailRepository store, String clientBytes) {
        ConnectionInfo connection = new ConnectionInfo(CLIENT);
        ImapSettings settings = new ImapSettings("mx.test", UserPolicy.anyone(), false, 1000, 20, CLOCK);
        ImapSession session = new ImapSession(settings, store, connection);
        MemoryTransport transport = MemoryTransport.splitAt(clientBytes.getBytes(StandardCharsets.US_ASCII), 0);
        new SessionLoop(transport, session, connection, new TranscriptWriter(1, "IMAP", CLIENT, CLOCK),
                dev.fakemail.internal.tls.TlsContexts::builtIn, () -> { }).run();
        return new String(transport.written(), StandardCharsets.UTF_8);
    }
}
