package dev.fakemail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.testsupport.SmtpConversation;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every error reply, byte for byte, over a real socket; after each, the session still works. */
class SmtpErrorRepliesTest {
    private FakeMailServer server;
    private SmtpConversation smtp;

    @BeforeEach
    void connect() throws IOException {
        server = FakeMailServer.builder().hostname("mx.test").maxMessageSize(1000).maxRecipients(2).build().start();
        smtp = SmtpConversation.connect("127.0.0.1", server.smtp().port());
        assertThat(smtp.reply()).isEqualTo("220 mx.test ESMTP fakemail\r\n");
    }

    @AfterEach
    void close() throws IOException {
        smtp.close();
        server.close();
    }

    private void ehlo() throws IOException {
        assertThat(smtp.command("EHLO client.test")).startsWith("250-mx.test Hello client.test\r\n");
    }

    @Test
    void unknownCommand() throws IOException {
        smtp.expectReplies(
                "FOO bar", "500 5.5.1 Error: command not recognized",
                "", "500 5.5.1 Error: command not recognized");
        ehlo();
    }

    @Test
    void commandsOutOfSequence() throws IOException {
        assertThat(smtp.command("MAIL FROM:<a@example.test>")).isEqualTo("503 5.5.1 Error: send HELO/EHLO first\r\n");
        ehlo();
        smtp.expectReplies(
                "RCPT TO:<b@example.test>", "503 5.5.1 Error: need MAIL command",
                "DATA", "503 5.5.1 Error: need MAIL command",
                "MAIL FROM:<a@example.test>", "250 2.1.0 Ok",
                "MAIL FROM:<a@example.test>", "503 5.5.1 Error: nested MAIL command",
                "DATA", "554 5.5.1 Error: no valid recipients",
                "RSET", "250 2.0.0 Ok",
                "RCPT TO:<b@example.test>", "503 5.5.1 Error: need MAIL command");
    }

    @Test
    void syntaxErrors() throws IOException {
        smtp.expectReplies(
                "HELO", "501 5.5.4 Syntax: HELO hostname",
                "EHLO", "501 5.5.4 Syntax: EHLO hostname");
        ehlo();
        smtp.expectReplies(
                "AUTH", "501 5.5.4 Syntax: AUTH mechanism [initial-response]",
                "MAIL TO:<a@example.test>", "501 5.5.4 Syntax: MAIL FROM:<address>",
                "MAIL FROM:<a@example.test", "501 5.5.4 Syntax: missing '>' after the address",
                "MAIL FROM:<not an address>", "501 5.1.7 Bad sender address syntax",
                "MAIL FROM:<a@example.test> SIZE=big", "501 5.5.4 Syntax: SIZE=<octets>",
                "MAIL FROM:<a@example.test> BODY=9BIT", "501 5.5.4 Syntax: BODY=7BIT|8BITMIME|BINARYMIME",
                "MAIL FROM:<a@example.test> RET=ALL", "501 5.5.4 Syntax: RET=FULL|HDRS",
                "MAIL FROM:<a@example.test> FOO=1", "555 5.5.4 Unsupported option: FOO",
                "MAIL FROM:<a@example.test>", "250 2.1.0 Ok",
                "RCPT TO:<>", "501 5.1.3 Bad recipient address syntax",
                "RCPT TO:<b@@example.test>", "501 5.1.3 Bad recipient address syntax",
                "RCPT TO:<b@example.test> NOTIFY=SOMETIMES", "501 5.5.4 Syntax: NOTIFY=NEVER|SUCCESS,FAILURE,DELAY",
                "RCPT TO:<b@example.test> ORCPT=nosemicolon", "501 5.5.4 Syntax: ORCPT=addr-type;xtext",
                "RCPT FROM:<b@example.test>", "501 5.5.4 Syntax: RCPT TO:<address>",
                "RCPT TO:<b@example.test>", "250 2.1.5 Ok",
                "DATA now", "501 5.5.4 Syntax: DATA",
                "BDAT ten", "501 5.5.4 Syntax: BDAT size [LAST]",
                "RSET now", "501 5.5.4 Syntax: RSET",
                "VRFY", "501 5.5.4 Syntax: VRFY address");
    }

