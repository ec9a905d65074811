package dev.fakemail.internal.sasl;

import static dev.fakemail.internal.sasl.SaslTesting.FIXED;
import static dev.fakemail.internal.sasl.SaslTesting.OPEN;
import static dev.fakemail.internal.sasl.SaslTesting.assertAccepts;
import static dev.fakemail.internal.sasl.SaslTesting.assertFailure;
import static dev.fakemail.internal.sasl.SaslTesting.assertFinished;
import static dev.fakemail.internal.sasl.SaslTesting.assertRejects;
import static dev.fakemail.internal.sasl.SaslTesting.bytes;
import static dev.fakemail.internal.sasl.SaslTesting.challengeData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.fakemail.internal.auth.UserPolicy;
import dev.fakemail.internal.sasl.SaslStep.Reason;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlainExchangeTest {

    private static SaslExchange plain(UserPolicy users) {
        return SaslTesting.start("PLAIN", users);
    }

    /** Initial responses that authenticate at once: the user policy, the response, the user it authenticates. */
    static Stream<Arguments> acceptedResponses() {
        return Stream.of(
                arguments(named("open mode accepts any user", OPEN), "\0anybody\0whatever", "anybody"),
                arguments(named("open mode accepts an empty password", OPEN), "\0anybody\0", "anybody"),
                arguments(named("fixed user with the correct password", FIXED), "\0bob\0hunter2", "bob"),
                arguments(named("UTF-8 user and password", FIXED), "\0jörg\0pässwörd", "jörg"),
                arguments(named("authzid equal to the user", FIXED), "alice\0alice\0secret", "alice"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedResponses")
    void initialResponseAuthenticates(UserPolicy users, String response, String user) {
        assertAccepts(plain(users), bytes(response), user);
    }

    @Test
    void withoutInitialResponseSendsEmptyChallengeThenAuthenticates() {
        SaslExchange exchange = plain(FIXED);
        assertThat(challengeData(exchange.evaluate(null))).isEmpty();
        assertAccepts(exchange, bytes("\0alice\0secret"), "alice");
    }

    /** Well-formed initial responses with credentials the policy refuses. */
    static Stream<Arguments> refusedCredentials() {
        return Stream.of(
                arguments(named("wrong password", FIXED), "\0alice\0wrong"),
                arguments(named("password of another user", FIXED), "\0alice\0hunter2"),
                arguments(named("unknown user", FIXED), "\0mallory\0secret"),
                arguments(named("authzid other than the user, fixed users", FIXED), "bob\0alice\0secret"),
                arguments(named("authzid other than the user, open mode", OPEN), "bob\0alice\0secret"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedCredentials")
    void badCredentials(UserPolicy users, String response) {
        assertRejects(plain(users), bytes(response), Reason.BAD_CREDENTIALS);
    }

    static Stream<Named<byte[]>> malformedResponses() {
        Stream<Named<byte[]>> wrongNumberOfNuls = Stream.of("", "alice", "alicesecret", "\0alice", "alice\0secret",
                "\0alice\0secret\0", "a\0alice\0secret\0x", "\0\0\0")
                .map(message -> named("wrong number of NULs: " + message.replace("\0", "\\0"), bytes(message)));
        return Stream.concat(wrongNumberOfNuls, Stream.of(
                named("empty initial response", new byte[0]),
                named("empty user", bytes("\0\0secret")),
                named("invalid UTF-8", new byte[] {0, 'a', (byte) 0xC3, 0, 'p'})));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedResponses")
    void malformedInitialResponse(byte[] response) {
        assertRejects(plain(OPEN), response, Reason.MALFORMED);
    }

    @Test
    void nullAfterTheFirstCallIsMalformed() {
        SaslExchange exchange = plain(OPEN);
        challengeData(exchange.evaluate(null));
        assertFailure(exchange.evaluate(null), Reason.MALFORMED);
        assertFinished(exchange);
    }
}
