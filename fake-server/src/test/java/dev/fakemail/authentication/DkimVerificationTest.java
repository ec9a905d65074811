package dev.fakemail.authentication;

import static dev.fakemail.authentication.AuthenticationFixture.dkimpy;
import static dev.fakemail.authentication.AuthenticationFixture.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.fault.FaultRule;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.testsupport.Dial;
import dev.fakemail.testsupport.SmtpConversation;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.james.jdkim.DKIMSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DKIM (RFC 6376, RFC 8463) of captured mail, signed by independent signers: dkimpy and jDKIM's signer. */
class DkimVerificationTest {
    private static final String FROM = "orders@shop.test";
    private final AuthenticationFixture fixture = new AuthenticationFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"relaxed/simple", "simple/simple", "relaxed/relaxed", "simple/relaxed"})
    void rsaSignatureOfDkimpyPasses(String canon) throws Exception {
        DkimKey key = DkimKey.rsa().publish(fixture.zone, "s1", "shop.test");
        String signed = dkimpy(key, "shop.test", "s1", canon, "from:to:subject:message-id",
                message(FROM, "Order 1", "Thanks  for your order.\r\n\r\n\r\n"), false);

        AuthenticationResults results = fixture.sendAndCheck("mx.shop.test", FROM, signed);

        assertThat(results.dkim()).singleElement().satisfies(dkim -> {
            assertThat(dkim.result()).as(dkim.reason()).isEqualTo(AuthResult.PASS);
            assertThat(dkim.domain()).isEqualTo("shop.test");
            assertThat(dkim.selector()).isEqualTo("s1");
            assertThat(dkim.algorithm()).isEqualTo("rsa-sha256");
            assertThat(dkim.reason()).contains("s1._domainkey.shop.test", canon);
        });
        assertThat(results.dkimPassesFor("shop.test")).isTrue();
        assertThat(results.dkimPassesFor("other.test")).isFalse();
    }

    @Test
    void ed25519SignatureOfDkimpyPasses() throws Exception {
        DkimKey key = DkimKey.ed25519().publish(fixture.zone, "ed", "shop.test");
        assertThat(key.publicKeyRecord()).startsWith("v=DKIM1; k=ed25519; p=").hasSize(22 + 44);
        String signed = dkimpy(key, "shop.test", "ed", "relaxed/relaxed", "from:to:subject",
                message(FROM, "Order 2", "Signed with Ed25519.\r\n"), false);

        AuthenticationResults results = fixture.sendAndCheck("mx.shop.test", FROM, signed);

        assertThat(results.dkim()).singleElement().satisfies(dkim -> {
            assertThat(dkim.result()).as(dkim.reason()).isEqualTo(AuthResult.PASS);
            assertThat(dkim.algorithm()).isEqualTo("ed25519-sha256");
        });
    }

    @Test
    void everySignatureGetsItsOwnResultInMessageOrder() throws Exception {
        DkimKey shop = DkimKey.ed25519().publish(fixture.zone, "ed", "shop.test");
        DkimKey esp = DkimKey.rsa().publish(fixture.zone, "esp1", "esp.test");
        DkimKey.rsa().publish(fixture.zone, "gone", "other.test");
        String once = dkimpy(shop, "shop.test", "ed", "relaxed/simple", "from:subject",
                message(FROM, "Newsletter", "Two signatures.\r\n"), false);
        String twice = dkimpy(esp, "esp.test", "esp1", "relaxed/simple", "from:subject", once, false);
        // a third signature whose key is not the one published: it fails, the other two still pass
        String thrice = dkimpy(DkimKey.rsa(), "other.test", "gone", "relaxed/simple", "from", twice, false);

        AuthenticationResults results = fixture.sendAndCheck("mx.shop.test", FROM, thrice);

        assertThat(results.dkim()).extracting(DkimResult::domain).containsExactly("other.test", "esp.test",
                "shop.test");
        assertThat(results.dkim()).extracting(DkimResult::result).containsExactly(AuthResult.FAIL, AuthResult.PASS,
                AuthResult.PASS);
        assertThat(results.dkimResult()).isEqualTo(AuthResult.PASS);
        assertThat(results.dkimPassesFor("esp.test")).isTrue();
        assertThat(results.dkimPassesFor("shop.test")).isTrue();
        assertThat(results.dkimPassesFor("other.test")).isFalse();
    }

    @Test
    void aChangedBodyFailsWithTheBodyHash() throws Exception {
        DkimKey key = DkimKey.rsa().publish(fixture.zone, "s1", "shop.test");
        String signed = dkimpy(key, "shop.test", "s1", "relaxed/simple", "from:to:subject",
                message(FROM, "Invoice", "Amount due: 10 EUR\r\n"), false);

        AuthenticationResults results = fixture.sendAndCheck("mx.shop.test", FROM,
                signed.replace("10 EUR", "99 EUR"));

        assertThat(results.dkim()).singleElement().satisfies(dkim -> {
            assertThat(dkim.result()).isEqualTo(AuthResult.FAIL);
            assertThat(dkim.reason()).startsWith("body hash mismatch (bh=)");
        });
    }

    @Test
    void aChangedSignedHeaderFailsTheSignatureAndNamesTheSignedFields() throws Exception {
        DkimKey key = DkimKey.rsa().publish(fixture.zone, "s1", "shop.test");
        String signed = dkimpy(key, "shop.test", "s1", "relaxed/simple", "from:to:subject",
                message(FROM, "Invoice", "Amount due: 10 EUR\r\n"), false);

        AuthenticationResults results = fixture.sendAndCheck("mx.shop.test", FROM,
                signed.replace("Subject: Invoice", "Subject: Invoice (paid)"));

        assertThat(results.dkim()).singleElement().satisfies(dkim -> {
            assertThat(dkim.result()).isEqualTo(AuthResult.FAIL);
            assertThat(dkim.signedFields()).isEqualTo("from:to:subject");
            assertThat(dkim.reason()).contains("does not verify", "s1._domainkey.shop.test", "(from:to:subject)");
        });
    }

    @Test
    void anUnsignedHeaderMayChange() throws Exception {
        DkimKey key = DkimKey.rsa().publish(fixture.zone, "s1", "shop.test");
        String signed = dkimpy(key, "shop.test", "s1", "relaxed/simple", "from:subject",
                message(FROM, "Invoice", "Amount due: 10 EUR\r\n"), false);

        AuthenticationResults results = fixture.sendAndCheck("mx.shop.test", FROM,
                signed.replace("To: someone@example.test", "To: else@example.test"));

        assertThat(results.dkim()).singleElement().extracting(DkimResult::result).isEqualTo(AuthResult.PASS);
    }

    @Test
    void theWrongKeyFails() throws Exception {
        DkimKey.rsa().publish(fixture.zone, "s1", "shop.test");
        String signed = dkimpy(DkimKey.rsa(), "shop.test", "s1", "relaxed/simple", "from:subject",
                message(FROM, "Receipt", "Signed with a key nobody published.\r\n"), false);

        AuthResult result = fixture.sendAndCheck("mx.shop.test", FROM, signed).dkim().get(0).result();

        assertThat(result).isEqualTo(AuthResult.FAIL);
    }

    @Test
    void bodyLengthLimitLetsAMailingListAppendAFooter() throws Exception {
        DkimKey key = DkimKey.rsa().publish(fixture.zone, "s1", "shop.test");
        String signed = dkimpy(key, "shop.test", "s1", "relaxed/simple", "from:subject",
                message(FROM, "List post", "The original text.\r\n"), true);
        assertThat(signed).contains("l=");

        AuthenticationResults results = fixture.sendAndCheck("mx.shop.test", FROM,
                signed + "-- \r\nThe list's footer, added after signing.\r\n");

        assertThat(results.dkim()).singleElement().extracting(DkimResult::result).isEqualTo(AuthResult.PASS);
    }

    @Test
    void anExpiredSignatureFailsByTheServersClock() throws Exception {
        // The server's clock runs two hours ahead: a signature that expires in an hour has expired for it
        // (and for nobody else, so jDKIM's signer still agrees to make it).
        Instant later = Instant.now().plusSeconds(7200);
        try (AuthenticationFixture ahead = new AuthenticationFixture(Clock.fixed(later, ZoneOffset.UTC))) {
            DkimKey key = DkimKey.rsa().publish(ahead.zone, "s1", "shop.test");
            long expires = Instant.now().plusSeconds(3600).getEpochSecond();
            String message = message(FROM, "Old", "Signed long ago.\r\n");
            DKIMSigner signer = new DKIMSigner("v=1; a=rsa-sha256; c=relaxed/simple; d=shop.test; s=s1; "
                    + "x=" + expires + "; h=from:subject; bh=; b=;", key.privateKey());
            String signature = signer.sign(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));

            AuthenticationResults results = ahead.sendAndCheck("mx.shop.test", FROM, signature + "\r\n" + message);

            assertThat(results.dkim()).singleElement().satisfies(dkim -> {
                assertThat(dkim.result()).isEqualTo(AuthResult.FAIL);
                assertThat(dkim.reason()).isEqualTo("signature expired at " + Instant.ofEpochSecond(expires)
                        + " (x=" + expires + ")");
            });
            key.publish(fixture.zone, "s1", "shop.test");
            assertThat(fixture.sendAndCheck("mx.shop.test", FROM, signature + "\r\n" + message).dkim())
                    .as("the same message on a server whose clock says now").singleElement()
                    .extracting(DkimResult::result).isEqualTo(AuthResult.PASS);
        }
    }

    @Test
    void jdkimsOwnSignaturesPassToo() throws Exception {
        DkimKey key = DkimKey.rsa().publish(fixture.zone, "s1", "shop.test");
        String message = message(FROM, "Java", "Signed in Java.\r\n");
        DKIMSigner signer = new DKIMSigner("v=1; a=rsa-sha256; c=simple/simple; d=shop.test; s=s1; "
                + "h=from:to:subject; bh=; b=;", key.privateKey());
        String signature = signer.sign(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));

        AuthenticationResults results = fixture.sendAndCheck("mx.shop.test", FROM, signature + "\r\n" + message);

        assertThat(results.dkim()).singleElement().extracting(DkimResult::result).isEqualTo(AuthResult.PASS);
    }

    @Test
    void aMissingKeyIsAPermanentErrorAndAServfailATemporaryOne() throws Exception {
        DkimKey key = DkimKey.rsa();
        String signed = dkimpy(key, "shop.test", "s1", "relaxed/simple", "from:subject",
                message(FROM, "No key", "Nobody published the key.\r\n"), false);

        DkimResult missing = fixture.sendAndCheck("mx.shop.test", FROM, signed).dkim().get(0);
        assertThat(missing.result()).isEqualTo(AuthResult.PERMERROR);
        assertThat(missing.reason()).contains("s1._domainkey.shop.test does not exist (NXDOMAIN)");

        key.publish(fixture.zone, "s1", "shop.test");
        fixture.server.faults().add(FaultRule.parse("dns query TXT s1._domainkey.shop.test -> reply SERVFAIL"));
        DkimResult servfail = fixture.sendAndCheck("mx.shop.test", FROM, signed).dkim().get(0);
        assertThat(servfail.result()).isEqualTo(AuthResult.TEMPERROR);
        assertThat(servfail.reason()).contains("could not be fetched", "SERVFAIL");

        fixture.server.faults().clear();
        assertThat(fixture.sendAndCheck("mx.shop.test", FROM, signed).dkim().get(0).result())
                .isEqualTo(AuthResult.PASS);
    }

    @Test
    void aMalformedSignatureIsAPermanentError() throws Exception {
        AuthenticationResults results = fixture.sendAndCheck("mx.shop.test", FROM,
                "DKIM-Signature: v=1; a=rsa-sha256; d=shop.test; s=s1; h=from; bh=AAAA\r\n"
                        + message(FROM, "Broken", "No b= tag.\r\n"));

        assertThat(results.dkim()).singleElement().satisfies(dkim -> {
            assertThat(dkim.result()).isEqualTo(AuthResult.PERMERROR);
            assertThat(dkim.domain()).isEqualTo("shop.test");
            assertThat(dkim.reason()).contains("DKIM-Signature");
        });
    }

    @Test
    void anUnsignedMessageHasNoDkimResultsButIsStillChecked() throws Exception {
        AuthenticationResults results = fixture.sendAndCheck("mx.shop.test", FROM,
                message(FROM, "Plain", "Not signed.\r\n"));

        assertThat(results.dkim()).isEmpty();
        assertThat(results.dkimResult()).isEqualTo(AuthResult.NONE);
        assertThat(results.headerValue("mx.test")).contains("; dkim=none;");
    }

    @Test
    void theTranscriptSaysWhatTheChecksFound() throws Exception {
        DkimKey key = DkimKey.rsa().publish(fixture.zone, "s1", "shop.test");
        String signed = dkimpy(key, "shop.test", "s1", "relaxed/simple", "from:subject",
                message(FROM, "Logged", "Look at the transcript.\r\n"), false);
        ReceivedMessage message = fixture.send("mx.shop.test", FROM, signed);

        String expected = "authentication: " + message.authentication().orElseThrow().headerValue();
        assertThat(expected).startsWith("authentication: fakemail; spf=none smtp.mailfrom=shop.test;");
        assertThat(fixture.server.transcripts()).flatMap(transcript -> transcript.lines())
                .extracting(line -> line.text()).contains(expected);
        assertThat(message.authentication().orElseThrow().headerValue("mx")).contains(
                "dkim=pass header.d=shop.test header.s=s1");
    }

    @Test
    void aServerWithoutAZoneChecksNothing() throws Exception {
        try (FakeMailServer plain = FakeMailServer.builder().smtpPort(0).build().start();
                SmtpConversation smtp = SmtpConversation.openWithEhlo(Dial.to("127.0.0.1", plain.smtp().port()),
                        "mx.shop.test")) {
            smtp.sendMail(FROM, "someone@example.test", message(FROM, "Plain", "No zone."));
            assertThat(plain.messages()).singleElement()
                    .satisfies(message -> assertThat(message.authentication()).isEmpty());
        }
    }
}
