package dev.fakemail.junit.internal;

import dev.fakemail.Endpoint;
import dev.fakemail.FakeMailServer;
import dev.fakemail.MailControl;
import dev.fakemail.journal.Transcript;
import dev.fakemail.store.ReceivedMessage;
import java.util.List;

/**
 * What a server had received and said at one moment, taken once when a failure is described so every part
 * of the description agrees.
 *
 * @param endpoints where the server listens; empty when only its {@link MailControl} is known
 */
public record ServerSnapshot(List<ReceivedMessage> messages, List<Transcript> transcripts, List<Endpoint> endpoints) {
    public ServerSnapshot {
        messages = List.copyOf(messages);
        transcripts = List.copyOf(transcripts);
        endpoints = List.copyOf(endpoints);
    }

    public static ServerSnapshot of(MailControl control) {
        List<Endpoint> endpoints = control instanceof FakeMailServer server && server.isRunning()
                ? server.endpoints() : List.of();
        return new ServerSnapshot(control.messages(), control.transcripts(), endpoints);
    }

    /** Sessions of the SMTP family (SMTP, SMTPS): the ones that can deliver mail. */
    public List<Transcript> smtpSessions() {
        return transcripts.stream().filter(transcript -> transcript.protocol().startsWith("SMTP")).toList();
    }

    /** Ids of the messages this session delivered: they carry its client address in their envelope. */
    public List<Long> deliveredBy(Transcript session) {
        return messages.stream()
                .filter(message -> session.client() != null && session.client().equals(message.envelope().clientAddress()))
                .map(ReceivedMessage::id)
                .toList();
    }

    /** "smtp://127.0.0.1:2525" or, when the endpoints are unknown, "this server". */
    public String smtpAddress() {
        return endpoints.stream().filter(endpoint -> endpoint.protocol().startsWith("smtp"))
                .map(Endpoint::toString).reduce((a, b) -> a + " or " + b).orElse("this server");
    }
}
