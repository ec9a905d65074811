package dev.fakemail.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class LineClientTest {
    @Test
    void readsLinesTerminatorsAndCountedBytesExactly() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer("* OK hi\r\n* 1 FETCH {5}\r\nab\r\nc)\r\nA1 OK done\r\nrest", true);
                LineClient client = LineClient.connect(peer.dial())) {
            assertThat(client.line()).isEqualTo("* OK hi");
            assertThat(new String(client.readUntil(new byte[] {'}', '\r', '\n'}), StandardCharsets.UTF_8))
                    .isEqualTo("* 1 FETCH {5}\r\n");
            assertThat(client.readExactly(5)).isEqualTo("ab\r\nc".getBytes(StandardCharsets.US_ASCII));
            assertThat(client.rawLine()).isEqualTo(")\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(client.line()).isEqualTo("A1 OK done");
            assertThat(client.readUntil(new byte[] {'\r', '\n'})).as("the stream ended before the terminator")
                    .isEqualTo("rest".getBytes(StandardCharsets.US_ASCII));
            assertThat(client.readUntil(new byte[] {'\n'})).isNull();
            assertThat(client.line()).isNull();
        }
    }

    @Test
    void aLineWithoutCrLfOrCutByTheCloseFailsWithTheTranscript() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer("bare\nhalf", true);
                LineClient client = LineClient.connect(peer.dial())) {
            client.sendLine("HELLO");
            assertThatThrownBy(client::line).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("line not ended by CR LF: bare")
                    .hasMessageContaining("C: HELLO\\r\\n").hasMessageContaining("S: bare\\n");
            assertThatThrownBy(client::line).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("connection closed in the middle of a line: half");
        }
    }

    @Test
    void sendsExactlyWhatItIsTold() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer("", false)) {
            try (LineClient client = LineClient.connect(peer.dial())) {
                client.send("a").sendLine("b").sendBytes(new byte[] {'.', '\r', '\n'});
            }
            assertThat(peer.received()).isEqualTo("ab\r\n.\r\n");
        }
    }

    @Test
    void anOrderlyCloseIsSeenAsTheEnd() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer("bye\r\n", true);
                LineClient client = LineClient.connect(peer.dial())) {
            assertThat(client.line()).isEqualTo("bye");
            client.assertEof();
            assertThat(client.isClosedByServer()).isTrue();
        }
    }

    @Test
    void silenceIsNotAClose() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer("", false);
                LineClient client = LineClient.connect(peer.dial())) {
            client.assertSilentFor(200);
            client.setTimeoutMillis(200);
            assertThat(client.isClosedByServer()).isFalse();
        }
    }
}
