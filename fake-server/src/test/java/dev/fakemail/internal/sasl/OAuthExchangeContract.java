package dev.fakemail.internal.sasl;

import static dev.fakemail.internal.sasl.SaslTesting.FIXED;
import static dev.fakemail.internal.sasl.SaslTesting.assertAccepts;
import static dev.fakemail.internal.sasl.SaslTesting.assertErrorDance;
import static dev.fakemail.internal.sasl.SaslTesting.challengeData;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.internal.auth.UserPolicy;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What OAUTHBEARER and XOAUTH2 have in common: the token is checked as the password, the client may wait for an
 * empty challenge before it sends its response, and refused credentials run an error dance, a challenge with the
 * mechanism's error JSON that the client acknowledges before the exchange fails.
 */
abstract class OAuthExchangeContract {

    private final String mechanism;
    private final BiFunction<String, String, byte[]> message;
    private final String errorJson;
    private final byte[] errorAcknowledgement;

    /**
     * @param message the mechanism's initial response for a user and a token
     * @param errorAcknowledgement what the client sends to end the error dance
     */
    OAuthExchangeContract(String mechanism, BiFunction<String, String, byte[]> message, String errorJson,
            byte[] errorAcknowledgement) {
        this.mechanism = mechanism;
        this.message = message;
        this.errorJson = errorJson;
        this.errorAcknowledgement = errorAcknowledgement;
    }

    private SaslExchange start(UserPolicy users) {
        return SaslTesting.start(mechanism, users);
    }

    private byte[] message(String user, String token) {
        return message.apply(user, token);
    }

    /** Each mechanism's test class has a static acceptedResponses(): the user policy, the response, the user. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedResponses")
    void initialResponseAuthenticates(UserPolicy users, byte[] response, String user) {
        assertAccepts(start(users), response, user);
    }

    @Test
    void fixedUserTokenMustEqualPassword() {
        assertAccepts(start(FIXED), message("alice", "secret"), "alice");
    }

    @Test
    void withoutInitialResponseSendsEmptyChallenge() {
        SaslExchange exchange = start(FIXED);
        assertThat(challengeData(exchange.evaluate(null))).isEmpty();
        assertAccepts(exchange, message("bob", "hunter2"), "bob");
    }

    /** A wrong token and an unknown user both run the error dance. */
    @ParameterizedTest
    @CsvSource({"alice, wrong", "mallory, secret"})
    void refusedCredentialsRunTheErrorDance(String user, String token) {
        assertErrorDance(start(FIXED), message(user, token), errorJson, errorAcknowledgement);
    }
}