    @Test
    void parametersNeedEhlo() throws IOException {
        smtp.expectReplies(
                "HELO client.test", "250 mx.test Hello client.test",
                "MAIL FROM:<a@example.test> SIZE=10", "555 5.5.4 Error: parameters need EHLO, not HELO",
                "AUTH PLAIN", "503 5.5.1 Error: send EHLO first");
    }

    @Test
    void declaredSizeOverTheLimitIsRefusedUpFront() throws IOException {
        ehlo();
        smtp.expectReplies(
                "MAIL FROM:<a@example.test> SIZE=1001", "552 5.3.4 Message size exceeds fixed limit",
                "MAIL FROM:<a@example.test> SIZE=1000", "250 2.1.0 Ok");
    }

    @Test
    void messageOverTheLimitIsRefusedAfterData() throws IOException {
        ehlo();
        smtp.command("MAIL FROM:<a@example.test>");
        smtp.command("RCPT TO:<b@example.test>");
        assertThat(smtp.command("DATA")).startsWith("354 ");
        String line = "x".repeat(98) + "\r\n";
        assertThat(smtp.command(line.repeat(11) + ".")).isEqualTo("552 5.3.4 Error: message exceeds fixed maximum message size\r\n");
        assertThat(server.messages()).isEmpty();
        assertThat(smtp.command("NOOP")).isEqualTo("250 2.0.0 Ok\r\n");
    }

    @Test
    void tooManyRecipients() throws IOException {
        ehlo();
        smtp.command("MAIL FROM:<a@example.test>");
        smtp.expectReplies(
                "RCPT TO:<b1@example.test>", "250 2.1.5 Ok",
                "RCPT TO:<b2@example.test>", "250 2.1.5 Ok",
                "RCPT TO:<b3@example.test>", "452 4.5.3 Error: too many recipients");
    }

    @Test
    void overlongCommandLine() throws IOException {
        ehlo();
        smtp.expectReplies(
                "NOOP " + "x".repeat(1000), "500 5.5.2 Error: line too long",
                "NOOP", "250 2.0.0 Ok");
    }

