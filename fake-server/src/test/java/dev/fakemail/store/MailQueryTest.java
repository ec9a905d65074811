package dev.fakemail.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.internal.store.InMemoryMailStore;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailQueryTest {
    private final InMemoryMailStore store = new InMemoryMailStore(Clock.systemUTC());

    private ReceivedMessage deliver(String from, String to, String message) {
        Envelope envelope = new Envelope(from, Map.of(), List.of(new EnvelopeRecipient(to, Map.of())), "client.test",
                new InetSocketAddress("127.0.0.1", 4000), null, null, "ESMTP");
        return store.deliver(envelope, message.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void conditionsNarrowAndDescribeThemselves() {
        deliver("shop@example.test", "Bob@Example.test",
                "Subject: =?UTF-8?Q?Reset_your_password?=\r\n\r\nClick the link\r\n");
        deliver("shop@example.test", "carol@example.test", "Subject: Welcome\r\nX-Tag: a\r\n\r\nHello\r\n");

        assertThat(store.find(MailQuery.to("bob@example.test"))).hasSize(1);
        assertThat(store.find(MailQuery.from("SHOP@example.test"))).hasSize(2);
        assertThat(store.find(MailQuery.all().subjectContains("RESET"))).extracting(ReceivedMessage::subject)
                .containsExactly("Reset your password");
        assertThat(store.find(MailQuery.all().textContains("Hello"))).extracting(ReceivedMessage::subject)
                .containsExactly("Welcome");
        assertThat(store.find(MailQuery.all().header("X-Tag", "a"))).hasSize(1);
        assertThat(store.find(MailQuery.to("carol@example.test").subject("Reset your password"))).isEmpty();

        MailQuery query = MailQuery.to("bob@example.test").subjectContains("Reset");
        assertThat(query).hasToString("to bob@example.test and subject contains 'Reset'");
        assertThat(MailQuery.all()).hasToString("any message");
    }

    @Test
    void deletingFromTheLogKeepsMailboxCopiesAndIdsAreNeverReused() {
        List<StoreEvent> events = new ArrayList<>();
        store.subscribe(events::add);
        ReceivedMessage first = deliver("a@example.test", "bob@example.test", "Subject: one\r\n\r\n.\r\n");
        deliver("a@example.test", "bob@example.test", "Subject: two\r\n\r\n.\r\n");

        assertThat(store.deleteReceived(first.id())).isTrue();
        assertThat(store.deleteReceived(first.id())).isFalse();
        assertThat(store.byId(first.id())).isEmpty();
        assertThat(store.received()).extracting(ReceivedMessage::subject).containsExactly("two");
        assertThat(store.mailbox("bob@example.test", MailStore.INBOX).orElseThrow().size()).isEqualTo(2);
        assertThat(events).contains(new StoreEvent.ReceivedDeleted(first.id()));
        assertThat(deliver("a@example.test", "bob@example.test", "Subject: three\r\n\r\n.\r\n").id()).isEqualTo(3);
    }
}
