package dev.fakemail.authentication;

import static dev.fakemail.authentication.AuthenticationFixture.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.fault.FaultRule;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.apache.james.jdkim.DKIMSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DMARC (RFC 7489): an SPF or DKIM pass aligned with the From domain, strict or relaxed; the policy found. */
class DmarcCheckTest {
    private final AuthenticationFixture fixture = new AuthenticationFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    /** A message from {@code from}, DKIM-signed for {@code signingDomain} (none if empty), sent as {@code mailFrom}. */
    private DmarcResult dmarc(String from, String signingDomain, String mailFrom) throws Exception {
        String message = message(from, "DMARC", "Aligned or not.\r\n");
        if (!signingDomain.isEmpty()) {
            DkimKey key = DkimKey.rsa().publish(fixture.zone, "s1", signingDomain);
            DKIMSigner signer = new DKIMSigner("v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + signingDomain
                    + "; s=s1; h=from:subject; bh=; b=;", key.privateKey());
            message = signer.sign(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8))) + "\r\n"
                    + message;
        }
        return fixture.sendAndCheck("mx.shop.test", mailFrom, message).dmarc();
    }

    @ParameterizedTest(name = "{0}: From {1}, DKIM d={2}, MAIL FROM {3} -> {4}")
    @CsvSource(delimiter = '|', value = {
        "v=DMARC1; p=reject              | shop.test      | shop.test      | bounce@other.test      | PASS",
        "v=DMARC1; p=reject              | shop.test      | mail.shop.test | bounce@other.test      | PASS",
        "v=DMARC1; p=reject; adkim=s     | shop.test      | mail.shop.test | bounce@other.test      | FAIL",
        "v=DMARC1; p=reject              | shop.test      | esp.test       | bounce@other.test      | FAIL",
        "v=DMARC1; p=reject              | shop.test      | ''             | bounce@mail.shop.test  | PASS",
        "v=DMARC1; p=reject; aspf=s      | shop.test      | ''             | bounce@mail.shop.test  | FAIL",
        "v=DMARC1; p=reject; aspf=s      | shop.test      | ''             | bounce@shop.test       | PASS",
        "v=DMARC1; p=quarantine          | shop.test      | ''             | bounce@other.test      | FAIL",
        "v=DMARC1; p=maybe               | shop.test      | shop.test      | bounce@other.test      | PERMERROR",
        "v=DMARC1; p=reject; adkim=x     | shop.test      | shop.test      | bounce@other.test      | PERMERROR",
        "''                              | shop.test      | shop.test      | bounce@other.test      | NONE",
    })
    void alignment(String record, String from, String signingDomain, String mailFrom, AuthResult expected)
            throws Exception {
        if (!record.isEmpty()) {
            fixture.zone.txt("_dmarc.shop.test", record);
        }
        // SPF passes for 127.0.0.1 wherever it is asked, so only alignment decides
        for (String domain : new String[] {"shop.test", "mail.shop.test", "other.test"}) {
            fixture.zone.txt(domain, "v=spf1 ip4:127.0.0.1 -all");
        }

        DmarcResult dmarc = dmarc("orders@" + from, signingDomain, mailFrom);

        assertThat(dmarc.result()).as(dmarc.reason()).isEqualTo(expected);
        assertThat(dmarc.fromDomain()).isEqualTo(from);
        assertThat(dmarc.record()).isEqualTo(record);
    }

    @Test
    void aFailureSaysWhatDidNotAlignAndThePolicy() throws Exception {
        fixture.zone.txt("_dmarc.shop.test", "v=DMARC1; p=reject; adkim=s");
        fixture.zone.txt("other.test", "v=spf1 ip4:127.0.0.1 -all");

        DmarcResult dmarc = dmarc("orders@shop.test", "mail.shop.test", "bounce@other.test");

        assertThat(dmarc.policy()).isEqualTo("reject");
        assertThat(dmarc.reason()).isEqualTo("nothing aligned with From shop.test: SPF passed for other.test, not"
                + " aligned; DKIM d=mail.shop.test passed, not aligned (adkim=s); the domain asks for p=reject");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "without a record of its own, the organization's sp applies | ''               | "
                + "v=DMARC1; p=reject; sp=quarantine | quarantine",
        "the From domain's own record comes first                   | v=DMARC1; p=none | "
                + "v=DMARC1; p=none                  | none",
    })
    void aSubdomainsPolicy(String description, String ownRecord, String record, String policy) throws Exception {
        fixture.zone.txt("_dmarc.shop.test", "v=DMARC1; p=reject; sp=quarantine");
        if (!ownRecord.isEmpty()) {
            fixture.zone.txt("_dmarc.news.shop.test", ownRecord);
        }

        DmarcResult dmarc = dmarc("news@news.shop.test", "", "bounce@other.test");

        assertThat(dmarc.result()).isEqualTo(AuthResult.FAIL);
        assertThat(dmarc.fromDomain()).isEqualTo("news.shop.test");
        assertThat(dmarc.policy()).isEqualTo(policy);
        assertThat(dmarc.record()).isEqualTo(record);
    }

    @Test
    void aServfailIsATemporaryError() throws Exception {
        fixture.zone.txt("_dmarc.shop.test", "v=DMARC1; p=reject");
        fixture.server.faults().add(FaultRule.parse("dns query TXT _dmarc.shop.test -> reply SERVFAIL"));

        DmarcResult dmarc = dmarc("orders@shop.test", "shop.test", "bounce@shop.test");

        assertThat(dmarc.result()).isEqualTo(AuthResult.TEMPERROR);
        assertThat(dmarc.reason()).contains("SERVFAIL");
    }

    @Test
    void severalFromDomainsArePermanentErrorAndNoFromIsNone() throws Exception {
        fixture.zone.txt("_dmarc.shop.test", "v=DMARC1; p=reject");

        DmarcResult two = fixture.sendAndCheck("mx.shop.test", "bounce@shop.test",
                message("a@shop.test, b@other.test", "Two", "Two authors.\r\n")).dmarc();
        assertThat(two.result()).isEqualTo(AuthResult.PERMERROR);
        assertThat(two.reason()).contains("shop.test, other.test");

        DmarcResult none = fixture.sendAndCheck("mx.shop.test", "bounce@shop.test",
                "Subject: no From\r\n\r\nNobody wrote this.\r\n").dmarc();
        assertThat(none.result()).isEqualTo(AuthResult.NONE);
        assertThat(none.fromDomain()).isEmpty();
    }
}
