package dev.fakemail.internal.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/** What the server does after a client response: send a challenge, or end the exchange with success or failure. */
public sealed interface SaslStep {

    /** Why an exchange failed; the protocol layer maps it to a reply code (e.g. SMTP 535 5.7.8 vs 501 5.5.2). */
    enum Reason {
        /** Well-formed, but the credentials are wrong, the user is unknown, or proxy authorization was requested. */
        BAD_CREDENTIALS,
        /** The client broke the mechanism's syntax or sent a response the exchange did not expect. */
        MALFORMED
    }

    /**
     * The server sends {@code data} (the protocol layer base64-encodes it, e.g. "334 base64(data)") and waits for
     * the next client response. Holds a private copy of the bytes, so equality is by content.
     */
    record Challenge(byte[] data) implements SaslStep {
        public Challenge {
            data = data.clone();
        }

        static Challenge of(String text) {
            return new Challenge(text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Challenge other && Arrays.equals(data, other.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Challenge[" + new String(data, StandardCharsets.UTF_8) + "]";
        }
    }

    /** Authenticated as {@code user} (the authentication identity; proxy authorization is not supported). */
    record Success(String user) implements SaslStep {
        public Success {
            Objects.requireNonNull(user, "user");
        }
    }

    /**
     * The exchange failed. {@code detail} is a short fixed English text for logs or the reply line; it never
     * contains client input (no passwords, and no CR/LF that could break a reply line).
     */
    record Failure(Reason reason, String detail) implements SaslStep {
        public Failure {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
