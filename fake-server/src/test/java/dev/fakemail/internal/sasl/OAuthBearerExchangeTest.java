package dev.fakemail.internal.sasl;

import static dev.fakemail.internal.sasl.SaslTesting.FIXED;
import static dev.fakemail.internal.sasl.SaslTesting.OPEN;
import static dev.fakemail.internal.sasl.SaslTesting.assertErrorDance;
import static dev.fakemail.internal.sasl.SaslTesting.assertRejects;
import static dev.fakemail.internal.sasl.SaslTesting.bytes;
import static dev.fakemail.internal.sasl.SaslTesting.challengeData;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.fakemail.internal.auth.UserPolicy;
import dev.fakemail.internal.sasl.SaslStep.Reason;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ValueSource;

class OAuthBearerExchangeTest extends OAuthExchangeContract {
    private static final String ERROR_JSON = "{\"status\":\"invalid_token\",\"schemes\":\"bearer\",\"scope\":\"email\"}";
    private static final byte[] KVSEP = {1};

    OAuthBearerExchangeTest() {
        super("OAUTHBEARER", OAuthBearerExchangeTest::bearerMessage, ERROR_JSON, KVSEP);
    }

    private static SaslExchange oauthBearer(UserPolicy users) {
        return SaslTesting.start("OAUTHBEARER", users);
    }

    private static byte[] bearerMessage(String escapedUser, String token) {
        return bytes("n,a=" + escapedUser + ",\u0001auth=Bearer " + token + "\u0001\u0001");
    }

    /** For the contract's initialResponseAuthenticates: the user policy, the response, the user. */
    static Stream<Arguments> acceptedResponses() {
        // RFC 7628 section 4.1, the client's initial response.
        byte[] rfcExample = bytes("n,a=user@example.com,\u0001host=server.example.com\u0001port=143\u0001"
                + "auth=Bearer vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg==\u0001\u0001");
        return Stream.of(
                arguments(named("open mode accepts any token", OPEN),
                        bearerMessage("user@example.com", "vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg=="), "user@example.com"),
                arguments(named("RFC 7628 example with host and port", OPEN), rfcExample, "user@example.com"),
                arguments(named("client supporting channel binding (flag y)", FIXED),
                        bytes("y,a=alice,\u0001auth=Bearer secret\u0001\u0001"), "alice"),
                arguments(named("authzid escapes are decoded", UserPolicy.fixed(Map.of("a,b=c", "tok"))),
                        bearerMessage("a=2Cb=3Dc", "tok"), "a,b=c"),
                arguments(named("UTF-8 user", FIXED), bearerMessage("jörg", "pässwörd"), "jörg"));
    }

    @Test
    void errorDanceAfterEmptyChallenge() {
        SaslExchange exchange = oauthBearer(FIXED);
        challengeData(exchange.evaluate(null));
        assertErrorDance(exchange, bearerMessage("alice", "wrong"), ERROR_JSON, KVSEP);
    }

    @Test
    void anythingButALoneKvsepAfterTheErrorIsMalformed() {
        SaslExchange exchange = oauthBearer(FIXED);
        challengeData(exchange.evaluate(bearerMessage("alice", "wrong")));
        assertRejects(exchange, new byte[0], Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "\u0001",                                                  // a lone ^A (KVSEP)
            "n,,\u0001auth=Bearer secret\u0001\u0001",                 // no authzid
            "n,alice,\u0001auth=Bearer secret\u0001\u0001",            // authzid without a=
            "n,a=,\u0001auth=Bearer secret\u0001\u0001",               // empty authzid
            "n,a=alice\u0001auth=Bearer secret\u0001\u0001",           // unterminated gs2 header
            "x,a=alice,\u0001auth=Bearer secret\u0001\u0001",          // bad cb flag
            "p=tls-unique,a=alice,\u0001auth=Bearer secret\u0001\u0001", // channel binding
            "F,n,a=alice,\u0001auth=Bearer secret\u0001\u0001",        // non-standard GS2 flag
            "n,a=alice,auth=Bearer secret\u0001\u0001",                // no ^A after the header
            "n,a=al=2cice,\u0001auth=Bearer secret\u0001\u0001",       // lower-case escape
            "n,a=al=ice,\u0001auth=Bearer secret\u0001\u0001",         // bad escape
            "n,a=alice=,\u0001auth=Bearer secret\u0001\u0001",         // truncated escape
            "n,a=alice,\u0001\u0001",                                  // no auth
            "n,a=alice,\u0001host=x\u0001\u0001",                      // no auth, other keys
            "n,a=alice,\u0001auth=Bearer secret\u0001",                // missing final ^A
            "n,a=alice,\u0001auth=Basic secret\u0001\u0001",           // wrong scheme
            "n,a=alice,\u0001auth=Bearer \u0001\u0001",                // empty token
            "n,a=alice,\u0001auth=Bearer secret\u0001auth=Bearer x\u0001\u0001", // duplicate key
            "n,a=alice,\u0001po rt=1\u0001auth=Bearer secret\u0001\u0001",       // non-alpha key
            "user=alice\u0001auth=Bearer secret\u0001\u0001"})         // XOAUTH2 format
    void syntaxErrorsFailDirectly(String message) {
        assertRejects(oauthBearer(OPEN), bytes(message), Reason.MALFORMED);
    }
}
