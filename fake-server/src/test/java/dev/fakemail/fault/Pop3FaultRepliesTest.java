package dev.fakemail.fault;

import static dev.fakemail.fault.FaultTestClients.ALICE;
import static dev.fakemail.fault.FaultTestClients.BOB;
import static dev.fakemail.fault.FaultTestClients.loginWhenUnlocked;
import static dev.fakemail.testing.Stores.inbox;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.fault.FaultTestClients.Raw;
import dev.fakemail.fault.SmtpFaultSupport.Client;
import dev.fakemail.testing.ServerPerTest;
import dev.fakemail.testsupport.ManualClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scripted replies over POP3, byte for byte: "-ERR [code] text" instead of a command (the command is not
 * executed), refusal at connect, replies that close, the authentication trigger refusing USER/PASS, AUTH PLAIN
 * and APOP with [AUTH], and rate limits measured on an injected clock.
 */
@Timeout(30)
class Pop3FaultRepliesTest extends ServerPerTest {
    private static final String M1 = "Subject: one\r\n\r\nfirst body\r\n";
    private static final String M2 = "Subject: two\r\n\r\nsecond body\r\n";

    private Raw connect() throws Exception {
        return Raw.greeted(server);
    }

    private Raw loggedIn(String user) throws Exception {
        Raw pop = connect();
        pop.login(user, "pw");
        return pop;
    }

    @Test
    void retrOfOneMessageGetsTheScriptedErrAndOthersAreServed() throws Exception {
        startWithMail(FakeMailServer.builder(), BOB, M1, M2);
        FaultHandle busy = server.faults().pop3(Trigger.command("RETR", "2")).reply(451, "mailbox busy, try later");

        try (Raw pop = loggedIn(BOB)) {
            assertThat(pop.multiLineText("RETR 1")).isEqualTo("+OK " + M1.length() + " octets\r\n" + M1 + ".\r\n");
            assertThat(pop.command("RETR 2")).isEqualTo("-ERR [SYS/TEMP] mailbox busy, try later");
            assertThat(pop.command("NOOP")).as("the session goes on").isEqualTo("+OK");
            assertThat(busy.occurrences()).as("RETR 1 does not match \"2\"").isEqualTo(1);
            assertThat(busy.hits()).isEqualTo(1);

            assertThat(busy.remove()).isTrue();
            assertThat(pop.multiLineText("RETR 2")).isEqualTo("+OK " + M2.length() + " octets\r\n" + M2 + ".\r\n");
        }
    }

    @Test
    void replyCodesMapToPop3ResponseCodes() throws Exception {
        startWithMail(FakeMailServer.builder(), BOB, M1);
        FaultPlan faults = server.faults();
        try (Raw pop = loggedIn(BOB)) {
            faults.pop3(Trigger.command("STAT")).once().reply(451, "", "temporary");
            assertThat(pop.command("STAT")).isEqualTo("-ERR [SYS/TEMP] temporary");
            faults.pop3(Trigger.command("STAT")).once().reply(550, "permanent");
            assertThat(pop.command("STAT")).isEqualTo("-ERR [SYS/PERM] permanent");
            faults.pop3(Trigger.command("STAT")).once().reply(554, "5.7.1", "smtp-style status");
            assertThat(pop.command("STAT")).as("an SMTP enhanced status is no POP3 code")
                    .isEqualTo("-ERR [SYS/PERM] smtp-style status");
            faults.pop3(Trigger.command("STAT")).once().reply(450, "4.2.1", "smtp-style status");
            assertThat(pop.command("STAT")).isEqualTo("-ERR [SYS/TEMP] smtp-style status");
            faults.pop3(Trigger.command("STAT")).once().reply(452, "IN-USE", "locked elsewhere");
            assertThat(pop.command("STAT")).isEqualTo("-ERR [IN-USE] locked elsewhere");
            faults.pop3(Trigger.command("STAT")).once().reply(500, "sys/perm", "lower case code");
            assertThat(pop.command("STAT")).isEqualTo("-ERR [SYS/PERM] lower case code");
            assertThat(pop.command("STAT")).as("every once-rule is spent").isEqualTo("+OK 1 " + M1.length());

            // Below 400 it is "+OK text" and the command is still not executed: DELE deletes nothing.
            faults.pop3(Trigger.command("DELE", "1")).once().reply(250, "", "pretending to delete");
            pop.expectReplies(
                    "DELE 1", "+OK pretending to delete",
                    "QUIT", "+OK fakemail POP3 server signing off (1 messages left)");
        }
        assertThat(inbox(server, BOB)).hasSize(1);
    }

