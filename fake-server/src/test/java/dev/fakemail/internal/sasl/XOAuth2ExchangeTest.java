package dev.fakemail.internal.sasl;

import static dev.fakemail.internal.sasl.SaslTesting.FIXED;
import static dev.fakemail.internal.sasl.SaslTesting.OPEN;
import static dev.fakemail.internal.sasl.SaslTesting.assertFailure;
import static dev.fakemail.internal.sasl.SaslTesting.assertFinished;
import static dev.fakemail.internal.sasl.SaslTesting.assertSuccess;
import static dev.fakemail.internal.sasl.SaslTesting.bytes;
import static dev.fakemail.internal.sasl.SaslTesting.challengeData;
import static dev.fakemail.internal.sasl.SaslTesting.challengeText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.internal.auth.UserPolicy;
import dev.fakemail.internal.sasl.SaslStep.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XOAuth2ExchangeTest {
    private static final String ERROR_JSON =
            "{\"status\":\"401\",\"schemes\":\"Bearer\",\"scope\":\"https://mail.google.com/\"}";

    private static SaslExchange xoauth2(UserPolicy users) {
        return SaslTesting.start("XOAUTH2", users);
    }

    private static byte[] message(String user, String token) {
        return bytes("user=" + user + "\u0001auth=Bearer " + token + "\u0001\u0001");
    }

    @Test
    void openModeAcceptsAnyToken() {
        SaslExchange exchange = xoauth2(OPEN);
        assertSuccess(exchange.evaluate(message("someone@example.test", "ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg")),
                "someone@example.test");
        assertFinished(exchange);
    }

    @Test
    void fixedUserTokenMustEqualPassword() {
        assertSuccess(xoauth2(FIXED).evaluate(message("alice", "secret")), "alice");
    }

    @Test
    void withoutInitialResponseSendsEmptyChallenge() {
        SaslExchange exchange = xoauth2(FIXED);
        assertThat(challengeData(exchange.evaluate(null))).isEmpty();
        assertSuccess(exchange.evaluate(message("bob", "hunter2")), "bob");
    }

    @Test
    void schemeIsCaseInsensitiveAndKeyOrderFree() {
        assertSuccess(xoauth2(FIXED).evaluate(bytes("auth=bearer secret\u0001user=alice\u0001\u0001")), "alice");
    }

    @Test
    void unknownKeysAreIgnored() {
        assertSuccess(xoauth2(FIXED).evaluate(
                bytes("user=alice\u0001host=mail.example.test\u0001port=587\u0001auth=Bearer secret\u0001\u0001")),
                "alice");
    }

    @Test
    void wrongTokenRunsTheGoogleErrorDance() {
        SaslExchange exchange = xoauth2(FIXED);
        assertThat(challengeText(exchange.evaluate(message("alice", "wrong")))).isEqualTo(ERROR_JSON);
        assertFailure(exchange.evaluate(new byte[0]), Reason.BAD_CREDENTIALS);
        assertFinished(exchange);
    }

    @Test
    void unknownUserRunsTheErrorDance() {
        SaslExchange exchange = xoauth2(FIXED);
        assertThat(challengeText(exchange.evaluate(message("mallory", "secret")))).isEqualTo(ERROR_JSON);
        assertFailure(exchange.evaluate(new byte[0]), Reason.BAD_CREDENTIALS);
    }

    @Test
    void nonEmptyAnswerToTheErrorChallengeIsMalformed() {
        SaslExchange exchange = xoauth2(FIXED);
        challengeData(exchange.evaluate(message("alice", "wrong")));
        assertFailure(exchange.evaluate(message("alice", "secret")), Reason.MALFORMED);
        assertFinished(exchange);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "\u0001",
            "\u0001\u0001",
            "user=alice\u0001auth=Bearer secret\u0001",            // missing final ^A
            "user=alice\u0001auth=Bearer secret",                  // no ^A at all
            "user=alice\u0001\u0001",                              // no auth
            "auth=Bearer secret\u0001\u0001",                      // no user
            "user=\u0001auth=Bearer secret\u0001\u0001",           // empty user
            "user=alice\u0001auth=Basic secret\u0001\u0001",       // wrong scheme
            "user=alice\u0001auth=Bearer \u0001\u0001",            // empty token
            "user=alice\u0001auth=Bearersecret\u0001\u0001",       // no space after scheme
            "user=alice\u0001auth\u0001\u0001",                    // pair without '='
            "user=alice\u0001=x\u0001auth=Bearer secret\u0001\u0001",      // empty key
            "user=alice\u0001user=bob\u0001auth=Bearer secret\u0001\u0001", // duplicate key
            "user=alice\u0001\u0001auth=Bearer secret\u0001\u0001",         // empty pair
            "user alice\u0001auth=Bearer secret\u0001\u0001"})
    void syntaxErrorsFailDirectly(String message) {
        SaslExchange exchange = xoauth2(OPEN);
        assertFailure(exchange.evaluate(bytes(message)), Reason.MALFORMED);
        assertFinished(exchange);
    }
}
