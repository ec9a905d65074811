package dev.fakemail.pop3;

import static dev.fakemail.pop3.Pop3Support.base64;
import static dev.fakemail.pop3.Pop3Support.hmacMd5Hex;
import static dev.fakemail.pop3.Pop3Support.md5Hex;
import static dev.fakemail.pop3.Pop3Support.unbase64;
import static dev.fakemail.testing.Stores.deliver;
import static dev.fakemail.testing.Transcripts.clientLines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.testing.Clients;
import dev.fakemail.testing.ClosesServers;
import dev.fakemail.testsupport.Pop3Conversation;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Logging in over a raw socket: APOP (RFC 1939 §7) and AUTH (RFC 5034) with every mechanism, with and without
 * initial response, cancelled, malformed and with wrong credentials; the maildrop is the INBOX of the user.
 */
@Timeout(60)
@ExtendWith(ClosesServers.class)
class Pop3AuthRawTest {
    private static final String BOB = "bob@example.test";
    private static final String PW = "s3cret pw";

    private FakeMailServer server;

    private Pop3Conversation fixedUsers() throws Exception {
        server = FakeMailServer.builder().user(BOB, PW).user("alice@example.test", "other").build().start();
        deliver(server, BOB, "Subject: for bob\r\n\r\nhi\r\n");
        return Clients.openPop3(server);
    }

    private Pop3Conversation anyone() throws Exception {
        server = FakeMailServer.builder().build().start();
        deliver(server, BOB, "Subject: for bob\r\n\r\nhi\r\n");
        return Clients.openPop3(server);
    }

    @Test
    void apopWithTheRightDigest() throws Exception {
        try (Pop3Conversation pop = fixedUsers()) {
            assertThat(pop.command("APOP " + BOB + " " + md5Hex(pop.banner() + "wrong")))
                    .isEqualTo("-ERR [AUTH] invalid user name or digest");
            assertThat(pop.command("APOP nobody " + md5Hex(pop.banner() + PW)))
                    .isEqualTo("-ERR [AUTH] invalid user name or digest");
            // hex digits are case-insensitive
            assertThat(pop.command("APOP " + BOB + " " + md5Hex(pop.banner() + PW).toUpperCase(Locale.ROOT)))
                    .isEqualTo("+OK maildrop locked and ready, 1 messages");
            assertThat(pop.command("STAT")).startsWith("+OK 1 ");
        }
    }

    @Test
    void apopDigestOfAnotherSessionsBannerIsRefused() throws Exception {
        try (Pop3Conversation first = fixedUsers();
                Pop3Conversation second = Clients.openPop3(server)) {
            String replayed = md5Hex(first.banner() + PW);
            assertThat(second.command("APOP " + BOB + " " + replayed)).isEqualTo("-ERR [AUTH] invalid user name or digest");
            assertThat(first.command("APOP " + BOB + " " + replayed)).startsWith("+OK maildrop locked");
        }
    }

    @Test
    void apopInOpenModeAcceptsAnyDigestForAnyName() throws Exception {
        try (Pop3Conversation pop = anyone()) {
            assertThat(pop.command("APOP " + BOB + " " + "0".repeat(32)))
                    .isEqualTo("+OK maildrop locked and ready, 1 messages");
        }
    }

    @Test
    void authPlainWithInitialResponse() throws Exception {
        try (Pop3Conversation pop = fixedUsers()) {
            assertThat(pop.command("AUTH PLAIN " + base64("\0" + BOB + "\0" + PW)))
                    .isEqualTo("+OK maildrop locked and ready, 1 messages");
        }
        assertThat(clientLines(server)).contains("AUTH PLAIN ****").noneMatch(line -> line.contains(base64("\0" + BOB + "\0" + PW)));
    }

    @Test
    void authPlainWithoutInitialResponseAndWithAuthzid() throws Exception {
        try (Pop3Conversation pop = fixedUsers()) {
            assertThat(pop.command("auth plain")).isEqualTo("+ ");
            assertThat(pop.command(base64(BOB + "\0" + BOB + "\0" + PW)))
                    .isEqualTo("+OK maildrop locked and ready, 1 messages");
        }
        assertThat(clientLines(server)).contains("<SASL response hidden>");
    }

    @Test
    void authPlainWrongPasswordMalformedAndProxyAuthorization() throws Exception {
        try (Pop3Conversation pop = fixedUsers()) {
            assertThat(pop.command("AUTH PLAIN " + base64("\0" + BOB + "\0nope"))).isEqualTo("-ERR [AUTH] authentication failed");
            assertThat(pop.command("AUTH PLAIN " + base64("alice@example.test\0" + BOB + "\0" + PW)))
                    .isEqualTo("-ERR [AUTH] authentication failed");
            assertThat(pop.command("AUTH PLAIN " + base64("no nul at all"))).startsWith("-ERR ").doesNotContain("[AUTH]");
            assertThat(pop.command("AUTH PLAIN =")).startsWith("-ERR ");
            pop.expectReplies(
                    "AUTH PLAIN !!notbase64!!", "-ERR initial response is not base64",
                    "AUTH PLAIN", "+ ",
                    "%%%", "-ERR response is not base64");
            assertThat(pop.command("AUTH PLAIN " + base64("\0" + BOB + "\0" + PW))).startsWith("+OK maildrop locked");
        }
    }

    @Test
    void authLoginWithAndWithoutInitialResponse() throws Exception {
        try (Pop3Conversation pop = fixedUsers()) {
            pop.expectReplies(
                    "AUTH LOGIN", "+ " + base64("Username:"),
                    base64(BOB), "+ " + base64("Password:"),
                    base64("bad"), "-ERR [AUTH] authentication failed");

            pop.expectReplies(
                    "AUTH LOGIN " + base64(BOB), "+ " + base64("Password:"),
                    base64(PW), "+OK maildrop locked and ready, 1 messages");
        }
    }

