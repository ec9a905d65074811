package dev.fakemail.docs.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.dns.FakeZone;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** docs/dns.md: the zone from Java and a master file, resolved in-process and over the network. */
class FakeZoneExampleTest {
    @Test
    void theZoneAnswersInProcessAndOverUdp() throws Exception {
        FakeZone zone = FakeZone.create()
                .mx("shop.test", 10, "mx.shop.test")
                .a("mx.shop.test", "127.0.0.1")
                .aaaa("mx.shop.test", "::1")
                .txt("shop.test", "v=spf1 ip4:127.0.0.1 -all")
                .txt("_dmarc.shop.test", "v=DMARC1; p=reject")
                .cname("www.shop.test", "mx.shop.test")
                .ptr("127.0.0.1", "mx.shop.test");
        zone.load(Path.of("src/test/resources/shop.zone"));   // an RFC 1035 master file ($ORIGIN, $TTL; no $INCLUDE)

        Lookup lookup = new Lookup("shop.test.", Type.MX);
        lookup.setResolver(zone.resolver());
        lookup.setCache(null);              // a fresh cache for this lookup, never the JVM-wide default
        Record[] mx = lookup.run();

        assertThat(Arrays.stream(mx).map(Record::rdataToString)).containsExactly("10 mx.shop.test.");
        assertThat(zone.records("news.shop.test", "A")).hasSize(1);

        try (FakeMailServer mail = FakeMailServer.builder().zone(zone).dnsPort(0).build().start()) {
            Lookup overUdp = new Lookup("www.shop.test.", Type.A);
            overUdp.setResolver(new SimpleResolver(new InetSocketAddress(mail.dns().address(), mail.dns().port())));
            overUdp.setCache(null);
            assertThat(Arrays.stream(overUdp.run()).map(Record::rdataToString)).containsExactly("127.0.0.1");
        }
    }
}
