package dev.fakemail.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.authentication.AuthResult;
import dev.fakemail.authentication.AuthenticationResults;
import dev.fakemail.authentication.DkimResult;
import dev.fakemail.authentication.DmarcResult;
import dev.fakemail.authentication.SpfResult;
import dev.fakemail.journal.Transcript;
import dev.fakemail.journal.TranscriptLine;
import dev.fakemail.store.Envelope;
import dev.fakemail.store.EnvelopeRecipient;
import dev.fakemail.store.ReceivedMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rebuilds the server's objects from the JSON of {@code /api/received} and {@code /api/transcripts}: a
 * {@link ReceivedMessage} from its raw bytes and envelope (so every view of it parses exactly what the server
 * stored), a {@link Transcript} line by line.
 */
final class Decode {
    private Decode() {
    }

    static ReceivedMessage message(JsonNode json) {
        byte[] raw = Base64.getDecoder().decode(json.get("raw").asText());
        JsonNode fate = json.get("unacknowledgedFate");
        return new ReceivedMessage(json.get("id").asLong(), envelope(json.get("envelope")), raw,
                Instant.parse(json.get("receivedAt").asText()).toEpochMilli(),
                fate == null || fate.isNull() ? null : fate.asText(), authentication(json.get("authentication")));
    }

    /** The checks against the server's fake zone, as the server found them; null when it has no zone. */
    static AuthenticationResults authentication(JsonNode json) {
        if (json == null || json.isNull()) {
            return null;
        }
        List<DkimResult> signatures = new ArrayList<>();
        for (JsonNode signature : json.get("signatures")) {
            signatures.add(new DkimResult(result(signature), text(signature, "domain"), text(signature, "selector"),
                    text(signature, "algorithm"), text(signature, "signedFields"), text(signature, "reason")));
        }
        JsonNode policy = json.get("policy");
        return new AuthenticationResults(spf(json.get("mailFrom")), spf(json.get("helo")), signatures,
                new DmarcResult(result(policy), text(policy, "fromDomain"), text(policy, "policy"),
                        text(policy, "record"), text(policy, "reason")));
    }

    private static SpfResult spf(JsonNode json) {
        return new SpfResult(result(json), text(json, "identity"), text(json, "domain"), text(json, "clientIp"),
                text(json, "record"), text(json, "reason"));
    }

    private static AuthResult result(JsonNode json) {
        return AuthResult.fromKeyword(json.get("result").asText());
    }

    static Envelope envelope(JsonNode json) {
        List<EnvelopeRecipient> recipients = new ArrayList<>();
        for (JsonNode recipient : json.get("recipients")) {
            recipients.add(new EnvelopeRecipient(recipient.get("address").asText(), strings(recipient.get("parameters"))));
        }
        return new Envelope(json.get("mailFrom").asText(), strings(json.get("mailParameters")), recipients,
                text(json, "heloName"), address(text(json, "clientAddress")), text(json, "tls"),
                text(json, "authenticatedUser"), text(json, "protocol"));
    }

    static Transcript transcript(JsonNode json) {
        List<TranscriptLine> lines = new ArrayList<>();
        for (JsonNode line : json.get("lines")) {
            lines.add(new TranscriptLine(Instant.parse(line.get("time").asText()), line.get("direction").asText().charAt(0),
                    line.get("text").asText()));
        }
        String ended = text(json, "ended");
        return new RemoteTranscript(json.get("id").asLong(), json.get("protocol").asText(),
                address(text(json, "client")), Instant.parse(json.get("started").asText()),
                ended == null ? null : Instant.parse(ended), List.copyOf(lines), json.get("droppedLines").asLong());
    }

    /** "ip:port" or "[ipv6]:port" (the server writes literal addresses only, so no name is ever looked up). */
    static InetSocketAddress address(String text) {
        if (text == null) {
            return null;
        }
        int colon = text.lastIndexOf(':');
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), Integer.parseInt(text.substring(colon + 1)));
        } catch (UnknownHostException | RuntimeException e) {
            throw new IllegalArgumentException("not an address the server writes: " + text, e);
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Map<String, String> strings(JsonNode json) {
        Map<String, String> map = new LinkedHashMap<>();
        if (json != null) {
            json.fields().forEachRemaining(entry -> map.put(entry.getKey(), entry.getValue().asText()));
        }
        return map;
    }

    /** A transcript as the server sent it; it does not grow (ask again for a running session's newer lines). */
    record RemoteTranscript(long sessionId, String protocol, InetSocketAddress client, Instant started, Instant endedAt,
            List<TranscriptLine> lines, long droppedLines) implements Transcript {
        @Override
        public boolean isEnded() {
            return endedAt != null;
        }

        @Override
        public Optional<Instant> ended() {
            return Optional.ofNullable(endedAt);
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            text.append(protocol).append(" session ").append(sessionId).append(" from ").append(client)
                    .append(" at ").append(started).append('\n');
            for (TranscriptLine line : lines) {
                text.append("  ").append(line).append('\n');
            }
            return text.toString();
        }
    }
}
