package dev.fakemail.junit;

import static dev.fakemail.junit.MailAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.FakeMailServer;
import dev.fakemail.authentication.AuthResult;
import dev.fakemail.authentication.DkimKey;
import dev.fakemail.dns.FakeZone;
import dev.fakemail.junit.support.RawSmtp;
import dev.fakemail.store.MailQuery;
import dev.fakemail.store.ReceivedMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.james.jdkim.DKIMSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** passesDkimFor, hasSpf and hasDmarc: passing, and failing with the signature, record or reason at fault. */
class AuthenticationAssertTest {
    private final FakeZone zone = FakeZone.create().txt("shop.test", "v=spf1 ip4:192.0.2.1 -all")
            .txt("_dmarc.shop.test", "v=DMARC1; p=reject; adkim=s");
    private final DkimKey key = DkimKey.rsa().publish(zone, "s1", "shop.test");
    private final FakeMailServer mail = FakeMailServer.builder().smtpPort(0).zone(zone).build().start();

    @AfterEach
    void stop() {
        mail.close();
    }

    private ReceivedMessage send(String signingDomain, String body, String sentBody) throws Exception {
        String message = "From: orders@shop.test\r\nTo: bob@example.test\r\nSubject: Order\r\n\r\n" + body + "\r\n";
        DKIMSigner signer = new DKIMSigner("v=1; a=rsa-sha256; c=relaxed/simple; d=" + signingDomain
                + "; s=s1; h=from:to:subject; bh=; b=;", key.privateKey());
        String signed = signer.sign(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8))) + "\r\n"
                + message.replace(body, sentBody);
        int before = mail.messages().size();
        List<String> replies = RawSmtp.talk(mail.smtp(), "EHLO mx.shop.test", "MAIL FROM:<bounce@shop.test>",
                "RCPT TO:<bob@example.test>", "DATA", signed + ".", "QUIT");
        assertThat(replies.get(5)).startsWith("250");
        return mail.await(MailQuery.all(), before + 1, Duration.ofSeconds(10)).get(before);
    }

    @Test
    void whatHoldsPasses() throws Exception {
        ReceivedMessage order = send("shop.test", "Thanks.", "Thanks.");

        assertThat(order).passesDkimFor("shop.test").hasSpf(AuthResult.FAIL).hasDmarc(AuthResult.PASS);
    }

    @Test
    void aFailedSignatureSaysWhy() throws Exception {
        ReceivedMessage order = send("shop.test", "Total: 10 EUR", "Total: 99 EUR");

        assertThatThrownBy(() -> assertThat(order).passesDkimFor("shop.test"))
                .hasMessageContaining("to pass DKIM for shop.test")
                .hasMessageContaining("but its signature d=shop.test s=s1 (rsa-sha256) is fail: body hash mismatch (bh=)");
    }

    @Test
    void aSignatureOfAnotherDomainIsNamed() throws Exception {
        ReceivedMessage order = send("mail.shop.test", "Thanks.", "Thanks.");

        assertThatThrownBy(() -> assertThat(order).passesDkimFor("shop.test"))
                .hasMessageContaining("but it has no signature of shop.test; its signatures: d=mail.shop.test (permerror)");
    }

    @Test
    void spfAndDmarcFailuresQuoteTheReasonAndRecord() throws Exception {
        ReceivedMessage order = send("mail.shop.test", "Thanks.", "Thanks.");

        assertThatThrownBy(() -> assertThat(order).hasSpf(AuthResult.PASS))
                .hasMessageContaining("to have SPF pass for shop.test")
                .hasMessageContaining("but SPF was fail: shop.test does not designate 127.0.0.1 as a permitted sender")
                .hasMessageContaining("v=spf1 ip4:192.0.2.1 -all");
        assertThatThrownBy(() -> assertThat(order).hasDmarc(AuthResult.PASS))
                .hasMessageContaining("to have DMARC pass for From shop.test")
                .hasMessageContaining("but DMARC was fail: nothing aligned with From shop.test")
                .hasMessageContaining("(record 'v=DMARC1; p=reject; adkim=s')");
    }

    @Test
    void aServerWithoutAZoneSaysSo() {
        try (FakeMailServer plain = FakeMailServer.builder().smtpPort(0).build().start()) {
            RawSmtp.send(plain.smtp(), "orders@shop.test", "bob@example.test", "Plain");
            ReceivedMessage message = plain.await(MailQuery.all(), 1, Duration.ofSeconds(10)).get(0);

            assertThatThrownBy(() -> assertThat(message).hasDmarc(AuthResult.PASS))
                    .hasMessageContaining("but the server checked nothing: it has no fake DNS zone");
        }
    }
}
