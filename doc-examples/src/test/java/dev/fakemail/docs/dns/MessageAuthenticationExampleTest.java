package dev.fakemail.docs.dns;

import static dev.fakemail.junit.MailAssertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.authentication.AuthResult;
import dev.fakemail.authentication.DkimKey;
import dev.fakemail.dns.FakeZone;
import dev.fakemail.docs.ShopApp;
import dev.fakemail.store.MailQuery;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** docs/dns.md: an application's DKIM-signed mail checked against the zone, with the AssertJ assertions. */
class MessageAuthenticationExampleTest {
    @Test
    void theApplicationsSignedMailPassesDkimSpfAndDmarc() {
        FakeZone zone = FakeZone.create()
                .txt("shop.test", "v=spf1 ip4:127.0.0.1 -all")
                .txt("_dmarc.shop.test", "v=DMARC1; p=reject");
        DkimKey key = DkimKey.rsa().publish(zone, "s1", "shop.test");     // s1._domainkey.shop.test
        try (FakeMailServer mail = FakeMailServer.builder().zone(zone).build().start()) {
            ShopApp shop = ShopApp.withSmtp(mail.smtp().host(), mail.smtp().port());

            shop.sendFrom("orders@shop.test");
            shop.signWith("shop.test", "s1", key.privateKeyPem());        // its own signer, its own settings
            shop.sendOrderConfirmation("bob@example.test");

            assertThat(mail.await(MailQuery.to("bob@example.test"), Duration.ofSeconds(5)).get(0))
                    .passesDkimFor("shop.test")
                    .hasSpf(AuthResult.PASS)
                    .hasDmarc(AuthResult.PASS);
        }
    }
}
