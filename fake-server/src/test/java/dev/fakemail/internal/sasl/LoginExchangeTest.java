package dev.fakemail.internal.sasl;

import static dev.fakemail.internal.sasl.SaslTesting.FIXED;
import static dev.fakemail.internal.sasl.SaslTesting.OPEN;
import static dev.fakemail.internal.sasl.SaslTesting.assertFailure;
import static dev.fakemail.internal.sasl.SaslTesting.assertFinished;
import static dev.fakemail.internal.sasl.SaslTesting.assertSuccess;
import static dev.fakemail.internal.sasl.SaslTesting.bytes;
import static dev.fakemail.internal.sasl.SaslTesting.challengeText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.internal.auth.UserPolicy;
import dev.fakemail.internal.sasl.SaslStep.Reason;
import org.junit.jupiter.api.Test;

class LoginExchangeTest {

    private static SaslExchange login(UserPolicy users) {
        return SaslTesting.start("LOGIN", users);
    }

    @Test
    void fullDialogueWithFixedUser() {
        SaslExchange exchange = login(FIXED);
        assertThat(challengeText(exchange.evaluate(null))).isEqualTo("Username:");
        assertThat(challengeText(exchange.evaluate(bytes("alice")))).isEqualTo("Password:");
        assertSuccess(exchange.evaluate(bytes("secret")), "alice");
        assertFinished(exchange);
    }

    @Test
    void initialResponseIsTheUserName() {
        SaslExchange exchange = login(FIXED);
        assertThat(challengeText(exchange.evaluate(bytes("bob")))).isEqualTo("Password:");
        assertSuccess(exchange.evaluate(bytes("hunter2")), "bob");
    }

    @Test
    void openModeAcceptsAnyPasswordIncludingEmpty() {
        SaslExchange exchange = login(OPEN);
        exchange.evaluate(null);
        exchange.evaluate(bytes("someone@example.test"));
        assertSuccess(exchange.evaluate(new byte[0]), "someone@example.test");
    }

    @Test
    void utf8Credentials() {
        SaslExchange exchange = login(FIXED);
        exchange.evaluate(bytes("jörg"));
        assertSuccess(exchange.evaluate(bytes("pässwörd")), "jörg");
    }

    @Test
    void wrongPassword() {
        SaslExchange exchange = login(FIXED);
        exchange.evaluate(null);
        exchange.evaluate(bytes("alice"));
        assertFailure(exchange.evaluate(bytes("nope")), Reason.BAD_CREDENTIALS);
        assertFinished(exchange);
    }

    @Test
    void unknownUser() {
        SaslExchange exchange = login(FIXED);
        assertThat(challengeText(exchange.evaluate(bytes("mallory")))).isEqualTo("Password:");
        assertFailure(exchange.evaluate(bytes("secret")), Reason.BAD_CREDENTIALS);
    }

    @Test
    void emptyUserNameIsMalformed() {
        SaslExchange exchange = login(OPEN);
        exchange.evaluate(null);
        assertFailure(exchange.evaluate(new byte[0]), Reason.MALFORMED);
        assertFinished(exchange);
    }

    @Test
    void emptyInitialResponseIsMalformed() {
        assertFailure(login(OPEN).evaluate(new byte[0]), Reason.MALFORMED);
    }

    @Test
    void invalidUtf8UserNameIsMalformed() {
        assertFailure(login(OPEN).evaluate(new byte[] {(byte) 0xFF, 'a'}), Reason.MALFORMED);
    }

    @Test
    void missingPasswordResponseIsMalformed() {
        SaslExchange exchange = login(OPEN);
        exchange.evaluate(bytes("alice"));
        assertFailure(exchange.evaluate(null), Reason.MALFORMED);
    }
}