    @Test
    void reply421OnACommandClosesTheConnection() throws Exception {
        startWithMail(FakeMailServer.builder(), BOB, M1);
        server.faults().pop3(Trigger.command("STAT")).once().reply(421, "4.3.2", "system going down");
        try (Raw pop = loggedIn(BOB)) {
            assertThat(pop.command("STAT")).isEqualTo("-ERR [SYS/TEMP] system going down");
            assertThat(pop.line()).as("421 closes, like SMTP").isNull();
        }
        try (Raw pop = loginWhenUnlocked(server, BOB)) {
            assertThat(pop.command("STAT")).isEqualTo("+OK 1 " + M1.length());
        }
    }

    @Test
    void commandTriggersMatchVerbsCaseInsensitivelyAndArgumentsByGlob() throws Exception {
        startWithMail(FakeMailServer.builder(), BOB, M1, M2);
        server.faults().pop3(Trigger.command("retr", "2")).reply(451, "lower-case rule");
        server.faults().pop3(Trigger.command("LIST", "?")).reply(451, "one character");
        try (Raw pop = loggedIn(BOB)) {
            pop.expectReplies(
                    "retr 2", "-ERR [SYS/TEMP] lower-case rule",
                    "Retr 2", "-ERR [SYS/TEMP] lower-case rule",
                    "LIST 1", "-ERR [SYS/TEMP] one character");
            assertThat(pop.command("LIST 12")).as("'?' is exactly one character").isEqualTo("-ERR no such message, only 2 in maildrop");
            assertThat(pop.multiLineText("LIST")).as("no argument does not match '?'")
                    .isEqualTo("+OK 2 messages\r\n1 " + M1.length() + "\r\n2 " + M2.length() + "\r\n.\r\n");
        }
    }

    @Test
    void connectRuleRefusesTheGreetingAndCloses() throws Exception {
        start(FakeMailServer.builder());
        FaultHandle refuse = server.faults().pop3(Trigger.connect()).reply(421, "4.7.0", "too busy, come back later");
        for (int i = 0; i < 2; i++) {
            try (Raw pop = Raw.connect(server)) {
                assertThat(new String(pop.readToEnd(), StandardCharsets.US_ASCII))
                        .isEqualTo("-ERR [SYS/TEMP] too busy, come back later\r\n");
            }
        }
        assertThat(refuse.hits()).isEqualTo(2);
        refuse.remove();

        server.faults().add(FaultRecipes.refuseConnections(Protocol.POP3));
        try (Raw pop = Raw.connect(server)) {
            assertThat(new String(pop.readToEnd(), StandardCharsets.US_ASCII))
                    .isEqualTo("-ERR [SYS/TEMP] Too many connections, try again later\r\n");
        }
        server.faults().clear();
        try (Raw pop = connect()) {
            assertThat(pop.command("QUIT")).isEqualTo("+OK fakemail POP3 server signing off");
        }
    }

    @Test
    void connectRuleForTheNextConnectionOnlyRefusesThatOne() throws Exception {
        start(FakeMailServer.builder());
        server.faults().pop3(Trigger.connect()).forNextConnection().reply(421, "just you");
        // An SMTP connection does not take a POP3 rule's next-connection scope.
        try (Client smtp = Client.connect(server)) {
            assertThat(smtp.reply()).startsWith("220 ");
        }
        try (Raw pop = Raw.connect(server)) {
            assertThat(pop.line()).isEqualTo("-ERR [SYS/TEMP] just you");
            assertThat(pop.line()).as("421 closes").isNull();
        }
        try (Raw pop = connect()) {
            assertThat(pop.command("NOOP")).as("in AUTHORIZATION NOOP is not valid")
                    .isEqualTo("-ERR command not valid in this state");
        }
    }

    @Test
    void replyAndDisconnectSendsTheErrThenClosesAndTheMaildropIsUnlocked() throws Exception {
        startWithMail(FakeMailServer.builder(), BOB, M1);
        server.faults().pop3(Trigger.command("LIST")).once().replyAndDisconnect(451, "", "shutting down");
        try (Raw pop = loggedIn(BOB)) {
            pop.expectReplies(
                    "DELE 1", "+OK message 1 deleted",
                    "LIST", "-ERR [SYS/TEMP] shutting down");
            assertThat(pop.line()).isNull();
        }
        try (Raw pop = loginWhenUnlocked(server, BOB)) {
            assertThat(pop.command("STAT")).as("no QUIT, no UPDATE: nothing deleted").isEqualTo("+OK 1 " + M1.length());
        }
    }