    @Test
    void overlongTextLineInData() throws IOException {
        restart(FakeMailServer.builder().hostname("mx.test").maxDataLineLength(1000));
        smtp.command("MAIL FROM:<a@example.test>");
        smtp.command("RCPT TO:<b@example.test>");
        smtp.command("DATA");
        assertThat(smtp.command("Subject: long\r\n\r\n" + "y".repeat(999) + "\r\n.")).isEqualTo("500 5.5.2 Error: line too long\r\n");
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void dataLinesLongerThanRfc5321AreAcceptedUpToTheConfiguredLimit() throws IOException {
        restart(FakeMailServer.builder().hostname("mx.test"));
        String body = "Subject: long\r\n\r\n" + "y".repeat(5_000) + "\r\n";
        smtp.command("MAIL FROM:<a@example.test>");
        smtp.command("RCPT TO:<b@example.test>");
        smtp.command("DATA");
        assertThat(smtp.command(body + ".")).startsWith("250 ");
        assertThat(server.messages()).hasSize(1);
        assertThat(new String(server.messages().get(0).bytes(), java.nio.charset.StandardCharsets.US_ASCII))
                .endsWith(body);
        smtp.command("MAIL FROM:<a@example.test>");
        smtp.command("RCPT TO:<b@example.test>");
        smtp.command("DATA");
        assertThat(smtp.command("Subject: longer\r\n\r\n" + "z".repeat(70_000) + "\r\n."))
                .isEqualTo("500 5.5.2 Error: line too long\r\n");
        assertThat(server.messages()).hasSize(1);
    }

    private void restart(dev.fakemail.FakeMailServerBuilder builder) throws IOException {
        server.close();
        server = builder.build().start();
        smtp.close();
        smtp = SmtpConversation.connect("127.0.0.1", server.smtp().port());
        smtp.reply();
        ehlo();
    }

    @Test
    void nonAsciiAddressesNeedSmtpUtf8() throws IOException {
        ehlo();
        smtp.expectReplies(
                "MAIL FROM:<jürgen@example.test>", "553 5.6.7 Error: non-ASCII sender address needs SMTPUTF8",
                "MAIL FROM:<a@example.test>", "250 2.1.0 Ok",
                "RCPT TO:<dörte@example.test>", "553 5.6.7 Error: non-ASCII recipient address needs SMTPUTF8");
    }

    @Test
    void binaryMimeNeedsBdat() throws IOException {
        ehlo();
        smtp.command("MAIL FROM:<a@example.test> BODY=BINARYMIME");
        smtp.command("RCPT TO:<b@example.test>");
        assertThat(smtp.command("DATA")).isEqualTo("503 5.5.1 Error: BODY=BINARYMIME needs BDAT, not DATA\r\n");
    }

    @Test
    void bdatWithoutTransactionConsumesTheChunk() throws IOException {
        ehlo();
        assertThat(smtp.send("BDAT 5 LAST\r\nNOOP\r").reply()).isEqualTo("503 5.5.1 Error: need MAIL command\r\n");
        assertThat(smtp.command("NOOP")).isEqualTo("250 2.0.0 Ok\r\n");
        smtp.command("MAIL FROM:<a@example.test>");
        smtp.command("RCPT TO:<b@example.test>");
        assertThat(smtp.send("BDAT 3\r\nabc").reply()).isEqualTo("250 2.0.0 Ok: 3 octets received\r\n");
        assertThat(smtp.command("DATA")).isEqualTo("503 5.5.1 Error: DATA after BDAT\r\n");
    }

    @Test
    void bdatOverTheLimitIsReadAndRefused() throws IOException {
        ehlo();
        smtp.command("MAIL FROM:<a@example.test>");
        smtp.command("RCPT TO:<b@example.test>");
        assertThat(smtp.send("BDAT 600\r\n" + "z".repeat(600)).reply()).isEqualTo("250 2.0.0 Ok: 600 octets received\r\n");
        assertThat(smtp.send("BDAT 600\r\n" + "z".repeat(600)).reply()).isEqualTo("552 5.3.4 Error: message exceeds fixed maximum message size\r\n");
        assertThat(smtp.send("BDAT 10 LAST\r\n" + "z".repeat(10)).reply()).isEqualTo("503 5.5.1 Error: need MAIL command\r\n");
        assertThat(smtp.command("NOOP")).isEqualTo("250 2.0.0 Ok\r\n");
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void authErrors() throws IOException {
        ehlo();
        smtp.expectReplies(
                "AUTH KERBEROS_V5", "504 5.5.4 Unrecognized authentication type",
                "AUTH PLAIN !!!", "501 5.5.2 Cannot decode response",
                "AUTH LOGIN", "334 VXNlcm5hbWU6",
                "*", "501 5.7.0 Authentication aborted",
                "AUTH PLAIN AGJvYgBzZWNyZXQ=", "235 2.7.0 Authentication successful",
                "AUTH PLAIN AGJvYgBzZWNyZXQ=", "503 5.5.1 Error: already authenticated");
        assertThat(server.transcripts().get(0).toString()).contains("C: AUTH PLAIN ****").doesNotContain("AGJvYgBzZWNyZXQ=");
    }

    @Test
    void startTlsErrors() throws IOException {
        assertThat(smtp.command("STARTTLS")).isEqualTo("503 5.5.1 Error: send EHLO first\r\n");
        ehlo();
        assertThat(smtp.command("STARTTLS now")).isEqualTo("501 5.5.4 Syntax: STARTTLS\r\n");
    }

    @Test
    void otherCommands() throws IOException {
        ehlo();
        smtp.expectReplies(
                "NOOP anything", "250 2.0.0 Ok",
                "VRFY bob@example.test", "252 2.0.0 Cannot VRFY user, but will accept message and attempt delivery",
                "EXPN staff", "502 5.5.1 Error: EXPN not supported");
        assertThat(smtp.command("HELP")).startsWith("214-2.0.0 ").contains("\r\n214 2.0.0 ");
        assertThat(smtp.command("QUIT")).isEqualTo("221 2.0.0 mx.test Bye\r\n");
        assertThat(smtp.isClosedByServer()).isTrue();
    }

    @Test
    void tooManyErrorsEndTheSession() throws IOException {
        for (int i = 1; i < 20; i++) {
            assertThat(smtp.command("BOGUS")).isEqualTo("500 5.5.1 Error: command not recognized\r\n");
        }
        assertThat(smtp.command("BOGUS")).isEqualTo("500 5.5.1 Error: command not recognized\r\n");
        assertThat(smtp.reply()).isEqualTo("421 4.7.0 mx.test Error: too many errors\r\n");
        assertThat(smtp.isClosedByServer()).isTrue();
    }
}
