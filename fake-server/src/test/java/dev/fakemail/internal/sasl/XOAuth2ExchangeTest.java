package dev.fakemail.internal.sasl;

import static dev.fakemail.internal.sasl.SaslTesting.FIXED;
import static dev.fakemail.internal.sasl.SaslTesting.OPEN;
import static dev.fakemail.internal.sasl.SaslTesting.assertRejects;
import static dev.fakemail.internal.sasl.SaslTesting.bytes;
import static dev.fakemail.internal.sasl.SaslTesting.challengeData;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.fakemail.internal.auth.UserPolicy;
import dev.fakemail.internal.sasl.SaslStep.Reason;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ValueSource;

class XOAuth2ExchangeTest extends OAuthExchangeContract {
    private static final String ERROR_JSON =
            "{\"status\":\"401\",\"schemes\":\"Bearer\",\"scope\":\"https://mail.google.com/\"}";

    XOAuth2ExchangeTest() {
        super("XOAUTH2", XOAuth2ExchangeTest::xoauth2Message, ERROR_JSON, new byte[0]);
    }

    private static SaslExchange xoauth2(UserPolicy users) {
        return SaslTesting.start("XOAUTH2", users);
    }

    private static byte[] xoauth2Message(String user, String token) {
        return bytes("user=" + user + "\u0001auth=Bearer " + token + "\u0001\u0001");
    }

    /** For the contract's initialResponseAuthenticates: the user policy, the response, the user. */
    static Stream<Arguments> acceptedResponses() {
        return Stream.of(
                arguments(named("open mode accepts any token", OPEN),
                        xoauth2Message("someone@example.test", "ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg"),
                        "someone@example.test"),
                arguments(named("scheme is case-insensitive and key order free", FIXED),
                        bytes("auth=bearer secret\u0001user=alice\u0001\u0001"), "alice"),
                arguments(named("unknown keys are ignored", FIXED),
                        bytes("user=alice\u0001host=mail.example.test\u0001port=587\u0001"
                                + "auth=Bearer secret\u0001\u0001"),
                        "alice"));
    }

    @Test
    void nonEmptyAnswerToTheErrorChallengeIsMalformed() {
        SaslExchange exchange = xoauth2(FIXED);
        challengeData(exchange.evaluate(xoauth2Message("alice", "wrong")));
        assertRejects(exchange, xoauth2Message("alice", "secret"), Reason.MALFORMED);
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
        assertRejects(xoauth2(OPEN), bytes(message), Reason.MALFORMED);
    }
}
