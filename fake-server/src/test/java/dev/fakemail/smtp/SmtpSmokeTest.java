package dev.fakemail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.testsupport.SmtpConversation;
import org.junit.jupiter.api.Test;

class SmtpSmokeTest {
    @Test
    void acceptsAMessage() throws Exception {
        try (FakeMailServer server = FakeMailServer.builder().build().start();
                SmtpConversation smtp = SmtpConversation.connect("127.0.0.1", server.smtp().port())) {
            assertThat(smtp.reply()).isEqualTo("220 localhost ESMTP fakemail\r\n");
            assertThat(smtp.command("EHLO client.test")).startsWith("250-localhost Hello client.test\r\n");
            smtp.expectReplies(
                    "MAIL FROM:<alice@example.test>", "250 2.1.0 Ok",
                    "RCPT TO:<bob@example.test>", "250 2.1.5 Ok",
                    "DATA", "354 End data with <CR><LF>.<CR><LF>",
                    "Subject: hi\r\n\r\n..dot\r\n.", "250 2.0.0 Ok: queued as 1",
                    "QUIT", "221 2.0.0 localhost Bye");
            ReceivedMessage message = server.messages().get(0);
            assertThat(message.subject()).isEqualTo("hi");
            assertThat(message.asString()).startsWith("Return-Path: <alice@example.test>\r\nReceived: from client.test ([127.0.0.1])\r\n")
                    .endsWith("Subject: hi\r\n\r\n.dot\r\n");
        }
    }
}
