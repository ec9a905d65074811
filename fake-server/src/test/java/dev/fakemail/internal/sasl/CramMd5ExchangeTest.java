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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CramMd5ExchangeTest {

    private static SaslExchange cram(UserPolicy users) {
        return SaslMechanisms.start("CRAM-MD5", users, "mail.example.test").orElseThrow();
    }

    /** Computed independently of the implementation, with the JDK's HmacMD5. */
    private static String hmacMd5Hex(String key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacMD5");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacMD5"));
        return HexFormat.of().formatHex(mac.doFinal(data));
    }

    /** HMAC-MD5 written out from RFC 2104, for keys the JDK's SecretKeySpec refuses (the empty key). */
    private static String rfc2104HmacMd5Hex(byte[] key, byte[] data) throws Exception {
        byte[] block = new byte[64];
        System.arraycopy(key, 0, block, 0, key.length);
        byte[] ipad = new byte[64];
        byte[] opad = new byte[64];
        for (int i = 0; i < 64; i++) {
            ipad[i] = (byte) (block[i] ^ 0x36);
            opad[i] = (byte) (block[i] ^ 0x5c);
        }
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(ipad);
        byte[] inner = md5.digest(data);
        md5.update(opad);
        return HexFormat.of().formatHex(md5.digest(inner));
    }

    @Test
    void rfc2195ExampleDigest() throws Exception {
        // The worked example from RFC 2195 section 2 checks our independent test HMAC helper itself.
        assertThat(hmacMd5Hex("tanstaaftanstaaf", bytes("<1896.697170952@postoffice.reston.mci.net>")))
                .isEqualTo("b913a602c7eda7a495b4e6e7334d3890");
    }

    @Test
    void challengeHasTheRfcShapeAndNamesTheServer() {
        String challenge = new String(challengeData(cram(OPEN).evaluate(null)), StandardCharsets.UTF_8);
        assertThat(challenge).matches("<[0-9]+\\.[0-9]+@mail\\.example\\.test>");
    }

    @Test
    void challengesAreUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            seen.add(new String(challengeData(cram(OPEN).evaluate(null)), StandardCharsets.UTF_8));
        }
        assertThat(seen).hasSize(500);
    }

    @Test
    void fixedUserWithCorrectDigest() throws Exception {
        SaslExchange exchange = cram(FIXED);
        byte[] challenge = challengeData(exchange.evaluate(null));
        assertSuccess(exchange.evaluate(bytes("alice " + hmacMd5Hex("secret", challenge))), "alice");
        assertFinished(exchange);
    }

    @Test
    void utf8UserAndPassword() throws Exception {
        SaslExchange exchange = cram(FIXED);
        byte[] challenge = challengeData(exchange.evaluate(null));
        assertSuccess(exchange.evaluate(bytes("jörg " + hmacMd5Hex("pässwörd", challenge))), "jörg");
    }

    @Test
    void userNameWithSpaces() throws Exception {
        SaslExchange exchange = cram(UserPolicy.fixed(Map.of("john doe", "pw")));
        byte[] challenge = challengeData(exchange.evaluate(null));
        assertSuccess(exchange.evaluate(bytes("john doe " + hmacMd5Hex("pw", challenge))), "john doe");
    }

    @Test
    void emptyPassword() throws Exception {
        SaslExchange exchange = cram(UserPolicy.fixed(Map.of("nopw", "")));
        byte[] challenge = challengeData(exchange.evaluate(null));
        assertSuccess(exchange.evaluate(bytes("nopw " + rfc2104HmacMd5Hex(new byte[0], challenge))), "nopw");
    }

    @Test
    void digestOverADifferentChallengeIsRejected() throws Exception {
        SaslExchange first = cram(FIXED);
        byte[] firstChallenge = challengeData(first.evaluate(null));
        SaslExchange second = cram(FIXED);
        challengeData(second.evaluate(null));
        assertFailure(second.evaluate(bytes("alice " + hmacMd5Hex("secret", firstChallenge))),
                Reason.BAD_CREDENTIALS);
    }

    @Test
    void wrongPassword() throws Exception {
        SaslExchange exchange = cram(FIXED);
        byte[] challenge = challengeData(exchange.evaluate(null));
        assertFailure(exchange.evaluate(bytes("alice " + hmacMd5Hex("wrong", challenge))), Reason.BAD_CREDENTIALS);
        assertFinished(exchange);
    }

    @Test
    void unknownUserWithFixedUsers() throws Exception {
        SaslExchange exchange = cram(FIXED);
        byte[] challenge = challengeData(exchange.evaluate(null));
        assertFailure(exchange.evaluate(bytes("mallory " + hmacMd5Hex("secret", challenge))),
                Reason.BAD_CREDENTIALS);
    }

    @Test
    void openModeAcceptsAnySyntacticallyValidDigest() {
        SaslExchange exchange = cram(OPEN);
        challengeData(exchange.evaluate(null));
        assertSuccess(exchange.evaluate(bytes("anyone 0123456789abcdef0123456789abcdef")), "anyone");
    }

    @Test
    void upperCaseDigestIsMalformed() throws Exception {
        SaslExchange exchange = cram(FIXED);
        byte[] challenge = challengeData(exchange.evaluate(null));
        String digest = hmacMd5Hex("secret", challenge).toUpperCase(Locale.ROOT);
        assertFailure(exchange.evaluate(bytes("alice " + digest)), Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "alice 0123456789abcdef0123456789abcde",      // 31 digits
            "alice 0123456789abcdef0123456789abcdef0",    // 33 digits
            "alice 0123456789abcdef0123456789abcdeg",     // not hex
            "alice 0123456789abcdef0123456789abcdef ",    // trailing space, empty digest
            "alice",                                      // no digest
            "0123456789abcdef0123456789abcdef",           // no user
            " 0123456789abcdef0123456789abcdef",          // empty user
            ""})
    void malformedResponses(String response) {
        SaslExchange exchange = cram(OPEN);
        challengeData(exchange.evaluate(null));
        assertFailure(exchange.evaluate(bytes(response)), Reason.MALFORMED);
        assertFinished(exchange);
    }

    @Test
    void initialResponseIsNotAllowed() {
        SaslExchange exchange = cram(OPEN);
        assertFailure(exchange.evaluate(bytes("anyone 0123456789abcdef0123456789abcdef")), Reason.MALFORMED);
        assertFinished(exchange);
    }

    @Test
    void emptyInitialResponseIsNotAllowed() {
        assertFailure(cram(OPEN).evaluate(new byte[0]), Reason.MALFORMED);
    }

    @Test
    void blankServerNameFallsBackToLocalhost() {
        SaslExchange exchange = SaslMechanisms.start("CRAM-MD5", OPEN, " ").orElseThrow();
        assertThat(new String(challengeData(exchange.evaluate(null)), StandardCharsets.UTF_8)).endsWith("@localhost>");
    }
}
