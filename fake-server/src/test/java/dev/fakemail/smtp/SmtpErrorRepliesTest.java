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
        assertThat(smtp.command("FOO bar")).isEqualTo("500 5.5.1 Error: command not recognized\r\n");
        assertThat(smtp.command("")).isEqualTo("500 5.5.1 Error: command not recognized\r\n");
        ehlo();
    }

    @Test
    void commandsOutOfSequence() throws IOException {
        assertThat(smtp.command("MAIL FROM:<a@example.test>")).isEqualTo("503 5.5.1 Error: send HELO/EHLO first\r\n");
        ehlo();
        assertThat(smtp.command("RCPT TO:<b@example.test>")).isEqualTo("503 5.5.1 Error: need MAIL command\r\n");
        assertThat(smtp.command("DATA")).isEqualTo("503 5.5.1 Error: need MAIL command\r\n");
        assertThat(smtp.command("MAIL FROM:<a@example.test>")).isEqualTo("250 2.1.0 Ok\r\n");
        assertThat(smtp.command("MAIL FROM:<a@example.test>")).isEqualTo("503 5.5.1 Error: nested MAIL command\r\n");
        assertThat(smtp.command("DATA")).isEqualTo("554 5.5.1 Error: no valid recipients\r\n");
        assertThat(smtp.command("RSET")).isEqualTo("250 2.0.0 Ok\r\n");
        assertThat(smtp.command("RCPT TO:<b@example.test>")).isEqualTo("503 5.5.1 Error: need MAIL command\r\n");
    }

    @Test
    void syntaxErrors() throws IOException {
        assertThat(smtp.command("HELO")).isEqualTo("501 5.5.4 Syntax: HELO hostname\r\n");
        assertThat(smtp.command("EHLO")).isEqualTo("501 5.5.4 Syntax: EHLO hostname\r\n");
        ehlo();
        assertThat(smtp.command("AUTH")).isEqualTo("501 5.5.4 Syntax: AUTH mechanism [initial-response]\r\n");
        assertThat(smtp.command("MAIL TO:<a@example.test>")).isEqualTo("501 5.5.4 Syntax: MAIL FROM:<address>\r\n");
        assertThat(smtp.command("MAIL FROM:<a@example.test")).isEqualTo("501 5.5.4 Syntax: missing '>' after the address\r\n");
        assertThat(smtp.command("MAIL FROM:<not an address>")).isEqualTo("501 5.1.7 Bad sender address syntax\r\n");
        assertThat(smtp.command("MAIL FROM:<a@example.test> SIZE=big")).isEqualTo("501 5.5.4 Syntax: SIZE=<octets>\r\n");
        assertThat(smtp.command("MAIL FROM:<a@example.test> BODY=9BIT")).isEqualTo("501 5.5.4 Syntax: BODY=7BIT|8BITMIME|BINARYMIME\r\n");
        assertThat(smtp.command("MAIL FROM:<a@example.test> RET=ALL")).isEqualTo("501 5.5.4 Syntax: RET=FULL|HDRS\r\n");
        assertThat(smtp.command("MAIL FROM:<a@example.test> FOO=1")).isEqualTo("555 5.5.4 Unsupported option: FOO\r\n");
        assertThat(smtp.command("MAIL FROM:<a@example.test>")).isEqualTo("250 2.1.0 Ok\r\n");
        assertThat(smtp.command("RCPT TO:<>")).isEqualTo("501 5.1.3 Bad recipient address syntax\r\n");
        assertThat(smtp.command("RCPT TO:<b@@example.test>")).isEqualTo("501 5.1.3 Bad recipient address syntax\r\n");
        assertThat(smtp.command("RCPT TO:<b@example.test> NOTIFY=SOMETIMES")).isEqualTo("501 5.5.4 Syntax: NOTIFY=NEVER|SUCCESS,FAILURE,DELAY\r\n");
        assertThat(smtp.command("RCPT TO:<b@example.test> ORCPT=nosemicolon")).isEqualTo("501 5.5.4 Syntax: ORCPT=addr-type;xtext\r\n");
        assertThat(smtp.command("RCPT FROM:<b@example.test>")).isEqualTo("501 5.5.4 Syntax: RCPT TO:<address>\r\n");
        assertThat(smtp.command("RCPT TO:<b@example.test>")).isEqualTo("250 2.1.5 Ok\r\n");
        assertThat(smtp.command("DATA now")).isEqualTo("501 5.5.4 Syntax: DATA\r\n");
        assertThat(smtp.command("BDAT ten")).isEqualTo("501 5.5.4 Syntax: BDAT size [LAST]\r\n");
        assertThat(smtp.command("RSET now")).isEqualTo("501 5.5.4 Syntax: RSET\r\n");
        assertThat(smtp.command("VRFY")).isEqualTo("501 5.5.4 Syntax: VRFY address\r\n");
    }

    @Test
    void parametersNeedEhlo() throws IOException {
        assertThat(smtp.command("HELO client.test")).isEqualTo("250 mx.test Hello client.test\r\n");
        assertThat(smtp.command("MAIL FROM:<a@example.test> SIZE=10")).isEqualTo("555 5.5.4 Error: parameters need EHLO, not HELO\r\n");
        assertThat(smtp.command("AUTH PLAIN")).isEqualTo("503 5.5.1 Error: send EHLO first\r\n");
    }

    @Test
    void declaredSizeOverTheLimitIsRefusedUpFront() throws IOException {
        ehlo();
        assertThat(smtp.command("MAIL FROM:<a@example.test> SIZE=1001")).isEqualTo("552 5.3.4 Message size exceeds fixed limit\r\n");
        assertThat(smtp.command("MAIL FROM:<a@example.test> SIZE=1000")).isEqualTo("250 2.1.0 Ok\r\n");
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
        assertThat(smtp.command("RCPT TO:<b1@example.test>")).isEqualTo("250 2.1.5 Ok\r\n");
        assertThat(smtp.command("RCPT TO:<b2@example.test>")).isEqualTo("250 2.1.5 Ok\r\n");
        assertThat(smtp.command("RCPT TO:<b3@example.test>")).isEqualTo("452 4.5.3 Error: too many recipients\r\n");
    }

    @Test
    void overlongCommandLine() throws IOException {
        ehlo();
        assertThat(smtp.command("NOOP " + "x".repeat(1000))).isEqualTo("500 5.5.2 Error: line too long\r\n");
        assertThat(smtp.command("NOOP")).isEqualTo("250 2.0.0 Ok\r\n");
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
        assertThat(smtp.command("MAIL FROM:<jürgen@example.test>")).isEqualTo("553 5.6.7 Error: non-ASCII sender address needs SMTPUTF8\r\n");
        assertThat(smtp.command("MAIL FROM:<a@example.test>")).isEqualTo("250 2.1.0 Ok\r\n");
        assertThat(smtp.command("RCPT TO:<dörte@example.test>")).isEqualTo("553 5.6.7 Error: non-ASCII recipient address needs SMTPUTF8\r\n");
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
        assertThat(smtp.command("AUTH KERBEROS_V5")).isEqualTo("504 5.5.4 Unrecognized authentication type\r\n");
        assertThat(smtp.command("AUTH PLAIN !!!")).isEqualTo("501 5.5.2 Cannot decode response\r\n");
        assertThat(smtp.command("AUTH LOGIN")).isEqualTo("334 VXNlcm5hbWU6\r\n");
        assertThat(smtp.command("*")).isEqualTo("501 5.7.0 Authentication aborted\r\n");
        assertThat(smtp.command("AUTH PLAIN AGJvYgBzZWNyZXQ=")).isEqualTo("235 2.7.0 Authentication successful\r\n");
        assertThat(smtp.command("AUTH PLAIN AGJvYgBzZWNyZXQ=")).isEqualTo("503 5.5.1 Error: already authenticated\r\n");
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
        assertThat(smtp.command("NOOP anything")).isEqualTo("250 2.0.0 Ok\r\n");
        assertThat(smtp.command("VRFY bob@example.test")).isEqualTo("252 2.0.0 Cannot VRFY user, but will accept message and attempt delivery\r\n");
        assertThat(smtp.command("EXPN staff")).isEqualTo("502 5.5.1 Error: EXPN not supported\r\n");
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
