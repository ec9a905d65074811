package dev.fakemail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.testsupport.SmtpConversation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Fixed users, required AUTH and TLS, SASL over the wire, SMTPUTF8 and DSN recorded in the envelope. */
class SmtpPolicyTest {

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A started server whose one user is alice@example.test with this password. */
    private static FakeMailServer serverWithAlice(String password) {
        return FakeMailServer.builder().user("alice@example.test", password).build().start();
    }

    /** A conversation with the server's SMTP port that has read the greeting and said EHLO client.test. */
    private static SmtpConversation afterEhlo(FakeMailServer server) throws IOException {
        SmtpConversation smtp = SmtpConversation.connect("127.0.0.1", server.smtp().port());
        smtp.reply();
        smtp.command("EHLO client.test");
        return smtp;
    }

    @Test
    void requireAuthRefusesMailUntilTheClientLoggedIn() throws IOException {
        try (FakeMailServer server = FakeMailServer.builder().requireAuth(true).user("alice@example.test", "secret")
                .build().start();
                SmtpConversation smtp = afterEhlo(server)) {
            assertThat(smtp.command("MAIL FROM:<alice@example.test>")).isEqualTo("530 5.7.0 Authentication required\r\n");
            assertThat(smtp.command("AUTH PLAIN " + b64("\0alice@example.test\0wrong")))
                    .isEqualTo("535 5.7.8 Error: authentication failed\r\n");
            smtp.expectReplies(
                    "AUTH LOGIN", "334 VXNlcm5hbWU6",
                    b64("alice@example.test"), "334 UGFzc3dvcmQ6",
                    b64("secret"), "235 2.7.0 Authentication successful",
                    "MAIL FROM:<alice@example.test>", "250 2.1.0 Ok");
            assertThat(server.transcripts().get(0).toString())
                    .contains("C: <SASL response hidden>").doesNotContain(b64("secret"));
        }
    }

