package dev.fakemail.dns.jvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.FakeMailServer;
import dev.fakemail.dns.FakeZone;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The JVM's own lookups answer from the zone while it is in use, and only then. Runs on JDK 18+. */
class JvmResolverTest {
    @Test
    void namesOfTheZoneResolveWhileItIsInUseAndOthersStillDo() throws Exception {
        FakeZone zone = FakeZone.create().a("mx.shop.test", "127.0.0.1").aaaa("mx.shop.test", "::1")
                .cname("smtp.shop.test", "mx.shop.test").ptr("127.0.0.2", "reverse.shop.test")
                .a("reverse.shop.test", "127.0.0.2");
        try (JvmResolver.InUse inUse = JvmResolver.use(zone)) {
            assertThat(InetAddress.getAllByName("mx.shop.test")).extracting(InetAddress::getHostAddress)
                    .containsExactlyInAnyOrder("127.0.0.1", "0:0:0:0:0:0:0:1");
            assertThat(InetAddress.getByName("smtp.shop.test").getHostAddress()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
            assertThat(InetAddress.getByName("smtp.shop.test").getHostName()).isEqualTo("smtp.shop.test");
            assertThat(InetAddress.getByAddress(new byte[] {127, 0, 0, 2}).getCanonicalHostName())
                    .isEqualTo("reverse.shop.test");
            assertThat(InetAddress.getByName("localhost").isLoopbackAddress()).as("not in the zone: the JDK's")
                    .isTrue();
            assertThatThrownBy(() -> InetAddress.getByName("nowhere.shop.test"))
                    .isInstanceOf(UnknownHostException.class);
        }
        assertThatThrownBy(() -> InetAddress.getByName("mx.shop.test")).as("the zone is no longer in use")
                .isInstanceOf(UnknownHostException.class);
    }

    @Test
    void anApplicationConnectsByNameToTheFakeServer() throws Exception {
        FakeZone zone = FakeZone.create().a("mail.shop.test", "127.0.0.1");
        try (FakeMailServer mail = FakeMailServer.builder().smtpPort(0).build().start();
                JvmResolver.InUse inUse = JvmResolver.use(zone);
                Socket socket = new Socket("mail.shop.test", mail.smtp().port())) {
            byte[] greeting = new byte[3];
            assertThat(socket.getInputStream().readNBytes(greeting, 0, 3)).isEqualTo(3);
            assertThat(new String(greeting, StandardCharsets.US_ASCII)).isEqualTo("220");
        }
    }

    @Test
    void oneZoneAtATime() {
        try (JvmResolver.InUse first = JvmResolver.use(FakeZone.create())) {
            assertThatThrownBy(() -> JvmResolver.use(FakeZone.create())).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another fake zone is already in use");
        }
        JvmResolver.use(FakeZone.create()).close();
    }
}
