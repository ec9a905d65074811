package dev.fakemail.internal.smtp;

import static dev.fakemail.internal.imap.MemorySessions.atEverySplit;
import static dev.fakemail.internal.smtp.SmtpScript.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.internal.net.MemoryTransport;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.testing.ExpectedSmtp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole SMTP conversation, without sockets, with the client's bytes split at every offset: framing must
 * never depend on how TCP happens to cut the stream.
 */
class SmtpSessionSplitInputTest {
    private static final String CLIENT_BYTES = ""
            + "EHLO client.test\r\n"
            + "MAIL FROM:<alice@example.test> BODY=8BITMIME SIZE=100\r\n"
            + "RCPT TO:<bob@example.test> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob+40example.test\r\n"
            + "RCPT TO:<carol@example.test>\r\n"
            + "DATA\r\n"
            + "Subject: split\r\n"
            + "\r\n"
            + "..leading dot\r\n"
            + ".\r\n"
            + "MAIL FROM:<>\r\n"
            + "RCPT TO:<bob@example.test>\r\n"
            + "BDAT 16\r\n"
            + "Subject: chunk\r\n"
            + "BDAT 13 LAST\r\n"
            + "\r\n.no stuff\r\n"
            + "QUIT\r\n";

    private static final String EXPECTED_REPLIES = ""
            + "220 mx.test ESMTP fakemail\r\n"
            + ExpectedSmtp.defaultEhlo(1048576)
            + "250 2.1.0 Ok\r\n"
            + "250 2.1.5 Ok\r\n"
            + "250 2.1.5 Ok\r\n"
            + "354 End data with <CR><LF>.<CR><LF>\r\n"
            + "250 2.0.0 Ok: queued as 1\r\n"
            + "250 2.1.0 Ok\r\n"
            + "250 2.1.5 Ok\r\n"
            + "250 2.0.0 Ok: 16 octets received\r\n"
            + "250 2.0.0 Ok: queued as 2\r\n"
            + "221 2.0.0 mx.test Bye\r\n";

    @Test
    void sameRepliesAndMessagesWhereverTheInputIsSplit() {
        atEverySplit(CLIENT_BYTES, (transport, split) -> {
            SmtpScript script = new SmtpScript();
            assertThat(script.run(transport)).as(split).isEqualTo(EXPECTED_REPLIES);
            assertStored(script.store.received());
        });
    }

    @Test
    void sameRepliesWhenTheInputArrivesByteByByte() {
        SmtpScript script = new SmtpScript();
        assertThat(script.run(MemoryTransport.inPiecesOf(bytes(CLIENT_BYTES), 1))).isEqualTo(EXPECTED_REPLIES);
        assertStored(script.store.received());
    }

    private static void assertStored(List<ReceivedMessage> received) {
        assertThat(received).hasSize(2);
        ReceivedMessage first = received.get(0);
        assertThat(first.envelope().mailFrom()).isEqualTo("alice@example.test");
        assertThat(first.envelope().mailParameters()).containsEntry("BODY", "8BITMIME").containsEntry("SIZE", "100");
        assertThat(first.envelope().recipientAddresses()).containsExactly("bob@example.test", "carol@example.test");
        assertThat(first.envelope().recipients().get(0).parameters())
                .containsEntry("NOTIFY", "SUCCESS,FAILURE").containsEntry("ORCPT", "rfc822;bob+40example.test");
        assertThat(first.envelope().heloName()).isEqualTo("client.test");
        assertThat(first.envelope().protocol()).isEqualTo("ESMTP");
        assertThat(new String(first.bytes(), StandardCharsets.UTF_8)).isEqualTo(""
                + "Return-Path: <alice@example.test>\r\n"
                + "Received: from client.test ([127.0.0.1])\r\n"
                + "\tby mx.test (fakemail) with ESMTP; Mon, 23 Nov 2026 10:15:30 +0000\r\n"
                + "Subject: split\r\n"
                + "\r\n"
                + ".leading dot\r\n");
        ReceivedMessage second = received.get(1);
        assertThat(second.envelope().mailFrom()).isEmpty();
        assertThat(new String(second.bytes(), StandardCharsets.UTF_8)).isEqualTo(""
                + "Return-Path: <>\r\n"
                + "Received: from client.test ([127.0.0.1])\r\n"
                + "\tby mx.test (fakemail) with ESMTP\r\n"
                + "\tfor <bob@example.test>; Mon, 23 Nov 2026 10:15:30 +0000\r\n"
                + "Subject: chunk\r\n"
                + "\r\n"
                + ".no stuff\r\n");
    }
}
