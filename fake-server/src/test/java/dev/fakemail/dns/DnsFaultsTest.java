package dev.fakemail.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.FakeMailServer;
import dev.fakemail.fault.FaultHandle;
import dev.fakemail.fault.FaultRule;
import dev.fakemail.fault.Trigger;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** DNS fault rules, in the grammar every protocol shares, against the responder over UDP and TCP. */
@Timeout(60)
class DnsFaultsTest {
    private final FakeMailServer mail = FakeMailServer.builder().dnsPort(0).faultSeed(7).build().start();
    private final FakeZone zone = mail.zone().orElseThrow()
            .mx("shop.test", 10, "mx.shop.test").a("mx.shop.test", "127.0.0.1").a("slow.shop.test", "127.0.0.2")
            .a("gone.shop.test", "127.0.0.3").txt("shop.test", "v=spf1 -all");

    @AfterEach
    void stop() {
        mail.close();
    }

    @Test
    void aReplyRuleAnswersWithItsRcodeForMatchingQueriesOnly() throws Exception {
        FaultHandle servfail = mail.faults().addText("dns query MX shop.test -> reply SERVFAIL times 1").get(0);
        mail.faults().addText("dns query * *.nowhere.test -> reply NXDOMAIN");

        Message failed = resolver(false).send(query("shop.test.", Type.MX));
        assertThat(failed.getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(failed.getQuestion().getName().toString()).isEqualTo("shop.test.");
        assertThat(resolver(false).send(query("shop.test.", Type.MX)).getRcode()).as("times 1").isEqualTo(Rcode.NOERROR);
        assertThat(resolver(false).send(query("mx.shop.test.", Type.A)).getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(resolver(true).send(query("a.nowhere.test.", Type.TXT)).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(servfail.hits()).isEqualTo(1);
    }

    @Test
    void truncateCutsTheUdpAnswerAndTcpGetsItWhole() throws Exception {
        mail.faults().dns(Trigger.query("TXT", "shop.test")).truncate();
        SimpleResolver udp = resolver(false);
        udp.setIgnoreTruncation(true);
        Message cut = udp.send(query("shop.test.", Type.TXT));
        assertThat(cut.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(cut.getSection(Section.ANSWER)).isEmpty();
        assertThat(resolver(false).send(query("shop.test.", Type.TXT)).getSection(Section.ANSWER))
                .as("dnsjava retries over TCP").hasSize(1);
    }

    @Test
    void delayWaitsAndStallSendsNothing() throws Exception {
        mail.faults().addText("dns query A slow.shop.test -> delay 1200ms");
        mail.faults().dns(Trigger.query("A", "gone.shop.test")).stall();

        long started = System.nanoTime();
        assertThat(resolver(false).send(query("slow.shop.test.", Type.A)).getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1100));

        SimpleResolver impatient = resolver(false);
        impatient.setTimeout(Duration.ofSeconds(1));
        assertThatThrownBy(() -> impatient.send(query("gone.shop.test.", Type.A))).isInstanceOf(IOException.class);
    }

    @Test
    void theTextFormRoundTripsAndWrongCombinationsAreRefused() {
        assertThat(FaultRule.parse("dns MX shop.test -> reply servfail").toText())
                .isEqualTo("dns query MX shop.test -> reply SERVFAIL");
        assertThat(FaultRule.parse("dns query -> truncate probability 0.5").toText())
                .isEqualTo("dns query * -> truncate probability 0.5");
        assertThatThrownBy(() -> FaultRule.parse("dns query MX -> reply 451 \"x\""))
                .hasMessageContaining("a DNS answer is one of NOERROR, FORMERR, SERVFAIL, NXDOMAIN, NOTIMP, REFUSED");
        assertThatThrownBy(() -> FaultRule.parse("dns query MX -> throttle 10"))
                .hasMessageContaining("dns rules take reply <RCODE>, truncate, delay, stall (no answer) or disconnect");
        assertThatThrownBy(() -> FaultRule.parse("smtp rcpt * -> truncate"))
                .hasMessageContaining("reply <RCODE> and truncate effects exist for dns only");
        assertThatThrownBy(() -> FaultRule.parse("dns query NOPE x.test -> reply SERVFAIL"))
                .hasMessageContaining("unknown DNS query type 'NOPE'");
    }

    @Test
    void theInProcessResolverIsTheZoneAsIsWithoutRules() throws Exception {
        mail.faults().addText("dns query * -> reply REFUSED");
        Message direct = zone.resolver().send(query("shop.test.", Type.MX));
        assertThat(direct.getRcode()).as("faults act on the network responder").isEqualTo(Rcode.NOERROR);
        assertThat(resolver(false).send(query("shop.test.", Type.MX)).getRcode()).isEqualTo(Rcode.REFUSED);
    }

    private SimpleResolver resolver(boolean tcp) throws Exception {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(mail.dns().address(), mail.dns().port()));
        resolver.setTimeout(Duration.ofSeconds(5));
        resolver.setTCP(tcp);
        return resolver;
    }

    private static Message query(String name, int type) throws Exception {
        return Message.newQuery(Record.newRecord(Name.fromString(name), type, 1));
    }
}
