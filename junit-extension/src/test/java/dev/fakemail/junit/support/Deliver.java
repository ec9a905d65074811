package dev.fakemail.junit.support;

import dev.fakemail.FakeMailServer;
import dev.fakemail.MailControl;
import dev.fakemail.store.Envelope;
import dev.fakemail.store.EnvelopeRecipient;
import dev.fakemail.store.ReceivedMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Puts a message straight into a server's store, as an SMTP session would, but without one: the message is
 * exactly as written (LF turned into CR LF) and no transcript appears, so failure texts stay short and exact.
 */
public final class Deliver {
    /** The client address of stored messages; no real session has it. */
    public static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1);

    private Deliver() {
    }

    public static ReceivedMessage message(MailControl mail, String from, List<String> to, String message) {
        return message(mail, new Envelope(from, Map.of(), recipients(to), "client.test", CLIENT, null, null, "ESMTP"),
                message);
    }

    /** A message that came over TLS, authenticated as this user (null: not authenticated). */
    public static ReceivedMessage secured(MailControl mail, String from, List<String> to, String user,
            String message) {
        return message(mail, new Envelope(from, Map.of(), recipients(to), "client.test", CLIENT, "TLSv1.3", user,
                user == null ? "ESMTPS" : "ESMTPSA"), message);
    }

    /** A short message with just these headers and a one-line body. */
    public static ReceivedMessage simple(MailControl mail, String from, String to, String subject) {
        return message(mail, from, List.of(to),
                "From: " + from + "\nTo: " + to + "\nSubject: " + subject + "\n\nHello\n");
    }

    private static ReceivedMessage message(MailControl mail, Envelope envelope, String message) {
        return ((FakeMailServer) mail).repository().deliver(envelope, message.replace("\r\n", "\n").replace("\n", "\r\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static List<EnvelopeRecipient> recipients(List<String> to) {
        return to.stream().map(address -> new EnvelopeRecipient(address, Map.of())).toList();
    }
}
