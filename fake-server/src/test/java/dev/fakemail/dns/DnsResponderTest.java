package dev.fakemail.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fakemail.Endpoint;
import dev.fakemail.FakeMailServer;
import java.io.File;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

/** The zone served over UDP and TCP on loopback, asked by dnsjava's SimpleResolver and by dig. */
@Timeout(60)
class DnsResponderTest {
    private final FakeZone zone = FakeZone.create()
            .mx("shop.test", 10, "mx.shop.test")
            .a("mx.shop.test", "127.0.0.1")
            .txt("shop.test", "v=spf1 ip4:127.0.0.1 -all");
    private final FakeMailServer mail = FakeMailServer.builder().zone(zone).dnsPort(0).build().start();

    @AfterEach
    void stop() {
        mail.close();
    }

    @Test
    void dnsjavasResolverGetsTheZonesAnswersOverUdpAndTcp() throws Exception {
        for (boolean tcp : new boolean[] {false, true}) {
            SimpleResolver resolver = resolver();
            resolver.setTCP(tcp);
            Message answer = resolver.send(query("shop.test.", Type.MX));
            assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(answer.getHeader().getFlag(Flags.AA)).isTrue();
            assertThat(answer.getSection(Section.ANSWER)).extracting(Record::rdataToString)
                    .containsExactly("10 mx.shop.test.");
            assertThat(resolver.send(query("nobody.shop.test.", Type.A)).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        }
    }

    @Test
    void changesToTheZoneAreServedAtOnce() throws Exception {
        zone.a("late.shop.test", "192.0.2.44");
        assertThat(resolver().send(query("late.shop.test.", Type.A)).getSection(Section.ANSWER))
                .extracting(Record::rdataToString).containsExactly("192.0.2.44");
    }

    @Test
    void digGetsAnswersOverUdpAndTcpAndNxdomainForAMissingName() throws Exception {
        assumeTrue(new File("/usr/bin/dig").canExecute(), "dig is not installed (Debian: bind9-dnsutils)");
        assertThat(dig("shop.test", "MX", "+short")).isEqualTo("10 mx.shop.test.");
        assertThat(dig("mx.shop.test", "A", "+short", "+tcp")).isEqualTo("127.0.0.1");
        assertThat(dig("shop.test", "TXT", "+short")).isEqualTo("\"v=spf1 ip4:127.0.0.1 -all\"");
        assertThat(dig("nobody.shop.test", "A", "+noall", "+comments")).contains("status: NXDOMAIN");
    }

    @Test
    void anAnswerTooLargeForUdpIsTruncatedAndComesWholeOverTcp() throws Exception {
        for (int i = 0; i < 20; i++) {
            zone.txt("big.shop.test", "record " + i + " " + "x".repeat(60));
        }
        SimpleResolver udp = resolver();
        udp.setIgnoreTruncation(true);
        udp.setEDNS(-1); // no EDNS: the classic 512-octet limit
        Message cut = udp.send(query("big.shop.test.", Type.TXT));
        assertThat(cut.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(cut.getSection(Section.ANSWER)).isEmpty();

        SimpleResolver retrying = resolver(); // dnsjava retries over TCP on TC, as resolvers do
        retrying.setEDNS(-1);
        assertThat(retrying.send(query("big.shop.test.", Type.TXT)).getSection(Section.ANSWER)).hasSize(20);
        if (new File("/usr/bin/dig").canExecute()) {
            assertThat(dig("big.shop.test", "TXT", "+short", "+noedns").lines()).hasSize(20);
        }
    }

    @Test
    void garbageGetsFormerrOrNothingAndTheResponderGoesOn() throws Exception {
        Endpoint dns = mail.dns();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(2_000);
            byte[] header = {0x12, 0x34, 0x01, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07, 'x'};
            socket.send(new DatagramPacket(header, header.length, new InetSocketAddress(dns.address(), dns.port())));
            DatagramPacket reply = new DatagramPacket(new byte[512], 512);
            socket.receive(reply);
            Message error = new Message(Arrays.copyOf(reply.getData(), reply.getLength()));
            assertThat(error.getHeader().getID()).isEqualTo(0x1234);
            assertThat(error.getRcode()).isEqualTo(Rcode.FORMERR);

            byte[] tooShort = "hi".getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(tooShort, tooShort.length, new InetSocketAddress(dns.address(), dns.port())));
            assertThatThrownBy(() -> socket.receive(new DatagramPacket(new byte[512], 512)))
                    .isInstanceOf(SocketTimeoutException.class);
        }
        assertThat(resolver().send(query("shop.test.", Type.MX)).getRcode()).isEqualTo(Rcode.NOERROR);
    }

    @Test
    void withoutAZoneTheServerGetsAnEmptyOneAndStoppingFreesThePort() throws Exception {
        try (FakeMailServer plain = FakeMailServer.builder().dnsPort(0).build().start()) {
            assertThat(plain.zone()).isPresent();
            plain.zone().orElseThrow().a("added.test", "192.0.2.1");
            assertThat(resolverOf(plain.dns()).send(query("added.test.", Type.A)).getSection(Section.ANSWER)).hasSize(1);
        }
        try (FakeMailServer none = FakeMailServer.builder().build().start()) {
            assertThat(none.zone()).isEmpty();
            assertThatThrownBy(none::dns).hasMessageContaining("dnsPort(0)");
        }
    }

    private SimpleResolver resolver() throws Exception {
        return resolverOf(mail.dns());
    }

    private static SimpleResolver resolverOf(Endpoint dns) throws Exception {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(dns.address(), dns.port()));
        resolver.setTimeout(Duration.ofSeconds(5));
        return resolver;
    }

    private static Message query(String name, int type) throws Exception {
        return Message.newQuery(Record.newRecord(Name.fromString(name), type, 1));
    }

    private String dig(String name, String type, String... options) throws Exception {
        Endpoint dns = mail.dns();
        List<String> command = new java.util.ArrayList<>(List.of("dig", "@" + dns.address().getHostAddress(),
                "-p", String.valueOf(dns.port()), "+time=5", "+tries=1", name, type));
        command.addAll(List.of(options));
        Process dig = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(dig.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(dig.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}