    @Test
    void cramMd5WithAFixedUsersPassword() throws Exception {
        try (FakeMailServer server = serverWithAlice("tanstaaf"); SmtpConversation smtp = afterEhlo(server)) {
            String challengeReply = smtp.command("AUTH CRAM-MD5");
            assertThat(challengeReply).startsWith("334 ");
            String challenge = new String(Base64.getDecoder().decode(challengeReply.substring(4).trim()),
                    StandardCharsets.US_ASCII);
            assertThat(challenge).matches("<[0-9.]+@localhost>");
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec("tanstaaf".getBytes(StandardCharsets.US_ASCII), "HmacMD5"));
            StringBuilder hex = new StringBuilder();
            for (byte b : mac.doFinal(challenge.getBytes(StandardCharsets.US_ASCII))) {
                hex.append(String.format("%02x", b));
            }
            assertThat(smtp.command(b64("alice@example.test " + hex))).isEqualTo("235 2.7.0 Authentication successful\r\n");
        }
    }

    @Test
    void xoauth2FailureFollowsGooglesDance() throws IOException {
        try (FakeMailServer server = serverWithAlice("token-1"); SmtpConversation smtp = afterEhlo(server)) {
            String reply = smtp.command("AUTH XOAUTH2 " + b64("user=alice@example.test\1auth=Bearer nope\1\1"));
            assertThat(reply).startsWith("334 ");
            assertThat(new String(Base64.getDecoder().decode(reply.substring(4).trim()), StandardCharsets.UTF_8))
                    .contains("\"status\":\"401\"");
            assertThat(smtp.command("")).isEqualTo("535 5.7.8 Error: authentication failed\r\n");
            assertThat(smtp.command("AUTH XOAUTH2 " + b64("user=alice@example.test\1auth=Bearer token-1\1\1")))
                    .isEqualTo("235 2.7.0 Authentication successful\r\n");
        }
    }

    @Test
    void authLinesWithRealSizeTokensFitWhileOtherLongLinesAreRefused() throws IOException {
        String token = "ya29." + "x".repeat(1_600); // the size of a real OAuth 2 access token
        try (FakeMailServer server = serverWithAlice(token); SmtpConversation smtp = afterEhlo(server)) {
            assertThat(smtp.command("AUTH XOAUTH2 " + b64("user=alice@example.test\1auth=Bearer " + token + "\1\1")))
                    .isEqualTo("235 2.7.0 Authentication successful\r\n");
            smtp.expectReplies(
                    "NOOP " + "y".repeat(1_100), "500 5.5.2 Error: line too long",
                    "NOOP", "250 2.0.0 Ok");
        }
        try (FakeMailServer server = serverWithAlice(token); SmtpConversation smtp = afterEhlo(server)) {
            assertThat(smtp.command("AUTH OAUTHBEARER")).startsWith("334");
            assertThat(smtp.command(b64("n,a=alice@example.test,\1auth=Bearer " + token + "\1\1")))
                    .isEqualTo("235 2.7.0 Authentication successful\r\n");
        }
    }

    @Test
    void heloNamesWithControlCharactersAreRefusedSoNothingForgesTheReceivedField() throws IOException {
        try (FakeMailServer server = FakeMailServer.builder().build().start();
                SmtpConversation smtp = SmtpConversation.connect("127.0.0.1", server.smtp().port())) {
            smtp.reply();
            assertThat(smtp.command("EHLO evil\rX-Injected: yes")).startsWith("501 ");
            assertThat(smtp.command("HELO evil\0.test")).startsWith("501 ");
            assertThat(smtp.command("EHLO evil\u0007.test")).startsWith("501 ");
            assertThat(smtp.command("EHLO [192.0.2.1]")).startsWith("250-");
            assertThat(smtp.command("HELO client.test")).isEqualTo("250 localhost Hello client.test\r\n");
        }
    }

    @Test
    void addressesThatAreNotWellFormedUtf8AreRefusedNotAltered() throws IOException {
        try (FakeMailServer server = FakeMailServer.builder().build().start();
                SmtpConversation smtp = afterEhlo(server)) {
            smtp.sendBytes("MAIL FROM:<b\u00ffob@example.test> SMTPUTF8\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(smtp.reply()).isEqualTo("553 5.6.7 address is not well-formed UTF-8\r\n");
            assertThat(smtp.command("MAIL FROM:<jörg@example.test> SMTPUTF8")).isEqualTo("250 2.1.0 Ok\r\n");
            smtp.sendBytes("RCPT TO:<\u00e9ve@example.test>\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(smtp.reply()).isEqualTo("553 5.6.7 address is not well-formed UTF-8\r\n");
            assertThat(smtp.command("RCPT TO:<ève@example.test>")).isEqualTo("250 2.1.5 Ok\r\n");
        }
    }

    @Test
    void requireTlsRefusesMailAndAuthInPlaintext() throws IOException {
        try (FakeMailServer server = FakeMailServer.builder().requireTls(true).build().start();
                SmtpConversation smtp = SmtpConversation.connect("127.0.0.1", server.smtp().port())) {
            smtp.reply();
            String ehlo = smtp.command("EHLO client.test");
            assertThat(ehlo).contains("250-STARTTLS").doesNotContain("AUTH");
            assertThat(smtp.command("MAIL FROM:<a@example.test>")).isEqualTo("530 5.7.0 Must issue a STARTTLS command first\r\n");
            assertThat(smtp.command("AUTH PLAIN " + b64("\0bob\0pw")))
                    .isEqualTo("538 5.7.11 Encryption required for requested authentication mechanism\r\n");
            smtp.expectReplies(
                    "VRFY bob@example.test", "530 5.7.0 Must issue a STARTTLS command first",
                    "NOOP", "250 2.0.0 Ok");
        }
    }

    @Test
    void utf8AddressesAndDsnParametersAreRecorded() throws IOException {
        try (FakeMailServer server = FakeMailServer.builder().build().start();
                SmtpConversation smtp = afterEhlo(server)) {
            assertThat(smtp.command("MAIL FROM:<jürgen@bücher.example> SMTPUTF8 RET=HDRS ENVID=QQ314159"))
                    .isEqualTo("250 2.1.0 Ok\r\n");
            assertThat(smtp.command("RCPT TO:<дмитрий@пример.example> NOTIFY=NEVER")).isEqualTo("250 2.1.5 Ok\r\n");
            smtp.command("DATA");
            assertThat(smtp.command("Subject: Grüße\r\n\r\nHallo\r\n.")).startsWith("250 2.0.0 Ok");
            ReceivedMessage message = server.messages().get(0);
            assertThat(message.envelope().mailFrom()).isEqualTo("jürgen@bücher.example");
            assertThat(message.envelope().mailParameters())
                    .containsEntry("SMTPUTF8", "").containsEntry("RET", "HDRS").containsEntry("ENVID", "QQ314159");
            assertThat(message.envelope().recipients().get(0).parameters()).containsEntry("NOTIFY", "NEVER");
            assertThat(message.envelope().protocol()).isEqualTo("UTF8SMTP");
            assertThat(message.subject()).isEqualTo("Grüße");
            assertThat(server.store().users()).containsExactly("дмитрий@пример.example");
        }
    }

    @Test
    void vrfyKnowsFixedUsers() throws IOException {
        try (FakeMailServer server = serverWithAlice("pw");
                SmtpConversation smtp = SmtpConversation.connect("127.0.0.1", server.smtp().port())) {
            smtp.reply();
            assertThat(smtp.command("VRFY alice@example.test")).isEqualTo("250 2.1.5 <alice@example.test>\r\n");
            assertThat(smtp.command("VRFY <nobody@example.test>"))
                    .isEqualTo("550 5.1.1 <nobody@example.test>: Recipient address rejected: User unknown\r\n");
        }
    }
}
