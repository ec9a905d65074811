package dev.fakemail.internal.sasl;

import static dev.fakemail.internal.sasl.SaslTesting.FIXED;
import static dev.fakemail.internal.sasl.SaslTesting.OPEN;
import static dev.fakemail.internal.sasl.SaslTesting.assertAccepts;
import static dev.fakemail.internal.sasl.SaslTesting.assertFailure;
import static dev.fakemail.internal.sasl.SaslTesting.assertRejects;
import static dev.fakemail.internal.sasl.SaslTesting.bytes;
import static dev.fakemail.internal.sasl.SaslTesting.challengeText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.fakemail.internal.auth.UserPolicy;
import dev.fakemail.internal.sasl.SaslStep.Reason;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LoginExchangeTest {

    private static SaslExchange login(UserPolicy users) {
        return SaslTesting.start("LOGIN", users);
    }

    /**
     * Starts an exchange and gives it the user name, either as the initial response or as the answer to the
     * "Username:" prompt, and checks that it then prompts for the password.
     */
    private static SaslExchange promptedForPassword(UserPolicy users, boolean userNameAsInitialResponse, String user) {
        SaslExchange exchange = login(users);
        if (!userNameAsInitialResponse) {
            assertThat(challengeText(exchange.evaluate(null))).isEqualTo("Username:");
        }
        assertThat(challengeText(exchange.evaluate(bytes(user)))).isEqualTo("Password:");
        return exchange;
    }

    /** The user policy, whether the user name is the initial response, the user name and the password. */
    static Stream<Arguments> acceptedCredentials() {
        return Stream.of(
                arguments(named("full dialogue with a fixed user", FIXED), false, "alice", "secret"),
                arguments(named("the initial response is the user name", FIXED), true, "bob", "hunter2"),
                arguments(named("open mode accepts any password, even empty", OPEN), false, "someone@example.test", ""),
                arguments(named("UTF-8 credentials", FIXED), true, "jörg", "pässwörd"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedCredentials")
    void passwordAuthenticates(UserPolicy users, boolean userNameAsInitialResponse, String user, String password) {
        assertAccepts(promptedForPassword(users, userNameAsInitialResponse, user), bytes(password), user);
    }

    static Stream<Arguments> refusedCredentials() {
        return Stream.of(
                arguments(named("wrong password", FIXED), false, "alice", "nope"),
                arguments(named("unknown user", FIXED), true, "mallory", "secret"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedCredentials")
    void passwordIsRefused(UserPolicy users, boolean userNameAsInitialResponse, String user, String password) {
        assertRejects(promptedForPassword(users, userNameAsInitialResponse, user), bytes(password),
                Reason.BAD_CREDENTIALS);
    }

    @Test
    void emptyUserNameIsMalformed() {
        SaslExchange exchange = login(OPEN);
        exchange.evaluate(null);
        assertRejects(exchange, new byte[0], Reason.MALFORMED);
    }

    @Test
    void emptyInitialResponseIsMalformed() {
        assertRejects(login(OPEN), new byte[0], Reason.MALFORMED);
    }

    @Test
    void invalidUtf8UserNameIsMalformed() {
        assertRejects(login(OPEN), new byte[] {(byte) 0xFF, 'a'}, Reason.MALFORMED);
    }

    @Test
    void missingPasswordResponseIsMalformed() {
        SaslExchange exchange = login(OPEN);
        exchange.evaluate(bytes("alice"));
        assertFailure(exchange.evaluate(null), Reason.MALFORMED);
    }
}