    @Test
    void authenticationTriggerRefusesValidUserPassWithAuthCodeOnce() throws Exception {
        start(FakeMailServer.builder().user(BOB, "bob-pw").user(ALICE, "alice-pw"));
        FaultHandle locked = server.faults().pop3(Trigger.authentication("USER", BOB)).once()
                .reply(535, "AUTH", "account temporarily locked");

        try (Raw pop = connect()) {
            pop.expectReplies(
                    "USER " + BOB, "+OK send PASS",
                    "PASS wrong", "-ERR [AUTH] invalid user name or password");
            assertThat(locked.occurrences()).as("only valid credentials reach the trigger").isZero();

            pop.expectReplies(
                    "USER " + BOB, "+OK send PASS",
                    "PASS bob-pw", "-ERR [AUTH] account temporarily locked");
            assertThat(pop.command("STAT")).as("still not logged in").isEqualTo("-ERR command not valid in this state");

            pop.expectReplies(
                    "USER " + BOB, "+OK send PASS",
                    "PASS bob-pw", "+OK maildrop locked and ready, 0 messages");
        }
        try (Raw pop = connect()) {
            pop.expectReplies(
                    "USER " + ALICE, "+OK send PASS",
                    "PASS alice-pw", "+OK maildrop locked and ready, 0 messages");
        }
        assertThat(locked.hits()).isEqualTo(1);
    }

    @Test
    void authenticationTriggerRefusesAuthPlainButNotUserPass() throws Exception {
        start(FakeMailServer.builder().user(BOB, "bob-pw"));
        server.faults().pop3(Trigger.authentication("PLAIN", "*")).reply(535, "AUTH", "no PLAIN today");
        String credentials = Base64.getEncoder().encodeToString(("\0" + BOB + "\0bob-pw").getBytes(StandardCharsets.UTF_8));

        try (Raw pop = connect()) {
            pop.expectReplies(
                    "AUTH PLAIN " + credentials, "-ERR [AUTH] no PLAIN today",
                    "AUTH PLAIN", "+ ",
                    credentials, "-ERR [AUTH] no PLAIN today",
                    "USER " + BOB, "+OK send PASS",
                    "PASS bob-pw", "+OK maildrop locked and ready, 0 messages");
        }
    }

    @Test
    void authenticationTriggerRefusesApop() throws Exception {
        start(FakeMailServer.builder().user(BOB, "bob-pw"));
        server.faults().pop3(Trigger.authentication("APOP", "bob@*")).once().reply(535, "AUTH", "no APOP");
        for (String expected : new String[] {"-ERR [AUTH] no APOP", "+OK maildrop locked and ready, 0 messages"}) {
            try (Raw pop = Raw.connect(server)) {
                String greeting = pop.line();
                String banner = greeting.substring(greeting.indexOf('<'), greeting.indexOf('>') + 1);
                String digest = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                        .digest((banner + "bob-pw").getBytes(StandardCharsets.UTF_8)));
                assertThat(pop.command("APOP " + BOB + " " + digest)).isEqualTo(expected);
            }
        }
    }

    @Test
    void rateLimitCountsInAWindowOfTheInjectedClock() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));
        start(FakeMailServer.builder().clock(clock));
        FaultHandle limit = server.faults().pop3(Trigger.command("STAT")).rateLimit(2, Duration.ofMinutes(1));
        try (Raw pop = loggedIn(BOB)) {
            assertThat(pop.command("STAT")).isEqualTo("+OK 0 0");
            clock.advance(Duration.ofSeconds(30));
            pop.expectReplies(
                    "STAT", "+OK 0 0",
                    "STAT", "-ERR [SYS/TEMP] Rate limit exceeded, try again later");
            clock.advance(Duration.ofSeconds(29));
            assertThat(pop.command("STAT")).as("the first is 59 s old: still in the window")
                    .isEqualTo("-ERR [SYS/TEMP] Rate limit exceeded, try again later");
            clock.advance(Duration.ofSeconds(2));
            assertThat(pop.command("STAT")).as("the first left the window").isEqualTo("+OK 0 0");
            assertThat(pop.command("STAT")).isEqualTo("-ERR [SYS/TEMP] Rate limit exceeded, try again later");
        }
        assertThat(limit.occurrences()).isEqualTo(6);
        assertThat(limit.hits()).as("only refusals are hits").isEqualTo(3);
    }

    @Test
    void rateLimitOnConnectRefusesTheGreetingAndCloses() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));
        start(FakeMailServer.builder().clock(clock));
        server.faults().addText("pop3 connect -> rate-limit 1/1m");
        try (Raw pop = connect()) {
            assertThat(pop.command("QUIT")).isEqualTo("+OK fakemail POP3 server signing off");
        }
        try (Raw pop = Raw.connect(server)) {
            assertThat(new String(pop.readToEnd(), StandardCharsets.US_ASCII))
                    .isEqualTo("-ERR [SYS/TEMP] Too many connections, try again later\r\n");
        }
        clock.advance(Duration.ofMinutes(1));
        try (Raw pop = connect()) {
            assertThat(pop.command("QUIT")).isEqualTo("+OK fakemail POP3 server signing off");
        }
    }
}
