package dev.fakemail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.fault.Protocol;
import dev.fakemail.journal.Transcript;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The protocol declarations drive the builder, the listeners, the endpoints and the bind errors. */
class ProtocolNameTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void eachListenerIsDeclaredWithItsNameTlsModeAndDefaults() {
        assertThat(Arrays.stream(ProtocolName.values()).map(ProtocolName::id))
                .containsExactly("smtp", "smtps", "pop3", "pop3s", "imap", "imaps");
        assertThat(Arrays.stream(ProtocolName.values()).map(ProtocolName::standalonePort))
                .containsExactly(1025, 1465, 1110, 1995, 1143, 1993);
        assertThat(Arrays.stream(ProtocolName.values()).filter(ProtocolName::implicitTls))
                .containsExactly(ProtocolName.SMTPS, ProtocolName.POP3S, ProtocolName.IMAPS);
        assertThat(Arrays.stream(ProtocolName.values()).filter(ProtocolName::onByDefault))
                .containsExactly(ProtocolName.SMTP, ProtocolName.POP3, ProtocolName.IMAP);
        assertThat(ProtocolName.POP3S.faultProtocol()).isEqualTo(Protocol.POP3);
        assertThat(ProtocolName.POP3.startTlsCommand()).isEqualTo("STLS");
        assertThat(ProtocolName.IMAP.startTlsCommand()).isEqualTo("STARTTLS");
        assertThat(ProtocolName.POP3S.jakartaMailPrefix()).isEqualTo("mail.pop3s.");
        assertThat(ProtocolName.IMAP.defaultIdleTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(ProtocolName.byId("IMAPS")).contains(ProtocolName.IMAPS);
        assertThat(ProtocolName.byId("lmtp")).isEmpty();
    }

    @Test
    void theBuilderDefaultsFollowTheDeclarations() {
        ServerConfig config = FakeMailServer.builder().build().config();
        for (ProtocolName protocol : ProtocolName.values()) {
            assertThat(config.port(protocol)).as(protocol.id()).isEqualTo(protocol.onByDefault() ? 0 : ServerConfig.OFF);
            assertThat(config.idleTimeout(protocol)).isEqualTo(protocol.defaultIdleTimeout());
        }
        assertThat(FakeMailServer.builder().port(ProtocolName.IMAPS, 0).build().config().imapsPort()).isZero();
        assertThatThrownBy(() -> FakeMailServer.builder().port(ProtocolName.POP3S, 65536))
                .hasMessage("pop3sPort must be 0..65535 or OFF (-1), got 65536");
    }

    @ParameterizedTest
    @EnumSource(ProtocolName.class)
    void aListenerStartsAloneFromItsDeclarationAndGreetsInItsProtocol(ProtocolName protocol) throws IOException {
        FakeMailServerBuilder builder = FakeMailServer.builder();
        for (ProtocolName each : ProtocolName.values()) {
            builder.port(each, each == protocol ? 0 : ServerConfig.OFF);
        }
        try (FakeMailServer server = builder.build().start()) {
            Endpoint endpoint = server.endpoint(protocol).orElseThrow();
            assertThat(server.endpoints()).containsExactly(endpoint);
            assertThat(endpoint.protocol()).isEqualTo(protocol.id());
            assertThat(endpoint.implicitTls()).isEqualTo(protocol.implicitTls());

            String expected = switch (protocol.faultProtocol()) {
                case SMTP -> "220 localhost ESMTP fakemail\r\n";
                case POP3 -> "+OK fakemail POP3 server ready <";
                case IMAP -> "* OK [CAPABILITY IMAP4rev1 ";
                case DNS -> throw new AssertionError("no mail listener speaks DNS");
            };
            try (Socket socket = connect(endpoint)) {
                assertThat(read(socket.getInputStream(), expected.length())).isEqualTo(expected);
            }
            Transcript transcript = server.transcripts().get(0);
            assertThat(transcript.protocol()).isEqualTo(protocol.name());
        }
    }

    @Test
    void aStoppedOrDisabledListenerHasNoEndpointAndItsShortcutSaysHowToEnableIt() {
        try (FakeMailServer server = FakeMailServer.builder().build().start()) {
            assertThat(server.endpoint(ProtocolName.SMTPS)).isEmpty();
            assertThatThrownBy(server::smtps).isInstanceOf(IllegalStateException.class)
                    .hasMessage("SMTPS is not running; enable it with builder().smtpsPort(0)");
            assertThatThrownBy(server::imaps).hasMessage("IMAPS is not running; enable it with builder().imapsPort(0)");
            server.stop();
            assertThat(server.endpoint(ProtocolName.SMTP)).isEmpty();
            assertThatThrownBy(server::pop3).hasMessage("POP3 is not running");
        }
    }

    @Test
    void aTakenPortIsATypedExceptionNamingTheListenerAndNothingStaysOpen() throws IOException {
        int smtpPort;
        try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
            smtpPort = probe.getLocalPort();
        }
        try (ServerSocket taken = new ServerSocket(0, 1, LOOPBACK)) {
            FakeMailServer server = FakeMailServer.builder().smtpPort(smtpPort).pop3sPort(taken.getLocalPort())
                    .imapPort(ServerConfig.OFF).build();

            assertThatThrownBy(server::start).isInstanceOfSatisfying(ListenerBindException.class, e -> {
                assertThat(e.listener()).isEqualTo(ProtocolName.POP3S);
                assertThat(e.port()).isEqualTo(taken.getLocalPort());
                assertThat(e.address()).isEqualTo(LOOPBACK);
                assertThat(e).hasMessageStartingWith("pop3s cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ");
                assertThat(e.getCause()).isInstanceOf(java.net.BindException.class);
            });
            assertThat(server.isRunning()).isFalse();
            assertThat(server.endpoints()).isEmpty();
            // SMTP had started before POP3S failed: its port is free again.
            try (ServerSocket again = new ServerSocket(smtpPort, 1, LOOPBACK)) {
                assertThat(again.getLocalPort()).isEqualTo(smtpPort);
            }
        }
    }

    private static Socket connect(Endpoint endpoint) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(endpoint.address(), endpoint.port()), 5_000);
        socket.setSoTimeout(10_000);
        if (!endpoint.implicitTls()) {
            return socket;
        }
        SSLSocket tls = (SSLSocket) BuiltInCertificate.clientContext().getSocketFactory()
                .createSocket(socket, "localhost", endpoint.port(), true);
        tls.startHandshake();
        return tls;
    }

    private static String read(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
