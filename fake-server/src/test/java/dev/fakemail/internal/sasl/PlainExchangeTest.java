package dev.fakemail.internal.sasl;

import static dev.fakemail.internal.sasl.SaslTesting.FIXED;
import static dev.fakemail.internal.sasl.SaslTesting.OPEN;
import static dev.fakemail.internal.sasl.SaslTesting.assertFailure;
import static dev.fakemail.internal.sasl.SaslTesting.assertFinished;
import static dev.fakemail.internal.sasl.SaslTesting.assertSuccess;
import static dev.fakemail.internal.sasl.SaslTesting.bytes;
import static dev.fakemail.internal.sasl.SaslTesting.challengeData;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.internal.auth.UserPolicy;
import dev.fakemail.internal.sasl.SaslStep.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainExchangeTest {

    private static SaslExchange plain(UserPolicy users) {
        return SaslTesting.start("PLAIN", users);
    }

    @Test
    void openModeAcceptsAnyUserWithInitialResponse() {
        SaslExchange exchange = plain(OPEN);
        assertSuccess(exchange.evaluate(bytes("\0anybody\0whatever")), "anybody");
        assertFinished(exchange);
    }

    @Test
    void openModeAcceptsEmptyPassword() {
        assertSuccess(plain(OPEN).evaluate(bytes("\0anybody\0")), "anybody");
    }

    @Test
    void withoutInitialResponseSendsEmptyChallengeThenAuthenticates() {
        SaslExchange exchange = plain(FIXED);
        assertThat(challengeData(exchange.evaluate(null))).isEmpty();
        assertSuccess(exchange.evaluate(bytes("\0alice\0secret")), "alice");
        assertFinished(exchange);
    }

    @Test
    void fixedUsersWithCorrectPassword() {
        assertSuccess(plain(FIXED).evaluate(bytes("\0bob\0hunter2")), "bob");
    }

    @Test
    void utf8UserAndPassword() {
        assertSuccess(plain(FIXED).evaluate(bytes("\0jörg\0pässwörd")), "jörg");
    }

    @Test
    void wrongPassword() {
        SaslExchange exchange = plain(FIXED);
        assertFailure(exchange.evaluate(bytes("\0alice\0wrong")), Reason.BAD_CREDENTIALS);
        assertFinished(exchange);
    }

    @Test
    void passwordOfAnotherUserIsRejected() {
        assertFailure(plain(FIXED).evaluate(bytes("\0alice\0hunter2")), Reason.BAD_CREDENTIALS);
    }

    @Test
    void unknownUser() {
        assertFailure(plain(FIXED).evaluate(bytes("\0mallory\0secret")), Reason.BAD_CREDENTIALS);
    }

    @Test
    void authzidEqualToUserIsAccepted() {
        assertSuccess(plain(FIXED).evaluate(bytes("alice\0alice\0secret")), "alice");
    }

    @Test
    void differentAuthzidIsRejectedInBothModes() {
        assertFailure(plain(FIXED).evaluate(bytes("bob\0alice\0secret")), Reason.BAD_CREDENTIALS);
        assertFailure(plain(OPEN).evaluate(bytes("bob\0alice\0secret")), Reason.BAD_CREDENTIALS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "alice", "alicesecret", "\0alice", "alice\0secret", "\0alice\0secret\0",
            "a\0alice\0secret\0x", "\0\0\0"})
    void wrongNumberOfNulsIsMalformed(String message) {
        SaslExchange exchange = plain(OPEN);
        assertFailure(exchange.evaluate(bytes(message)), Reason.MALFORMED);
        assertFinished(exchange);
    }

    @Test
    void emptyInitialResponseIsMalformed() {
        assertFailure(plain(OPEN).evaluate(new byte[0]), Reason.MALFORMED);
    }

    @Test
    void emptyUserIsMalformed() {
        assertFailure(plain(OPEN).evaluate(bytes("\0\0secret")), Reason.MALFORMED);
    }

    @Test
    void invalidUtf8IsMalformed() {
        assertFailure(plain(OPEN).evaluate(new byte[] {0, 'a', (byte) 0xC3, 0, 'p'}), Reason.MALFORMED);
    }

    @Test
    void nullAfterTheFirstCallIsMalformed() {
        SaslExchange exchange = plain(OPEN);
        challengeData(exchange.evaluate(null));
        assertFailure(exchange.evaluate(null), Reason.MALFORMED);
        assertFinished(exchange);
    }
}
