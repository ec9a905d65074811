package dev.fakemail.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ConversationsTest {
    @Test
    void anSmtpReplyIsAllItsLinesWithTheirCrLf() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer("220 mx ESMTP\r\n250-mx\r\n250-SIZE 10\r\n250 HELP\r\n"
                + "550 5.1.1 no\r\n", false);
                SmtpConversation smtp = SmtpConversation.open(peer.dial())) {
            assertThat(smtp.command("EHLO c")).isEqualTo("250-mx\r\n250-SIZE 10\r\n250 HELP\r\n");
            assertThatThrownBy(() -> smtp.expect("RCPT TO:<x@y>", "250")).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("expected 250, got 550 5.1.1 no");
            assertThat(SmtpConversation.lastLine("250-mx\r\n250 HELP\r\n")).isEqualTo("250 HELP");
        }
    }

    @Test
    void aCloseInsteadOfAnSmtpReplyIsAnIoException() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer("220 mx\r\n354 go\r\n", true);
                SmtpConversation smtp = SmtpConversation.open(peer.dial())) {
            // The peer has closed: the client sees the end of the stream (EOF) or, writing, a broken pipe.
            assertThatThrownBy(() -> smtp.data("Subject: x\r\n\r\nHi")).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aPop3MultiLineResponseIsReadByteForByteAndUnstuffed() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer("+OK ready <1.2@h>\r\n+OK\r\n+OK 12 octets\r\n..dot\r\nb\r\n.\r\n"
                + "-ERR no such message\r\n", false);
                Pop3Conversation pop = Pop3Conversation.open(peer.dial())) {
            assertThat(pop.banner()).isEqualTo("<1.2@h>");
            assertThat(pop.command("NOOP")).isEqualTo("+OK");
            byte[] response = pop.multiLineCommand("RETR 1");
            assertThat(new String(response, StandardCharsets.US_ASCII))
                    .isEqualTo("+OK 12 octets\r\n..dot\r\nb\r\n.\r\n");
            assertThat(DotStuffing.unstuffedContent(response)).isEqualTo(".dot\r\nb\r\n".getBytes(
                    StandardCharsets.US_ASCII));
            assertThat(pop.multiLineText("RETR 2")).isEqualTo("-ERR no such message\r\n");
        }
    }

    @Test
    void stuffingAndUnstuffingAreInverse() {
        byte[] data = ".a\r\nb\r\n..c\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] stuffed = DotStuffing.stuffed(data);
        assertThat(new String(stuffed, StandardCharsets.US_ASCII)).isEqualTo("..a\r\nb\r\n...c\r\n");
        byte[] response = ("+OK\r\n" + new String(stuffed, StandardCharsets.US_ASCII) + ".\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(DotStuffing.unstuffedContent(response)).isEqualTo(data);
        assertThat(DotStuffing.onlyCrLfLineEnds(data)).isTrue();
        assertThat(DotStuffing.onlyCrLfLineEnds("a\nb".getBytes(StandardCharsets.US_ASCII))).isFalse();
    }
}
