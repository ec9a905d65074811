package dev.fakemail.testing;

import dev.fakemail.FakeMailServer;
import dev.fakemail.store.Envelope;
import dev.fakemail.store.EnvelopeRecipient;
import dev.fakemail.store.MailStore;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.store.StoredMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Messages put straight into a server's store, as an SMTP delivery would, and the maildrops read back. */
public final class Stores {
    private Stores() {
    }

    /** Stores the bytes in the recipient's INBOX as an SMTP delivery would, without SMTP. */
    public static ReceivedMessage deliver(FakeMailServer server, String recipient, byte[] raw) {
        Envelope envelope = new Envelope("sender@example.test", Map.of(),
                List.of(new EnvelopeRecipient(recipient, Map.of())), "client.test",
                new InetSocketAddress("127.0.0.1", 40000), null, null, "ESMTP");
        return server.repository().deliver(envelope, raw);
    }

    public static ReceivedMessage deliver(FakeMailServer server, String recipient, String text) {
        return deliver(server, recipient, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The messages now in the user's INBOX. */
    public static List<StoredMessage> inbox(FakeMailServer server, String user) {
        return server.store().mailbox(user, MailStore.INBOX).map(mailbox -> mailbox.messages())
                .orElse(List.of());
    }
}