    @Test
    void authCramMd5() throws Exception {
        try (Pop3Conversation pop = fixedUsers()) {
            String challengeLine = pop.command("AUTH CRAM-MD5");
            assertThat(challengeLine).startsWith("+ ");
            byte[] challenge = Base64.getDecoder().decode(challengeLine.substring(2));
            assertThat(new String(challenge, StandardCharsets.UTF_8)).matches("<[^<>]+@[^<>]+>");
            assertThat(pop.command(base64(BOB + " " + hmacMd5Hex("wrong", challenge))))
                    .isEqualTo("-ERR [AUTH] authentication failed");

            challenge = Base64.getDecoder().decode(pop.command("AUTH CRAM-MD5").substring(2));
            assertThat(pop.command(base64(BOB + " " + hmacMd5Hex(PW, challenge))))
                    .isEqualTo("+OK maildrop locked and ready, 1 messages");
        }
    }

    @Test
    void cramMd5RefusesAnInitialResponse() throws Exception {
        try (Pop3Conversation pop = fixedUsers()) {
            assertThat(pop.command("AUTH CRAM-MD5 " + base64(BOB + " " + "0".repeat(32))))
                    .startsWith("-ERR ").doesNotContain("[AUTH]");
        }
    }

    @Test
    void authXoauth2WithTheTokenAsPassword() throws Exception {
        try (Pop3Conversation pop = fixedUsers()) {
            String bad = base64("user=" + BOB + "\u0001auth=Bearer nope\u0001\u0001");
            String errorChallenge = pop.command("AUTH XOAUTH2 " + bad);
            assertThat(errorChallenge).startsWith("+ ");
            assertThat(unbase64(errorChallenge.substring(2))).contains("\"status\":\"401\"");
            assertThat(pop.command("")).isEqualTo("-ERR [AUTH] authentication failed");

            String good = base64("user=" + BOB + "\u0001auth=Bearer " + PW + "\u0001\u0001");
            assertThat(pop.command("AUTH XOAUTH2 " + good)).isEqualTo("+OK maildrop locked and ready, 1 messages");
        }
    }

    @Test
    void authXoauth2WithoutInitialResponse() throws Exception {
        try (Pop3Conversation pop = fixedUsers()) {
            assertThat(pop.command("AUTH XOAUTH2")).isEqualTo("+ ");
            assertThat(pop.command(base64("user=" + BOB + "\u0001auth=Bearer " + PW + "\u0001\u0001")))
                    .isEqualTo("+OK maildrop locked and ready, 1 messages");
        }
    }

    @Test
    void authOauthBearer() throws Exception {
        try (Pop3Conversation pop = fixedUsers()) {
            String bad = base64("n,a=" + BOB + ",\u0001auth=Bearer nope\u0001\u0001");
            String errorChallenge = pop.command("AUTH OAUTHBEARER " + bad);
            assertThat(errorChallenge).startsWith("+ ");
            assertThat(unbase64(errorChallenge.substring(2))).contains("invalid_token");
            assertThat(pop.command(base64("\u0001"))).isEqualTo("-ERR [AUTH] authentication failed");

            String good = base64("n,a=" + BOB + ",\u0001auth=Bearer " + PW + "\u0001\u0001");
            assertThat(pop.command("AUTH OAUTHBEARER " + good)).isEqualTo("+OK maildrop locked and ready, 1 messages");
        }
    }

    @Test
    void authCancelledUnsupportedOrWithoutMechanism() throws Exception {
        try (Pop3Conversation pop = fixedUsers()) {
            assertThat(pop.command("AUTH LOGIN")).startsWith("+ ");
            pop.expectReplies(
                    "*", "-ERR authentication cancelled",
                    "AUTH GSSAPI", "-ERR unsupported authentication mechanism",
                    "AUTH", "-ERR AUTH needs a mechanism: PLAIN LOGIN CRAM-MD5 XOAUTH2 OAUTHBEARER");
            assertThat(pop.command("AUTH PLAIN a b")).startsWith("-ERR AUTH needs a mechanism");
            // while an exchange runs, a command word is just a (bad) SASL response, not a command
            assertThat(pop.command("AUTH LOGIN")).startsWith("+ ");
            assertThat(pop.command("STAT 1")).isEqualTo("-ERR response is not base64");
            // "QUIT" happens to be valid base64: inside an exchange it is taken as the LOGIN user name
            assertThat(pop.command("AUTH LOGIN")).startsWith("+ ");
            pop.expectReplies(
                    "QUIT", "+ " + base64("Password:"),
                    "*", "-ERR authentication cancelled",
                    "QUIT", "+OK fakemail POP3 server signing off");
        }
    }

    @Test
    void openModeAcceptsAnyPasswordAndTheMaildropIsTheLoginNamesInbox() throws Exception {
        try (Pop3Conversation pop = anyone()) {
            pop.expectReplies(
                    "USER " + BOB.toUpperCase(Locale.ROOT), "+OK send PASS",
                    "PASS whatever", "+OK maildrop locked and ready, 1 messages");
            assertThat(pop.multiLineText("TOP 1 0")).contains("Subject: for bob");
        }
        try (Pop3Conversation pop = Clients.openPop3(server)) {
            pop.expectReplies(
                    "USER someone-else@example.test", "+OK send PASS",
                    "PASS", "+OK maildrop locked and ready, 0 messages");
            assertThat(pop.multiLineText("LIST")).isEqualTo("+OK 0 messages\r\n.\r\n");
            assertThat(pop.command("STAT")).isEqualTo("+OK 0 0");
        }
    }
}
