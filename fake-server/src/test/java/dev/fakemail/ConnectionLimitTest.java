package dev.fakemail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.fakemail.testing.ClosesServers;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Connection limits per listener and per client address, over plain sockets: the exact refusal of each protocol. */
@ExtendWith(ClosesServers.class)
class ConnectionLimitTest {
    private FakeMailServer server;

    @Test
    void aFullListenerRefusesInItsProtocolsWordsAndServesAgainOnceAConnectionEnds() throws IOException, InterruptedException {
        server = FakeMailServer.builder().hostname("mx.test").maxConnections(1).build().start();

        assertRefusesWhileOneIsOpen(ProtocolName.SMTP, "220 ",
                "421 4.7.0 mx.test Error: too many connections, try again later\r\n");
        assertRefusesWhileOneIsOpen(ProtocolName.POP3, "+OK",
                "-ERR [SYS/TEMP] too many connections, try again later\r\n");
        assertRefusesWhileOneIsOpen(ProtocolName.IMAP, "* OK",
                "* BYE [UNAVAILABLE] too many connections, try again later\r\n");
    }

    @Test
    void oneClientAddressIsLimitedWhileOthersStillGetIn() throws IOException, InterruptedException {
        server = FakeMailServer.builder().hostname("mx.test").maxConnections(10).maxConnectionsPerClient(2)
                .build().start();
        Endpoint smtp = server.smtp();
        try (Socket first = connect(smtp, null); Socket second = connect(smtp, null)) {
            assertThat(firstLine(first)).startsWith("220 ");
            assertThat(firstLine(second)).startsWith("220 ");

            assertThat(readToEnd(connect(smtp, null)))
                    .isEqualTo("421 4.7.0 mx.test Error: too many connections from your address, try again later\r\n");

            Socket otherAddress;
            try {
                otherAddress = connect(smtp, InetAddress.getByName("127.0.0.2")); // all of 127/8 is loopback on Linux
            } catch (IOException notOnThisSystem) {
                otherAddress = null;
            }
            assumeThat(otherAddress).as("a second loopback address to connect from").isNotNull();
            try (Socket other = otherAddress) {
                assertThat(firstLine(other)).startsWith("220 ");
            }
        }
    }

    @Test
    void healthSaysEveryListenerAcceptsAndCountsItsConnections() throws IOException, InterruptedException {
        server = FakeMailServer.builder().build().start();
        try (Socket pop3 = connect(server.pop3(), null)) {
            assertThat(firstLine(pop3)).startsWith("+OK");

            assertThat(server.listenerHealth()).extracting(health -> health.endpoint().protocol())
                    .containsExactly("smtp", "pop3", "imap");
            assertThat(server.listenerHealth()).allSatisfy(health -> {
                assertThat(health.accepting()).isTrue();
                assertThat(health.failingSince()).isNull();
                assertThat(health.lastError()).isNull();
            });
            assertThat(server.listenerHealth()).extracting(ListenerHealth::connections).containsExactly(0, 1, 0);
        }
        server.stop();
        assertThat(server.listenerHealth()).isEmpty();
    }

    @Test
    void limitsMustBePositiveAndDefaultToWhatTestsNeverReach() {
        assertThatThrownBy(() -> FakeMailServer.builder().maxConnections(0))
                .hasMessage("maxConnections must be positive, got 0");
        assertThatThrownBy(() -> FakeMailServer.builder().maxConnectionsPerClient(-1))
                .hasMessage("maxConnectionsPerClient must be positive, got -1");
        ServerConfig defaults = FakeMailServer.builder().build().config();
        assertThat(defaults.maxConnections()).isEqualTo(1000);
        assertThat(defaults.maxConnectionsPerClient()).isEqualTo(200);
    }

    private void assertRefusesWhileOneIsOpen(ProtocolName protocol, String greeting, String refusal)
            throws IOException, InterruptedException {
        Endpoint endpoint = server.endpoint(protocol).orElseThrow();
        try (Socket held = connect(endpoint, null)) {
            assertThat(firstLine(held)).startsWith(greeting);
            assertThat(readToEnd(connect(endpoint, null))).isEqualTo(refusal);
        }
        awaitNoConnections(protocol); // the session ends a moment after the client has closed
        try (Socket next = connect(endpoint, null)) {
            assertThat(firstLine(next)).startsWith(greeting);
        }
    }

    private void awaitNoConnections(ProtocolName protocol) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (server.listenerHealth().stream().anyMatch(
                health -> health.endpoint().protocol().equals(protocol.id()) && health.connections() > 0)) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static Socket connect(Endpoint endpoint, InetAddress from) throws IOException {
        Socket socket = new Socket();
        if (from != null) {
            socket.bind(new InetSocketAddress(from, 0));
        }
        socket.connect(new InetSocketAddress(endpoint.address(), endpoint.port()), 10_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String firstLine(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            line.append((char) b);
        }
        return line.toString();
    }

    private static String readToEnd(Socket socket) throws IOException {
        try (socket) {
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
