package dev.fakemail.imap;

import dev.fakemail.FakeMailServer;
import dev.fakemail.store.Envelope;
import dev.fakemail.store.EnvelopeRecipient;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.testing.Clients;
import dev.fakemail.testsupport.ImapConversation;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** What the IMAP tests share: delivery without SMTP and a raw client speaking exact bytes. */
final class ImapSupport {
    static final int TIMEOUT_MILLIS = 15_000;

    private ImapSupport() {
    }

    /** A started server whose INBOX for {@code user} holds one message per subject ("First": "one", ...). */
    static FakeMailServer serverWithMail(String user, String... subjects) {
        FakeMailServer server = FakeMailServer.builder().build().start();
        String[] bodies = {"one", "two", "three", "four"};
        for (int i = 0; i < subjects.length; i++) {
            deliver(server, user, message(subjects[i], bodies[i]));
        }
        return server;
    }

    static ReceivedMessage deliver(FakeMailServer server, String recipient, String text) {
        Envelope envelope = new Envelope("sender@example.test", Map.of(),
                List.of(new EnvelopeRecipient(recipient, Map.of())), "client.test",
                new InetSocketAddress("127.0.0.1", 40000), null, null, "ESMTP");
        return server.repository().deliver(envelope, text.getBytes(StandardCharsets.UTF_8));
    }

    static String message(String subject, String body) {
        return "From: Alice <alice@example.test>\r\nTo: bob@example.test\r\nSubject: " + subject
                + "\r\nDate: Tue, 1 Apr 2003 10:00:00 +0000\r\nMessage-ID: <" + subject.hashCode()
                + "@example.test>\r\n\r\n" + body + "\r\n";
    }

    /** An IMAP connection to the server under test that speaks exact bytes (test-support's conversation). */
    static final class RawImap extends ImapConversation {
        RawImap(FakeMailServer server) throws IOException {
            super(Clients.dial(server.imap()));
        }
    }
}
