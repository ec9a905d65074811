package dev.fakemail.internal.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.internal.auth.UserPolicy;
import dev.fakemail.internal.sasl.SaslStep.Challenge;
import dev.fakemail.internal.sasl.SaslStep.Failure;
import dev.fakemail.internal.sasl.SaslStep.Reason;
import dev.fakemail.internal.sasl.SaslStep.Success;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Small helpers shared by the mechanism tests. */
final class SaslTesting {
    static final UserPolicy OPEN = UserPolicy.anyone();
    static final UserPolicy FIXED = UserPolicy.fixed(Map.of("alice", "secret", "bob", "hunter2", "jörg", "pässwörd"));

    private SaslTesting() {
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static SaslExchange start(String mechanism, UserPolicy users) {
        return SaslMechanisms.start(mechanism, users, "mail.example.test").orElseThrow();
    }

    static byte[] challengeData(SaslStep step) {
        assertThat(step).isInstanceOf(Challenge.class);
        return ((Challenge) step).data();
    }

    static String challengeText(SaslStep step) {
        return new String(challengeData(step), StandardCharsets.UTF_8);
    }

    static void assertSuccess(SaslStep step, String user) {
        assertThat(step).isEqualTo(new Success(user));
    }

    static void assertFailure(SaslStep step, Reason reason) {
        assertThat(step).isInstanceOf(Failure.class);
        Failure failure = (Failure) step;
        assertThat(failure.reason()).isEqualTo(reason);
        assertThat(failure.detail()).isNotBlank().doesNotContain("\r", "\n");
    }

    /** One response settles the exchange as a success for user, and the exchange is over. */
    static void assertAccepts(SaslExchange exchange, byte[] response, String user) {
        assertSuccess(exchange.evaluate(response), user);
        assertFinished(exchange);
    }

    /** One response settles the exchange as a failure for reason, and the exchange is over. */
    static void assertRejects(SaslExchange exchange, byte[] response, Reason reason) {
        assertFailure(exchange.evaluate(response), reason);
        assertFinished(exchange);
    }

    /**
     * The OAuth error dance: the bad credentials in response draw the error JSON as a challenge, the client's
     * acknowledgement of it then fails the exchange with BAD_CREDENTIALS, and the exchange is over.
     */
    static void assertErrorDance(SaslExchange exchange, byte[] response, String errorJson, byte[] acknowledgement) {
        assertThat(challengeText(exchange.evaluate(response))).isEqualTo(errorJson);
        assertRejects(exchange, acknowledgement, Reason.BAD_CREDENTIALS);
    }

    /** The exchange is over: any further response, even a plausible one, is rejected as MALFORMED. */
    static void assertFinished(SaslExchange exchange) {
        assertFailure(exchange.evaluate(new byte[0]), Reason.MALFORMED);
        assertFailure(exchange.evaluate(bytes("\0alice\0secret")), Reason.MALFORMED);
    }
}
