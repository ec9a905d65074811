package dev.fakemail.internal.sasl;

import static dev.fakemail.internal.sasl.SaslTesting.OPEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.internal.sasl.SaslStep.Challenge;
import dev.fakemail.internal.sasl.SaslStep.Failure;
import dev.fakemail.internal.sasl.SaslStep.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SaslMechanismsTest {

    @Test
    void advertisesMechanismsInOrder() {
        assertThat(SaslMechanisms.supported()).containsExactly("PLAIN", "LOGIN", "CRAM-MD5", "XOAUTH2", "OAUTHBEARER");
    }

    @Test
    void supportedListIsImmutable() {
        assertThatThrownBy(() -> SaslMechanisms.supported().add("GSSAPI"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void everyAdvertisedMechanismCanBeStartedAndReportsItsName() {
        for (String name : SaslMechanisms.supported()) {
            assertThat(SaslMechanisms.start(name, OPEN, "host")).hasValueSatisfying(
                    exchange -> assertThat(exchange.mechanism()).isEqualTo(name));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "Plain", "login", "cram-md5", "Cram-Md5", "xoauth2", "oAuthBearer"})
    void lookupIsCaseInsensitiveAndNameIsUpperCase(String name) {
        assertThat(SaslMechanisms.start(name, OPEN, "host")).hasValueSatisfying(
                exchange -> assertThat(exchange.mechanism()).isEqualTo(name.toUpperCase(java.util.Locale.ROOT)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GSSAPI", "DIGEST-MD5", "SCRAM-SHA-256", "ANONYMOUS", "", "PLAIN ", "CRAM_MD5"})
    void unknownMechanismIsEmpty(String name) {
        assertThat(SaslMechanisms.start(name, OPEN, "host")).isEmpty();
    }

    @Test
    void eachStartIsAFreshExchange() {
        SaslExchange first = SaslMechanisms.start("PLAIN", OPEN, "host").orElseThrow();
        SaslExchange second = SaslMechanisms.start("PLAIN", OPEN, "host").orElseThrow();
        assertThat(first).isNotSameAs(second);
        SaslTesting.assertSuccess(first.evaluate(SaslTesting.bytes("\0a\0b")), "a");
        SaslTesting.assertSuccess(second.evaluate(SaslTesting.bytes("\0c\0d")), "c");
    }

    @Test
    void rejectsNullArguments() {
        assertThatThrownBy(() -> SaslMechanisms.start(null, OPEN, "host")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SaslMechanisms.start("PLAIN", null, "host")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SaslMechanisms.start("PLAIN", OPEN, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void challengeCopiesItsBytesAndComparesByContent() {
        byte[] data = {1, 2, 3};
        Challenge challenge = new Challenge(data);
        data[0] = 9;
        assertThat(challenge.data()).containsExactly(1, 2, 3);
        challenge.data()[1] = 9;
        assertThat(challenge.data()).containsExactly(1, 2, 3);
        assertThat(challenge).isEqualTo(new Challenge(new byte[] {1, 2, 3}))
                .hasSameHashCodeAs(new Challenge(new byte[] {1, 2, 3}))
                .isNotEqualTo(new Challenge(new byte[] {1, 2}));
    }

    @Test
    void failureRequiresReasonAndDetail() {
        assertThatThrownBy(() -> new Failure(null, "x")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Failure(Reason.MALFORMED, null)).isInstanceOf(NullPointerException.class);
    }
}
