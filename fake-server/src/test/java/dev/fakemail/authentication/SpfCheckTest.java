package dev.fakemail.authentication;

import static dev.fakemail.authentication.AuthenticationFixture.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.fault.FaultRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPF (RFC 7208) of captured mail, for the client 127.0.0.1, by jSPF asking the fake zone. */
class SpfCheckTest {
    private final AuthenticationFixture fixture = new AuthenticationFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    private SpfResult mailFrom(String record) throws Exception {
        if (!record.isEmpty()) {
            fixture.zone.txt("shop.test", record);
        }
        return fixture.sendAndCheck("mx.shop.test", "orders@shop.test",
                message("orders@shop.test", "SPF", "Checked.\r\n")).spf();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "v=spf1 ip4:127.0.0.1 -all                 | PASS",
        "v=spf1 ip4:127.0.0.0/8 -all               | PASS",
        "v=spf1 ip4:192.0.2.1 -all                 | FAIL",
        "v=spf1 ip4:192.0.2.1 ~all                 | SOFTFAIL",
        "v=spf1 ip4:192.0.2.1 ?all                 | NEUTRAL",
        "v=spf1 ip4:192.0.2.1                      | NEUTRAL",
        "v=spf1 a -all                             | PASS",
        "v=spf1 mx -all                            | PASS",
        "v=spf1 a:elsewhere.test -all              | FAIL",
        "v=spf1 include:esp.test -all              | PASS",
        "v=spf1 redirect=esp.test                  | PASS",
        "v=spf1 exists:%{i}._spf.shop.test -all    | PASS",
        "v=spf1 exists:%{l}.users.shop.test -all   | PASS",
        "v=spf1 include:nowhere.test -all          | PERMERROR",
        "v=spf1 ip4:not-an-address -all            | PERMERROR",
        "v=spf1 include:loop.test -all             | PERMERROR",
        "v=spf1 bogus:mechanism -all               | PERMERROR",
        "''                                        | NONE",
    })
    void theMatrix(String record, AuthResult expected) throws Exception {
        fixture.zone.a("shop.test", "127.0.0.1").mx("shop.test", 10, "mx.shop.test").a("mx.shop.test", "127.0.0.1")
                .a("elsewhere.test", "192.0.2.7")
                .txt("esp.test", "v=spf1 ip4:127.0.0.1 -all")
                .a("127.0.0.1._spf.shop.test", "127.0.0.2")
                .a("orders.users.shop.test", "127.0.0.2")
                .txt("loop.test", "v=spf1 include:loop.test -all");

        SpfResult spf = mailFrom(record);

        assertThat(spf.result()).as(spf.reason()).isEqualTo(expected);
        assertThat(spf.identity()).isEqualTo("mailfrom");
        assertThat(spf.domain()).isEqualTo("shop.test");
        assertThat(spf.clientIp()).isEqualTo("127.0.0.1");
        assertThat(spf.record()).isEqualTo(record);
    }

    @Test
    void moreThanTenLookupsIsAPermanentError() throws Exception {
        StringBuilder record = new StringBuilder("v=spf1");
        for (int i = 1; i <= 11; i++) {
            record.append(" a:host").append(i).append(".shop.test");
            fixture.zone.a("host" + i + ".shop.test", "192.0.2." + i);
        }
        SpfResult spf = mailFrom(record.append(" ip4:127.0.0.1 -all").toString());

        assertThat(spf.result()).isEqualTo(AuthResult.PERMERROR);
    }

    @Test
    void aServfailIsATemporaryError() throws Exception {
        fixture.server.faults().add(FaultRule.parse("dns query TXT shop.test -> reply SERVFAIL"));

        SpfResult spf = mailFrom("v=spf1 ip4:127.0.0.1 -all");

        assertThat(spf.result()).isEqualTo(AuthResult.TEMPERROR);
        assertThat(spf.reason()).contains("DNS error while checking shop.test");
    }

    @Test
    void noAnswerAtAllIsATemporaryErrorToo() throws Exception {
        fixture.zone.txt("shop.test", "v=spf1 include:esp.test -all").txt("esp.test", "v=spf1 ip4:127.0.0.1 -all");
        fixture.server.faults().add(FaultRule.parse("dns query TXT esp.test -> disconnect"));

        SpfResult spf = fixture.sendAndCheck("mx.shop.test", "orders@shop.test",
                message("orders@shop.test", "SPF", "Checked.\r\n")).spf();

        assertThat(spf.result()).isEqualTo(AuthResult.TEMPERROR);
    }

    @Test
    void heloIsCheckedOnItsOwnAndStandsInForANullSender() throws Exception {
        fixture.zone.txt("mx.shop.test", "v=spf1 ip4:127.0.0.1 -all");
        fixture.zone.txt("shop.test", "v=spf1 -all");

        AuthenticationResults bounce = fixture.sendAndCheck("mx.shop.test", "",
                message("mailer-daemon@shop.test", "Bounce", "Undeliverable.\r\n"));

        assertThat(bounce.helo().result()).isEqualTo(AuthResult.PASS);
        assertThat(bounce.helo().identity()).isEqualTo("helo");
        assertThat(bounce.helo().domain()).isEqualTo("mx.shop.test");
        assertThat(bounce.spf().result()).as("postmaster@HELO for the null sender").isEqualTo(AuthResult.PASS);
        assertThat(bounce.spf().domain()).isEqualTo("mx.shop.test");

        AuthenticationResults order = fixture.sendAndCheck("mx.shop.test", "orders@shop.test",
                message("orders@shop.test", "Order", "Thanks.\r\n"));
        assertThat(order.spf().result()).isEqualTo(AuthResult.FAIL);
        assertThat(order.spf().reason()).contains("shop.test does not designate 127.0.0.1", "v=spf1 -all");
        assertThat(order.helo().result()).isEqualTo(AuthResult.PASS);
    }

    @Test
    void anAddressLiteralHeloHasNoDomainToCheck() throws Exception {
        AuthenticationResults results = fixture.sendAndCheck("[127.0.0.1]", "orders@shop.test",
                message("orders@shop.test", "Literal", "HELO with an address.\r\n"));

        assertThat(results.helo().result()).isEqualTo(AuthResult.NONE);
        assertThat(results.spf().result()).isEqualTo(AuthResult.NONE);
    }

    @Test
    void concurrentSessionsEachGetTheirOwnResultAndRecord() throws Exception {
        fixture.zone.txt("pass.test", "v=spf1 ip4:127.0.0.1 -all").txt("fail.test", "v=spf1 ip4:192.0.2.1 -all");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<SpfResult>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String domain = i % 2 == 0 ? "pass.test" : "fail.test";
                results.add(pool.submit(() -> fixture.sendAndCheck("mx.test", "a@" + domain,
                        message("a@" + domain, "Concurrent", "One of many.\r\n")).spf()));
            }
            for (int i = 0; i < results.size(); i++) {
                SpfResult spf = results.get(i).get(60, java.util.concurrent.TimeUnit.SECONDS);
                boolean pass = i % 2 == 0;
                assertThat(spf.result()).isEqualTo(pass ? AuthResult.PASS : AuthResult.FAIL);
                assertThat(spf.record()).isEqualTo(pass ? "v=spf1 ip4:127.0.0.1 -all" : "v=spf1 ip4:192.0.2.1 -all");
                assertThat(spf.reason()).doesNotContain(pass ? "fail.test" : "pass.test");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
