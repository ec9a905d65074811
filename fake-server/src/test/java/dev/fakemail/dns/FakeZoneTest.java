package dev.fakemail.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The fake zone, queried through dnsjava's own Lookup over the in-process resolver. */
class FakeZoneTest {
    private final FakeZone zone = FakeZone.create()
            .mx("shop.test", 10, "mx1.shop.test")
            .mx("shop.test", 20, "mx2.shop.test.")
            .a("mx1.shop.test", "127.0.0.1")
            .aaaa("mx1.shop.test", "::1")
            .txt("shop.test", "v=spf1 ip4:127.0.0.1 -all")
            .txt("sel._domainkey.shop.test", "v=DKIM1; k=rsa; ", "p=MIIBIjAN")
            .cname("www.shop.test", "mx1.shop.test")
            .ptr("127.0.0.1", "mx1.shop.test");

    @Test
    void lookupsAnswerFromTheZone() {
        assertThat(lookup("shop.test", Type.MX)).containsExactlyInAnyOrder("10 mx1.shop.test.", "20 mx2.shop.test.");
        assertThat(lookup("MX1.Shop.Test", Type.A)).containsExactly("127.0.0.1");
        assertThat(lookup("mx1.shop.test", Type.AAAA)).containsExactly("0:0:0:0:0:0:0:1");
        assertThat(lookup("shop.test", Type.TXT)).containsExactly("\"v=spf1 ip4:127.0.0.1 -all\"");
        assertThat(lookup("sel._domainkey.shop.test", Type.TXT)).containsExactly("\"v=DKIM1; k=rsa; \" \"p=MIIBIjAN\"");
        assertThat(lookup("1.0.0.127.in-addr.arpa", Type.PTR)).containsExactly("mx1.shop.test.");
    }

    @Test
    void anAliasIsFollowedAndAMissingNameOrTypeIsSaidSo() throws Exception {
        assertThat(lookup("www.shop.test", Type.A)).containsExactly("127.0.0.1");

        Lookup missingName = lookupOf("nobody.shop.test", Type.A);
        missingName.run();
        assertThat(missingName.getResult()).isEqualTo(Lookup.HOST_NOT_FOUND);
        Lookup missingType = lookupOf("mx1.shop.test", Type.MX);
        missingType.run();
        assertThat(missingType.getResult()).isEqualTo(Lookup.TYPE_NOT_FOUND);

        Message nx = zone.resolver().send(Message.newQuery(Record.newRecord(Name.fromString("x.test."), Type.A, 1)));
        assertThat(nx.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(nx.getHeader().getFlag(Flags.AA)).isTrue();
    }

    @Test
    void anAliasLoopEndsWithoutAnAnswer() throws Exception {
        zone.cname("a.loop.test", "b.loop.test").cname("b.loop.test", "a.loop.test");
        Message answer = zone.resolver().send(
                Message.newQuery(Record.newRecord(Name.fromString("a.loop.test."), Type.A, 1)));
        assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(answer.getSection(Section.ANSWER)).hasSize(2); // the two CNAMEs, then the loop is seen
    }

    @Test
    void twoZonesNeverAnswerForEachOther() {
        FakeZone other = FakeZone.create().a("mx1.shop.test", "10.0.0.9");
        assertThat(lookup("mx1.shop.test", Type.A)).containsExactly("127.0.0.1");
        assertThat(lookup(other, "mx1.shop.test", Type.A)).containsExactly("10.0.0.9");
        assertThat(lookup("mx1.shop.test", Type.A)).containsExactly("127.0.0.1");
    }

    @Test
    void aMasterFileIsReadWithItsOriginAndTtl() {
        String file = """
                $ORIGIN example.test.
                $TTL 300
                @        IN MX 5 mail
                mail     IN A 192.0.2.7
                _dmarc   IN TXT "v=DMARC1; p=reject"
                """;
        FakeZone loaded = FakeZone.create().load(new ByteArrayInputStream(file.getBytes(StandardCharsets.US_ASCII)),
                "example.zone");
        assertThat(loaded.records()).extracting(ZoneRecord::toString).containsExactly(
                "example.test. 300 IN MX 5 mail.example.test.",
                "mail.example.test. 300 IN A 192.0.2.7",
                "_dmarc.example.test. 300 IN TXT \"v=DMARC1; p=reject\"");
        assertThat(lookup(loaded, "example.test", Type.MX)).containsExactly("5 mail.example.test.");
        assertThatThrownBy(() -> FakeZone.create().load(new ByteArrayInputStream(
                "x IN A not-an-address\n".getBytes(StandardCharsets.US_ASCII)), "bad.zone"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("zone file bad.zone: ");
    }

    @Test
    void changesAreEventsAndRemovalTakesANameAndType() throws Exception {
        List<ZoneChange> changes = new ArrayList<>();
        try (AutoCloseable subscription = zone.subscribe(changes::add)) {
            zone.a("new.shop.test", "192.0.2.1");
            assertThat(zone.remove("shop.test", "MX")).isEqualTo(2);
            zone.clear();
        }
        zone.a("after.shop.test", "192.0.2.2");
        assertThat(changes).extracting(ZoneChange::kind).containsExactly(ZoneChange.Kind.ADDED,
                ZoneChange.Kind.REMOVED, ZoneChange.Kind.REMOVED, ZoneChange.Kind.CLEARED);
        assertThat(changes.get(0).record()).isEqualTo(new ZoneRecord("new.shop.test", "A", 60, "192.0.2.1"));
        assertThat(zone.records()).hasSize(1);
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        assertThatThrownBy(() -> zone.a("x.test", "mx1.shop.test")).hasMessage("not an IPv4 address: mx1.shop.test");
        assertThatThrownBy(() -> zone.aaaa("x.test", "127.0.0.1")).hasMessage("not an IPv6 address: 127.0.0.1");
        assertThatThrownBy(() -> zone.txt("x.test", "y".repeat(256))).hasMessageStartingWith("a TXT string holds");
        assertThatThrownBy(() -> zone.a("", "127.0.0.1")).hasMessage("a DNS name is required");
        assertThatThrownBy(() -> zone.remove("x.test", "NOPE")).hasMessage("not a DNS record type: NOPE");
    }

    private List<String> lookup(String name, int type) {
        return lookup(zone, name, type);
    }

    private static List<String> lookup(FakeZone zone, String name, int type) {
        Lookup lookup = lookupOf(zone, name, type);
        Record[] records = lookup.run();
        assertThat(lookup.getResult()).as(lookup.getErrorString()).isEqualTo(Lookup.SUCCESSFUL);
        return Arrays.stream(records).map(Record::rdataToString).toList();
    }

    private Lookup lookupOf(String name, int type) {
        return lookupOf(zone, name, type);
    }

    private static Lookup lookupOf(FakeZone zone, String name, int type) {
        try {
            Lookup lookup = new Lookup(name + ".", type);
            lookup.setResolver(zone.resolver());
            lookup.setCache(null); // a cache of this lookup's own: dnsjava's default one is JVM-wide
            return lookup;
        } catch (org.xbill.DNS.TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
