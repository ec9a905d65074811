package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.FakeMailServer;
import dev.fakemail.authentication.DkimKey;
import dev.fakemail.dns.FakeZone;
import dev.fakemail.store.MailQuery;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code authentication} in a message's JSON: the checks against the fake zone, with their reasons. */
@Timeout(60)
class AuthenticationApiTest {
    private final FakeZone zone = FakeZone.create().txt("shop.test", "v=spf1 ip4:127.0.0.1 -all")
            .txt("_dmarc.shop.test", "v=DMARC1; p=reject");
    @RegisterExtension
    final RunningInbox inbox = new RunningInbox(server -> server.smtpPort(0).zone(zone));

    private JsonNode detailOf(String message) throws Exception {
        int before = inbox.mail().messages().size();
        RawSmtp.send("127.0.0.1", inbox.mail().smtp().port(), "bounce@shop.test", "you@example.test", message);
        long id = inbox.mail().await(MailQuery.all(), before + 1, Duration.ofSeconds(10)).get(before).id();
        return inbox.http().json("/api/messages/" + id);
    }

    @Test
    void aSignedMessageSaysWhatPassedAndWhy() throws Exception {
        DkimKey key = DkimKey.rsa().publish(zone, "s1", "shop.test");

        JsonNode auth = detailOf(SignedMail.signed(key, "Order 7", "Thanks.")).get("authentication");

        assertThat(auth.get("spf").asText()).isEqualTo("pass");
        assertThat(auth.get("dkim").asText()).isEqualTo("pass");
        assertThat(auth.get("dmarc").asText()).isEqualTo("pass");
        assertThat(auth.at("/mailFrom/domain").asText()).isEqualTo("shop.test");
        assertThat(auth.at("/mailFrom/record").asText()).isEqualTo("v=spf1 ip4:127.0.0.1 -all");
        assertThat(auth.at("/helo/identity").asText()).isEqualTo("helo");
        assertThat(auth.get("signatures")).hasSize(1);
        assertThat(auth.at("/signatures/0/domain").asText()).isEqualTo("shop.test");
        assertThat(auth.at("/signatures/0/selector").asText()).isEqualTo("s1");
        assertThat(auth.at("/signatures/0/signedFields").asText()).isEqualTo("from:to:subject");
        assertThat(auth.at("/policy/policy").asText()).isEqualTo("reject");
        assertThat(auth.at("/policy/reason").asText()).startsWith("DKIM d=shop.test passed and is aligned");
        assertThat(auth.get("header").asText()).startsWith("fakemail; spf=pass smtp.mailfrom=shop.test;")
                .contains("dkim=pass header.d=shop.test header.s=s1", "dmarc=pass (p=reject) header.from=shop.test");
    }

    @Test
    void aTamperedMessageSaysWhichCheckFailedAndWhy() throws Exception {
        DkimKey key = DkimKey.rsa().publish(zone, "s1", "shop.test");

        JsonNode auth = detailOf(SignedMail.signed(key, "Invoice", "Total: 10 EUR").replace("10 EUR", "99 EUR"))
                .get("authentication");

        assertThat(auth.get("dkim").asText()).isEqualTo("fail");
        assertThat(auth.at("/signatures/0/reason").asText()).startsWith("body hash mismatch (bh=)");
        assertThat(auth.get("dmarc").asText()).as("SPF still passes, aligned").isEqualTo("pass");
    }

    @Test
    void withoutAZoneAuthenticationIsNull() throws Exception {
        try (FakeMailServer plain = FakeMailServer.builder().smtpPort(0).build().start();
                WebInbox plainWeb = WebInbox.start(plain)) {
            RawSmtp.send("127.0.0.1", plain.smtp().port(), "a@shop.test", "b@example.test", "Subject: x\n\nbody\n");
            long id = plain.await(MailQuery.all(), 1, Duration.ofSeconds(10)).get(0).id();
            JsonNode detail = new Http(plainWeb).json("/api/messages/" + id);
            assertThat(detail.has("authentication")).isTrue();
            assertThat(detail.get("authentication").isNull()).isTrue();
        }
    }
}
