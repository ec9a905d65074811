package dev.fakemail.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.Endpoint;
import dev.fakemail.FakeMailServer;
import dev.fakemail.dns.FakeZone;
import dev.fakemail.junit.support.Fixture;
import dev.fakemail.junit.support.TestKit;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** A test receives the server's fake DNS zone and its responder's endpoint, or a message saying how to get them. */
class DnsParametersTest {
    @Test
    void aServerWithADnsPortGivesItsZoneAndEndpoint() {
        EngineExecutionResults results = TestKit.run(WithDns.class);
        TestKit.assertSucceeded(results, 1);
    }

    @Test
    void withoutDnsTheParametersSayHowToConfigureIt() {
        EngineExecutionResults results = TestKit.run(WithoutDns.class);
        assertThat(results.testEvents().failed().count()).isEqualTo(3);
        assertThat(TestKit.failureMessages(results)).anySatisfy(message -> assertThat(message)
                .contains("Parameter FakeZone of method DnsParametersTest.WithoutDns.zone(FakeZone) asks for the fake "
                        + "DNS zone, but ").contains("has none. Fix: ").contains("FakeMailServer.builder().dnsPort(0)"))
                .anySatisfy(message -> assertThat(message).contains("asks for the DNS endpoint, but ")
                        .contains("serves no DNS. Fix: "))
                .anySatisfy(message -> assertThat(message).contains("is annotated @DnsEndpoint, which only an "
                        + "Endpoint parameter can be"));
    }

    @FakeMailTest
    @Fixture
    static class WithDns {
        @MailServer
        static FakeMailServer mail = FakeMailServer.builder().dnsPort(0).build();

        @Test
        void resolves(@DnsEndpoint Endpoint dns, FakeZone zone) throws Exception {
            zone.mx("shop.test", 10, "mx.shop.test");
            SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(dns.address(), dns.port()));
            resolver.setTimeout(Duration.ofSeconds(5));
            Message answer = resolver.send(Message.newQuery(Record.newRecord(Name.fromString("shop.test."), Type.MX, 1)));
            assertThat(answer.getSection(Section.ANSWER)).extracting(Record::rdataToString)
                    .containsExactly("10 mx.shop.test.");
        }
    }

    @FakeMailTest
    @Fixture
    static class WithoutDns {
        @Test
        void zone(FakeZone zone) {
        }

        @Test
        void endpoint(@DnsEndpoint Endpoint dns) {
        }

        @Test
        void wrongType(@DnsEndpoint FakeMailServer mail) {
        }
    }
}
