package dev.fakemail.pop3;

import static dev.fakemail.pop3.Pop3Support.BOB;
import static dev.fakemail.pop3.Pop3Support.base64;
import static dev.fakemail.pop3.Pop3Support.hmacMd5Hex;
import static dev.fakemail.pop3.Pop3Support.md5Hex;
import static dev.fakemail.pop3.Pop3Support.unbase64;
import static dev.fakemail.testing.Transcripts.clientLines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.FakeMailServerBuilder;
import dev.fakemail.testing.Clients;
import dev.fakemail.testing.ServerPerTest;
import dev.fakemail.testsupport.Pop3Conversation;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Logging in over a raw socket: APOP (RFC 1939 §7) and AUTH (RFC 5034) with every mechanism, with and without
 * initial response, cancelled, malformed and with wrong credentials; the maildrop is the INBOX of the user.
 */
@Timeout(60)
class Pop3AuthRawTest extends ServerPerTest {
    private static final String PW = "s3cret pw";
    private static final String LOGGED_IN = "+OK maildrop locked and ready, 1 messages";
    private static final String AUTH_FAILED = "-ERR [AUTH] authentication failed";

    private Pop3Conversation fixedUsers() throws Exception {
        return connectWithOneMessage(FakeMailServer.builder().user(BOB, PW).user("alice@example.test", "other"));
    }

    private Pop3Conversation anyone() throws Exception {
        return connectWithOneMessage(FakeMailServer.builder());
    }

    /** Starts a server of these settings with one message for BOB and connects to it. */
    private Pop3Conversation connectWithOneMessage(FakeMailServerBuilder builder) throws Exception {
        startWithMail(builder, BOB, "Subject: for bob\r\n\r\nhi\r\n");
        return Clients.openPop3(server);
    }

    /** The XOAUTH2 initial response of BOB with this bearer token. */
    private static String xoauth2(String token) {
        return base64("user=" + BOB + "\u0001auth=Bearer " + token + "\u0001\u0001");
    }

    /** The OAUTHBEARER (RFC 7628) initial response of BOB with this bearer token. */
    private static String oauthBearer(String token) {
        return base64("n,a=" + BOB + ",\u0001auth=Bearer " + token + "\u0001\u0001");
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
                    .isEqualTo(LOGGED_IN);
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
                    .isEqualTo(LOGGED_IN);
        }
    }

    @Test
    void authPlainWithInitialResponse() throws Exception {
        try (Pop3Conversation pop = fixedUsers()) {
            assertThat(pop.command("AUTH PLAIN " + base64("\0" + BOB + "\0" + PW)))
                    .isEqualTo(LOGGED_IN);
        }
        assertThat(clientLines(server)).contains("AUTH PLAIN ****").noneMatch(line -> line.contains(base64("\0" + BOB + "\0" + PW)));
    }

    @Test
    void authPlainWithoutInitialResponseAndWithAuthzid() throws Exception {
        try (Pop3Conversation pop = fixedUsers()) {
            assertThat(pop.command("auth plain")).isEqualTo("+ ");
            assertThat(pop.command(base64(BOB + "\0" + BOB + "\0" + PW)))
                    .isEqualTo(LOGGED_IN);
        }
        assertThat(clientLines(server)).contains("<SASL response hidden>");
    }

    @Test
    void authPlainWrongPasswordMalformedAndProxyAuthorization() throws Exception {
        try (Pop3Conversation pop = fixedUsers()) {
            assertThat(pop.command("AUTH PLAIN " + base64("\0" + BOB + "\0nope"))).isEqualTo(AUTH_FAILED);
            assertThat(pop.command("AUTH PLAIN " + base64("alice@example.test\0" + BOB + "\0" + PW)))
                    .isEqualTo(AUTH_FAILED);
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
                    base64("bad"), AUTH_FAILED);

            pop.expectReplies(
                    "AUTH LOGIN " + base64(BOB), "+ " + base64("Password:"),
                    base64(PW), LOGGED_IN);
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
                    .isEqualTo(AUTH_FAILED);

            challenge = Base64.getDecoder().decode(pop.command("AUTH CRAM-MD5").substring(2));
            assertThat(pop.command(base64(BOB + " " + hmacMd5Hex(PW, challenge))))
                    .isEqualTo(LOGGED_IN);
        }
    }

    @Test
    void cramMd5RefusesAnInitialResponse() throws Exception {
        try (Pop3Conversation pop = fixedUsers()) {
            assertThat(pop.command("AUTH CRAM-MD5 " + base64(BOB + " " + "0".repeat(32))))
                    .startsWith("-ERR ").doesNotContain("[AUTH]");
        }
    }

    static Stream<Arguments> bearerTokenMechanisms() {
        return Stream.of(
                // the wrong token is answered by an error challenge that the client then cancels
                Arguments.of("XOAUTH2", (UnaryOperator<String>) Pop3AuthRawTest::xoauth2, "\"status\":\"401\"", ""),
                Arguments.of("OAUTHBEARER", (UnaryOperator<String>) Pop3AuthRawTest::oauthBearer, "invalid_token",
                        base64("\u0001")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bearerTokenMechanisms")
    void bearerTokenWithTheTokenAsPassword(String mechanism, UnaryOperator<String> initialResponse,
            String errorDetail, String cancel) throws Exception {
        try (Pop3Conversation pop = fixedUsers()) {
            String errorChallenge = pop.command("AUTH " + mechanism + " " + initialResponse.apply("nope"));
            assertThat(errorChallenge).startsWith("+ ");
            assertThat(unbase64(errorChallenge.substring(2))).contains(errorDetail);
            assertThat(pop.command(cancel)).isEqualTo(AUTH_FAILED);

            assertThat(pop.command("AUTH " + mechanism + " " + initialResponse.apply(PW))).isEqualTo(LOGGED_IN);
        }
    }

    @Test
    void authXoauth2WithoutInitialResponse() throws Exception {
        try (Pop3Conversation pop = fixedUsers()) {
            assertThat(pop.command("AUTH XOAUTH2")).isEqualTo("+ ");
            assertThat(pop.command(xoauth2(PW))).isEqualTo(LOGGED_IN);
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
                    "PASS whatever", LOGGED_IN);
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
