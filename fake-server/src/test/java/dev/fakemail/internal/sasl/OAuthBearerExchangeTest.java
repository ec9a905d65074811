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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OAuthBearerExchangeTest {
    private static final String ERROR_JSON = "{\"status\":\"invalid_token\",\"schemes\":\"bearer\",\"scope\":\"email\"}";
    private static final byte[] KVSEP = {1};

    private static SaslExchange oauthBearer(UserPolicy users) {
        return SaslTesting.start("OAUTHBEARER", users);
    }

    private static byte[] message(String escapedUser, String token) {
        return bytes("n,a=" + escapedUser + ",\u0001auth=Bearer " + token + "\u0001\u0001");
    }

    @Test
    void openModeAcceptsAnyToken() {
        SaslExchange exchange = oauthBearer(OPEN);
        assertSuccess(exchange.evaluate(message("user@example.com", "vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg==")),
                "user@example.com");
        assertFinished(exchange);
    }

    @Test
    void rfc7628ExampleWithHostAndPort() {
        // RFC 7628 section 4.1, the client's initial response.
        byte[] rfcExample = bytes("n,a=user@example.com,\u0001host=server.example.com\u0001port=143\u0001"
                + "auth=Bearer vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg==\u0001\u0001");
        assertSuccess(oauthBearer(OPEN).evaluate(rfcExample), "user@example.com");
    }

    @Test
    void fixedUserTokenMustEqualPassword() {
        assertSuccess(oauthBearer(FIXED).evaluate(message("alice", "secret")), "alice");
    }

    @Test
    void withoutInitialResponseSendsEmptyChallenge() {
        SaslExchange exchange = oauthBearer(FIXED);
        assertThat(challengeData(exchange.evaluate(null))).isEmpty();
        assertSuccess(exchange.evaluate(message("bob", "hunter2")), "bob");
    }

    @Test
    void clientSupportingChannelBindingFlagYIsAccepted() {
        assertSuccess(oauthBearer(FIXED).evaluate(bytes("y,a=alice,\u0001auth=Bearer secret\u0001\u0001")), "alice");
    }

    @Test
    void authzidEscapesAreDecoded() {
        UserPolicy users = UserPolicy.fixed(Map.of("a,b=c", "tok"));
        assertSuccess(oauthBearer(users).evaluate(message("a=2Cb=3Dc", "tok")), "a,b=c");
    }

    @Test
    void utf8User() {
        assertSuccess(oauthBearer(FIXED).evaluate(message("jörg", "pässwörd")), "jörg");
    }

    @Test
    void wrongTokenRunsTheErrorDance() {
        SaslExchange exchange = oauthBearer(FIXED);
        assertThat(challengeText(exchange.evaluate(message("alice", "wrong")))).isEqualTo(ERROR_JSON);
        assertFailure(exchange.evaluate(KVSEP), Reason.BAD_CREDENTIALS);
        assertFinished(exchange);
    }

    @Test
    void unknownUserRunsTheErrorDance() {
        SaslExchange exchange = oauthBearer(FIXED);
        assertThat(challengeText(exchange.evaluate(message("mallory", "secret")))).isEqualTo(ERROR_JSON);
        assertFailure(exchange.evaluate(KVSEP), Reason.BAD_CREDENTIALS);
    }

    @Test
    void errorDanceAfterEmptyChallenge() {
        SaslExchange exchange = oauthBearer(FIXED);
        challengeData(exchange.evaluate(null));
        assertThat(challengeText(exchange.evaluate(message("alice", "wrong")))).isEqualTo(ERROR_JSON);
        assertFailure(exchange.evaluate(KVSEP), Reason.BAD_CREDENTIALS);
    }

    @Test
    void anythingButALoneKvsepAfterTheErrorIsMalformed() {
        SaslExchange exchange = oauthBearer(FIXED);
        challengeData(exchange.evaluate(message("alice", "wrong")));
        assertFailure(exchange.evaluate(new byte[0]), Reason.MALFORMED);
        assertFinished(exchange);
    }

    @Test
    void loneKvsepAsInitialResponseIsMalformed() {
        assertFailure(oauthBearer(OPEN).evaluate(KVSEP), Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
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
        SaslExchange exchange = oauthBearer(OPEN);
        assertFailure(exchange.evaluate(bytes(message)), Reason.MALFORMED);
        assertFinished(exchange);
    }
}
