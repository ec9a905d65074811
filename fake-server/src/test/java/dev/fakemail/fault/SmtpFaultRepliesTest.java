package dev.fakemail.fault;

import static dev.fakemail.fault.SmtpFaultSupport.GREETING;
import static dev.fakemail.fault.SmtpFaultSupport.MAIL_OK;
import static dev.fakemail.fault.SmtpFaultSupport.OK;
import static dev.fakemail.fault.SmtpFaultSupport.RCPT_OK;
import static dev.fakemail.fault.SmtpFaultSupport.builder;
import static dev.fakemail.fault.SmtpFaultSupport.hitLine;
import static dev.fakemail.testing.Transcripts.endedTranscript;
import static dev.fakemail.testing.Transcripts.sessionIdOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.fakemail.FakeMailServer;
import dev.fakemail.fault.SmtpFaultSupport.Client;
import dev.fakemail.store.ReceivedMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reply effects on command triggers, seen byte for byte by a raw-socket client; budgets, scopes, removal,
 * reset, the three equal forms of a rule (Java, text, JSON), handles, hit events and transcript lines.
 */
@Timeout(30)
class SmtpFaultRepliesTest extends RawSmtpFaultTest {
    private static final String TRY_LATER = "451 4.3.0 Try again later\r\n";

    /** Starts a server (mx.test) with the rules the steps add; returns a connection that said EHLO. */
    private Client helloAfter(Consumer<FaultPlan> rules) throws IOException {
        rules.accept(start().faults());
        return connect().hello();
    }

    /** {@link #helloAfter}, and MAIL FROM said too: ready for RCPT commands. */
    private Client inTransactionAfter(Consumer<FaultPlan> rules) throws IOException {
        rules.accept(start().faults());
        return inTransaction(server);
    }

    /** A connection that said EHLO and MAIL FROM, ready for RCPT commands. */
    private Client inTransaction(FakeMailServer server) throws IOException {
        Client client = connect(server).hello();
        assertThat(client.command("MAIL FROM:<alice@example.test>")).isEqualTo(MAIL_OK);
        return client;
    }

    // --- reply effects -----------------------------------------------------------------------------------

    @Test
    void rcptRuleRepliesInsteadOfTheServerAndOnlyForMatchingAddresses() throws IOException {
        Client client = inTransactionAfter(faults -> faults.smtp(Trigger.rcptTo("bob@*"))
                .reply(451, "4.3.0", "Try again later"));

        assertThat(client.command("RCPT TO:<bob@example.test>")).isEqualTo(TRY_LATER);
        assertThat(client.command("RCPT TO:<BOB@Example.TEST>")).as("globs ignore case").isEqualTo(TRY_LATER);
        assertThat(client.command("RCPT TO:<carol@example.test>")).isEqualTo(RCPT_OK);
        assertThat(client.command("RCPT TO:<robert@example.test>")).isEqualTo(RCPT_OK);
        // The refused command was not executed: only carol and robert are recipients of the message.
        assertThat(client.command("DATA")).isEqualTo("354 End data with <CR><LF>.<CR><LF>\r\n");
        assertThat(client.command(Client.content("one") + ".")).startsWith("250 2.0.0 Ok: queued as ");
        assertThat(server.messages()).hasSize(1);
        assertThat(server.messages().get(0).envelope().recipientAddresses())
                .containsExactly("carol@example.test", "robert@example.test");
    }

    @Test
    void mailFromRuleMatchesTheSenderAddressWithoutBrackets() throws IOException {
        Client client = helloAfter(faults -> faults.smtp(Trigger.mailFrom("*@spam.test"))
                .reply(550, "5.7.1", "Sender rejected"));

        client.expectReplies(
                "MAIL FROM:<eve@spam.test> SIZE=100", "550 5.7.1 Sender rejected",
                "MAIL FROM:<alice@example.test>", "250 2.1.0 Ok");
    }

    @Test
    void commandRuleByVerbAndArgumentGlob() throws IOException {
        start().faults().smtp(Trigger.command("EHLO", "bad-?.test")).reply(554, "5.7.1", "Go away");
        server.faults().smtp(Trigger.command("noop")).reply(250, "2.0.0", "Scripted noop");
        Client client = connect(server);
        assertThat(client.greeting()).isEqualTo(GREETING);

        assertThat(client.command("EHLO bad-1.test")).isEqualTo("554 5.7.1 Go away\r\n");
        assertThat(client.command("EHLO bad-12.test")).startsWith("250-mx.test Hello bad-12.test\r\n");
        client.expectReplies(
                "NOOP", "250 2.0.0 Scripted noop",
                "noop whatever", "250 2.0.0 Scripted noop");
    }

    @Test
    void anyCommandTriggerMatchesEveryVerb() throws IOException {
        start().faults().smtp(Trigger.anyCommand()).reply(451, "4.3.2", "System not accepting commands");
        Client client = connect(server);
        assertThat(client.greeting()).isEqualTo(GREETING);
        client.expectReplies(
                "EHLO client.test", "451 4.3.2 System not accepting commands",
                "NOOP", "451 4.3.2 System not accepting commands",
                "XYZZY", "451 4.3.2 System not accepting commands");
    }

    @Test
    void replyWithoutEnhancedStatus() throws IOException {
        Client client = helloAfter(faults -> faults.smtp(Trigger.command("NOOP")).reply(554, "Transaction failed"));
        assertThat(client.command("NOOP")).isEqualTo("554 Transaction failed\r\n");
    }

    static Stream<Arguments> rulesThatEndTheSession() {
        return Stream.of(
                arguments(named("replyAndDisconnect sends the reply, then closes", (Consumer<FaultPlan>) faults ->
                        faults.smtp(Trigger.mailFrom("*")).replyAndDisconnect(554, "5.3.0", "Goodbye")),
                        false, "MAIL FROM:<alice@example.test>", "554 5.3.0 Goodbye\r\n"),
                arguments(named("a 421 reply always closes", (Consumer<FaultPlan>) faults -> faults
                        .smtp(Trigger.rcptTo("*")).reply(421, "4.3.2", "Shutting down")),
                        true, "RCPT TO:<bob@example.test>", "421 4.3.2 Shutting down\r\n"),
                arguments(named("afterReply disconnect closes once the reply was sent", (Consumer<FaultPlan>) faults ->
                        faults.smtp(Trigger.afterReply("MAIL")).disconnect()),
                        false, "MAIL FROM:<alice@example.test>", MAIL_OK));
    }

    /** After EHLO (and MAIL FROM if in a transaction), the command gets this last reply, then the server closes. */
    @ParameterizedTest(name = "{0}")
    @MethodSource
    void rulesThatEndTheSession(Consumer<FaultPlan> rule, boolean inTransaction, String command, String lastReply)
            throws IOException {
        Client client = inTransaction ? inTransactionAfter(rule) : helloAfter(rule);
        client.send(command + "\r\n");
        assertThat(client.readStringToEnd()).isEqualTo(lastReply);
    }

    @Test
    void pipelinedCommandsGetTheScriptedReplyInOrder() throws IOException {
        Client client = helloAfter(faults -> faults.smtp(Trigger.rcptTo("bob@*"))
                .reply(451, "4.3.0", "Try again later"));
        client.send("MAIL FROM:<a@example.test>\r\nRCPT TO:<carol@example.test>\r\nRCPT TO:<bob@example.test>\r\n"
                + "RCPT TO:<dave@example.test>\r\nNOOP\r\n");
        assertThat(client.reply()).isEqualTo(MAIL_OK);
        assertThat(client.reply()).isEqualTo(RCPT_OK);
        assertThat(client.reply()).isEqualTo(TRY_LATER);
        assertThat(client.reply()).isEqualTo(RCPT_OK);
        assertThat(client.reply()).isEqualTo(OK);
    }

    // --- budgets -----------------------------------------------------------------------------------------

    @Test
    void timesTwoRefusesTwiceThenAccepts() throws IOException {
        FaultHandle handle = start().faults().smtp(Trigger.rcptTo("bob@example.test")).times(2)
                .reply(451, "4.3.0", "Try again later");
        Client client = inTransaction(server);

        assertThat(client.command("RCPT TO:<bob@example.test>")).isEqualTo(TRY_LATER);
        // A second connection shares the budget: it is per rule, across sessions.
        Client other = inTransaction(server);
        assertThat(other.command("RCPT TO:<bob@example.test>")).isEqualTo(TRY_LATER);
        assertThat(client.command("RCPT TO:<bob@example.test>")).isEqualTo(RCPT_OK);
        assertThat(other.command("RCPT TO:<bob@example.test>")).isEqualTo(RCPT_OK);
        assertThat(handle.occurrences()).isEqualTo(4);
        assertThat(handle.hits()).isEqualTo(2);
    }

    @Test
    void onceIsTimesOne() throws IOException {
        Client client = inTransactionAfter(faults -> faults.smtp(Trigger.rcptTo("*"))
                .once().reply(451, "4.3.0", "Try again later"));
        assertThat(client.command("RCPT TO:<bob@example.test>")).isEqualTo(TRY_LATER);
        assertThat(client.command("RCPT TO:<bob@example.test>")).isEqualTo(RCPT_OK);
    }

    @Test
    void onlyTheThirdOccurrence() throws IOException {
        FaultHandle handle = start().faults().smtp(Trigger.rcptTo("*")).onlyOccurrence(3)
                .reply(452, "4.5.3", "Too many recipients");
        Client client = inTransaction(server);
        List<String> replies = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            replies.add(client.command("RCPT TO:<r" + i + "@example.test>"));
        }
        assertThat(replies).containsExactly(RCPT_OK, RCPT_OK, "452 4.5.3 Too many recipients\r\n", RCPT_OK, RCPT_OK);
        assertThat(handle.occurrences()).isEqualTo(5);
        assertThat(handle.hits()).isEqualTo(1);
    }

    /** The accept (true) / refuse (false) sequence of 40 RCPTs on a fresh server with this seed. */
    private List<Boolean> probabilitySequence(long seed) throws IOException {
        FakeMailServer server = start(builder().faultSeed(seed));
        assertThat(server.faults().seed()).isEqualTo(seed);
        server.faults().smtp(Trigger.rcptTo("*")).withProbability(0.5).reply(451, "4.3.0", "Try again later");
        Client client = inTransaction(server);
        List<Boolean> accepted = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String reply = client.command("RCPT TO:<r" + i + "@example.test>");
            assertThat(reply).isIn(RCPT_OK, TRY_LATER);
            accepted.add(reply.equals(RCPT_OK));
        }
        client.command("QUIT");
        List<String> transcript = endedTranscript(server, client);
        assertThat(transcript).contains("*: fault rules: 1, seed " + seed);
        return accepted;
    }

    @Test
    void probabilityWithTheSameSeedReplaysAndAnotherSeedDiffers() throws Exception {
        List<Boolean> first = SeededRuns.replayOnlyWithTheSameSeed(this::probabilitySequence, 42, 4242).first();
        assertThat(first).as("p=0.5 both accepts and refuses").contains(true, false);
    }

    /** Accept (true) / refuse (false) for 40 RCPTs in one new connection. */
    private List<Boolean> decisions(FakeMailServer server) throws IOException {
        Client client = inTransaction(server);
        List<Boolean> accepted = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            accepted.add(client.command("RCPT TO:<r" + i + "@example.test>").equals(RCPT_OK));
        }
        client.command("QUIT");
        return accepted;
    }

    @Test
    void configuredProbabilityRuleReplaysAfterReset() throws IOException {
        // A test framework resets the server between tests: each test must see the same seeded decisions,
        // as the same seed, rules and sequence of triggers give the same decisions.
        FakeMailServer server = start(builder().faultSeed(42)
                .faults("smtp rcpt * -> reply 451 4.3.0 \"Try again later\" probability 0.5"));
        List<Boolean> first = decisions(server);
        server.reset();
        List<Boolean> afterReset = decisions(server);
        FakeMailServer fresh = start(builder().faultSeed(42)
                .faults("smtp rcpt * -> reply 451 4.3.0 \"Try again later\" probability 0.5"));
        assertThat(decisions(fresh)).as("fresh server, same seed").isEqualTo(first);
        assertThat(afterReset).as("same server after reset(), same seed and rules").isEqualTo(first);
    }

    @Test
    void probabilityZeroNeverAndOneAlways() throws IOException {
        FakeMailServer server = start(builder().faultSeed(7));
        server.faults().smtp(Trigger.rcptTo("never@*")).withProbability(0).reply(451, "4.3.0", "Never");
        server.faults().smtp(Trigger.rcptTo("always@*")).withProbability(1).reply(451, "4.3.0", "Always");
        Client client = inTransaction(server);
        for (int i = 0; i < 10; i++) {
            assertThat(client.command("RCPT TO:<never@example.test>")).isEqualTo(RCPT_OK);
            assertThat(client.command("RCPT TO:<always@example.test>")).isEqualTo("451 4.3.0 Always\r\n");
        }
    }

    // --- scopes ------------------------------------------------------------------------------------------

    @Test
    void forNextConnectionAppliesToTheFirstConnectionOpenedAfterAddingAndAllOfIt() throws IOException {
        FakeMailServer server = start();
        Client before = inTransaction(server);
        server.faults().smtp(Trigger.rcptTo("*")).forNextConnection().reply(451, "4.3.0", "Try again later");
        Client next = inTransaction(server);
        Client later = inTransaction(server);

        assertThat(before.command("RCPT TO:<bob@example.test>")).as("opened before the rule").isEqualTo(RCPT_OK);
        assertThat(next.command("RCPT TO:<bob@example.test>")).isEqualTo(TRY_LATER);
        assertThat(next.command("RCPT TO:<carol@example.test>")).as("all of that connection").isEqualTo(TRY_LATER);
        assertThat(later.command("RCPT TO:<bob@example.test>")).isEqualTo(RCPT_OK);
    }

    @Test
    void forNextConnectionAtConnectRefusesOnlyOneConnection() throws IOException {
        start().faults().smtp(Trigger.connect()).forNextConnection().reply(421, "4.7.0", "Not now");
        Client first = connect(server);
        assertThat(first.readStringToEnd()).isEqualTo("421 4.7.0 Not now\r\n");
        Client second = connect(server);
        assertThat(second.greeting()).isEqualTo(GREETING);
    }

    @Test
    void forSessionAppliesToThatSessionOnly() throws IOException {
        FakeMailServer server = start();
        Client a = inTransaction(server);
        Client b = inTransaction(server);
        long idOfB = sessionIdOf(server, b);
        assertThat(idOfB).isNotEqualTo(sessionIdOf(server, a));
        server.faults().smtp(Trigger.rcptTo("*")).forSession(idOfB).reply(451, "4.3.0", "Try again later");

        assertThat(a.command("RCPT TO:<bob@example.test>")).isEqualTo(RCPT_OK);
        assertThat(b.command("RCPT TO:<bob@example.test>")).isEqualTo(TRY_LATER);
        assertThat(inTransaction(server).command("RCPT TO:<bob@example.test>")).isEqualTo(RCPT_OK);
        assertThat(a.command("RCPT TO:<carol@example.test>")).isEqualTo(RCPT_OK);
        assertThat(b.command("RCPT TO:<carol@example.test>")).isEqualTo(TRY_LATER);
    }

    @Test
    void scopesInTextForm() throws IOException {
        FakeMailServer server = start();
        Client a = inTransaction(server);
        long idOfA = sessionIdOf(server, a);
        server.faults().addText("smtp rcpt a@* -> reply 451 4.3.0 \"Session scoped\" session " + idOfA
                + "; smtp rcpt n@* -> reply 451 4.3.0 \"Next connection\" next-connection");
        Client b = inTransaction(server);
        Client c = inTransaction(server);
        assertThat(a.command("RCPT TO:<a@example.test>")).isEqualTo("451 4.3.0 Session scoped\r\n");
        assertThat(b.command("RCPT TO:<a@example.test>")).isEqualTo(RCPT_OK);
        assertThat(a.command("RCPT TO:<n@example.test>")).isEqualTo(RCPT_OK);
        assertThat(b.command("RCPT TO:<n@example.test>")).isEqualTo("451 4.3.0 Next connection\r\n");
        assertThat(c.command("RCPT TO:<n@example.test>")).isEqualTo(RCPT_OK);
    }

    @Test
    void rulesChangeWhileSessionsRun() throws Exception {
        FakeMailServer server = start();
        int sessions = 4;
        int commands = 150;
        List<Client> running = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            running.add(connect(server).hello());
        }
        java.util.concurrent.atomic.AtomicLong scripted = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(sessions);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (Client client : running) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < commands; i++) {
                    String reply = client.command("NOOP");
                    if (reply.equals("250 2.0.0 Scripted\r\n")) {
                        scripted.incrementAndGet();
                    } else {
                        assertThat(reply).isEqualTo(OK);
                    }
                }
                return null;
            }));
        }
        List<FaultHandle> added = new ArrayList<>();
        try {
            while (done.stream().anyMatch(future -> !future.isDone())) {
                FaultHandle handle = server.faults().smtp(Trigger.command("NOOP")).reply(250, "2.0.0", "Scripted");
                added.add(handle);
                Thread.sleep(1);
                assertThat(handle.remove()).isTrue();
            }
            for (java.util.concurrent.Future<?> future : done) {
                future.get(20, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.faults().rules()).isEmpty();
        assertThat(scripted.get()).as("the rule was in force most of the time").isPositive();
        assertThat(added.stream().mapToLong(FaultHandle::hits).sum()).as("every scripted reply is one hit")
                .isEqualTo(scripted.get());
    }

    @Test
    void removedRuleStopsAtOnceMidSession() throws IOException {
        FaultHandle handle = start().faults().smtp(Trigger.rcptTo("*")).reply(451, "4.3.0", "Try again later");
        Client client = inTransaction(server);
        assertThat(client.command("RCPT TO:<bob@example.test>")).isEqualTo(TRY_LATER);
        assertThat(server.faults().rules()).containsExactly(handle);
        assertThat(server.faults().rule(handle.id())).contains(handle);

        assertThat(handle.remove()).isTrue();
        assertThat(client.command("RCPT TO:<bob@example.test>")).as("same session, right after").isEqualTo(RCPT_OK);
        assertThat(handle.isActive()).isFalse();
        assertThat(handle.remove()).as("already gone").isFalse();
        assertThat(server.faults().rules()).isEmpty();
        assertThat(server.faults().rule(handle.id())).isEmpty();
    }

    @Test
    void removeByIdAndAddMidSession() throws IOException {
        FakeMailServer server = start();
        Client client = inTransaction(server);
        assertThat(client.command("RCPT TO:<bob@example.test>")).isEqualTo(RCPT_OK);
        FaultHandle handle = server.faults().smtp(Trigger.rcptTo("*")).reply(451, "4.3.0", "Try again later");
        assertThat(client.command("RCPT TO:<bob@example.test>")).as("added while the session runs").isEqualTo(TRY_LATER);
        assertThat(server.faults().remove(handle.id())).isTrue();
        assertThat(server.faults().remove(handle.id())).isFalse();
        assertThat(client.command("RCPT TO:<bob@example.test>")).isEqualTo(RCPT_OK);
    }

    @Test
    void resetRemovesAddedRulesAndKeepsTheConfiguredOnes() throws IOException {
        FakeMailServer server = start(builder()
                .fault(new FaultRule(Protocol.SMTP, Trigger.rcptTo("configured@*"),
                        new Effect.Reply(550, "5.1.1", "Configured refusal", false)))
                .faults("smtp rcpt text@* -> reply 550 5.1.1 \"Configured in text\""));
        FaultHandle added = server.faults().smtp(Trigger.rcptTo("added@*")).reply(451, "4.3.0", "Try again later");
        assertThat(server.faults().rules()).hasSize(3);

        Client client = inTransaction(server);
        assertThat(client.command("RCPT TO:<added@example.test>")).isEqualTo(TRY_LATER);
        server.reset();

        assertThat(added.isActive()).isFalse();
        assertThat(server.faults().rules()).hasSize(2);
        assertThat(server.faults().rules()).extracting(FaultHandle::rule).extracting(FaultRule::trigger)
                .containsExactly(Trigger.rcptTo("configured@*"), Trigger.rcptTo("text@*"));
        assertThat(client.command("RCPT TO:<added@example.test>")).as("even mid-session").isEqualTo(RCPT_OK);
        Client fresh = inTransaction(server);
        assertThat(fresh.command("RCPT TO:<added@example.test>")).isEqualTo(RCPT_OK);
        fresh.expectReplies(
                "RCPT TO:<configured@example.test>", "550 5.1.1 Configured refusal",
                "RCPT TO:<text@example.test>", "550 5.1.1 Configured in text");
    }

    @Test
    void resetRestartsTheBudgetsOfConfiguredRules() throws IOException {
        FakeMailServer server = start(builder().faults("smtp rcpt * -> reply 451 4.3.0 \"Try again later\" times 1"));
        Client client = inTransaction(server);
        assertThat(client.command("RCPT TO:<bob@example.test>")).isEqualTo(TRY_LATER);
        assertThat(client.command("RCPT TO:<bob@example.test>")).isEqualTo(RCPT_OK);
        server.reset();
        Client fresh = inTransaction(server);
        assertThat(fresh.command("RCPT TO:<bob@example.test>")).isEqualTo(TRY_LATER);
        assertThat(fresh.command("RCPT TO:<bob@example.test>")).isEqualTo(RCPT_OK);
    }

    @Test
    void clearRemovesEveryRuleIncludingConfiguredOnes() throws IOException {
        FakeMailServer server = start(builder().faults("smtp rcpt * -> reply 451 4.3.0 \"Try again later\""));
        FaultHandle configured = server.faults().rules().get(0);
        server.faults().clear();
        assertThat(server.faults().rules()).isEmpty();
        assertThat(configured.isActive()).isFalse();
        assertThat(inTransaction(server).command("RCPT TO:<bob@example.test>")).isEqualTo(RCPT_OK);
    }

    // --- the three forms of a rule -------------------------------------------------------------------------

    private String replyOfRuleAdded(Consumer<FaultPlan> addRule) throws IOException {
        FakeMailServer server = start();
        addRule.accept(server.faults());
        Client client = inTransaction(server);
        String first = client.command("RCPT TO:<bob@example.test>");
        assertThat(client.command("RCPT TO:<bob@example.test>")).as("times 1").isEqualTo(RCPT_OK);
        assertThat(client.command("RCPT TO:<carol@example.test>")).isEqualTo(RCPT_OK);
        return first;
    }

    @Test
    void javaAndTextFormsGiveTheSameReply() throws IOException {
        // web-ui's FaultRulesJsonSmtpTest does the same for the JSON form.
        String text = "smtp rcpt bob@example.test -> reply 451 4.3.0 \"Try again later\" times 1";
        FaultRule java = new FaultRule(Protocol.SMTP, Trigger.rcptTo("bob@example.test"),
                new Effect.Reply(451, "4.3.0", "Try again later", false), Budget.times(1), Scope.server());

        assertThat(FaultRule.parse(text)).isEqualTo(java);
        // The canonical text writes verbs in upper case; it parses back to the same rule.
        assertThat(java.toText()).isEqualTo("smtp RCPT bob@example.test -> reply 451 4.3.0 \"Try again later\" times 1");
        assertThat(FaultRule.parse(java.toText())).isEqualTo(java);

        String viaJava = replyOfRuleAdded(plan -> plan.smtp(Trigger.rcptTo("bob@example.test")).times(1)
                .reply(451, "4.3.0", "Try again later"));
        String viaText = replyOfRuleAdded(plan -> assertThat(plan.addText(text)).hasSize(1));

        assertThat(viaJava).isEqualTo(TRY_LATER);
        assertThat(viaText).isEqualTo(TRY_LATER);
    }

    @Test
    void builderTextRulesWork() throws IOException {
        FakeMailServer server = start(builder().faults("""
                # two rules
                smtp rcpt bob@* -> reply 451 4.3.0 "Try again later"
                smtp mail *@spam.test -> reply 550 5.7.1 "No spam"
                """));
        Client client = connect(server).hello();
        client.expectReplies(
                "MAIL FROM:<x@spam.test>", "550 5.7.1 No spam",
                "MAIL FROM:<x@example.test>", "250 2.1.0 Ok");
        assertThat(client.command("RCPT TO:<bob@example.test>")).isEqualTo(TRY_LATER);
    }

    // --- handles, events, transcripts ------------------------------------------------------------------------

    @Test
    void handleCountsOccurrencesAndHitsSeparately() throws IOException {
        FaultHandle handle = start().faults().smtp(Trigger.rcptTo("bob@*")).onlyOccurrence(2)
                .reply(451, "4.3.0", "Try again later");
        FaultHandle second = server.faults().smtp(Trigger.rcptTo("*")).reply(452, "4.2.2", "Mailbox full");
        assertThat(second.id()).isNotEqualTo(handle.id());
        assertThat(handle.rule().trigger()).isEqualTo(Trigger.rcptTo("bob@*"));
        Client client = inTransaction(server);
        assertThat(client.command("RCPT TO:<bob@example.test>")).as("bob 1: first rule counts, second fires")
                .isEqualTo("452 4.2.2 Mailbox full\r\n");
        assertThat(client.command("RCPT TO:<bob@example.test>")).isEqualTo(TRY_LATER);
        client.expectReplies(
                "RCPT TO:<bob@example.test>", "452 4.2.2 Mailbox full",
                "RCPT TO:<carol@example.test>", "452 4.2.2 Mailbox full");

        assertThat(handle.occurrences()).isEqualTo(3);
        assertThat(handle.hits()).isEqualTo(1);
        assertThat(second.occurrences()).as("not consulted when the first rule answered").isEqualTo(3);
        assertThat(second.hits()).isEqualTo(3);
    }

    @Test
    void subscribersReceiveEveryHit() throws Exception {
        FakeMailServer server = start();
        List<FaultHit> hits = new CopyOnWriteArrayList<>();
        AutoCloseable subscription = server.faults().subscribe(hits::add);
        FaultHandle handle = server.faults().smtp(Trigger.rcptTo("bob@*")).reply(451, "4.3.0", "Try again later");
        Client client = inTransaction(server);
        long sessionId = sessionIdOf(server, client);

        assertThat(client.command("RCPT TO:<bob@example.test>")).isEqualTo(TRY_LATER);
        assertThat(client.command("RCPT TO:<carol@example.test>")).isEqualTo(RCPT_OK);
        assertThat(client.command("RCPT TO:<bob@example.test>")).isEqualTo(TRY_LATER);

        assertThat(hits).hasSize(2);
        FaultHit first = hits.get(0);
        assertThat(first.ruleId()).isEqualTo(handle.id());
        assertThat(first.hit()).isEqualTo(1);
        assertThat(first.sessionId()).isEqualTo(sessionId);
        assertThat(first.protocol()).isEqualTo(Protocol.SMTP);
        assertThat(first.time()).isNotNull();
        assertThat(first.description()).isEqualTo(handle.rule().toText());
        assertThat(hits.get(1).hit()).isEqualTo(2);

        subscription.close();
        assertThat(client.command("RCPT TO:<bob@example.test>")).isEqualTo(TRY_LATER);
        assertThat(hits).as("no events after closing the subscription").hasSize(2);
    }

    @Test
    void aThrowingSubscriberDoesNotBreakTheSession() throws IOException {
        start().faults().subscribe(hit -> {
            throw new IllegalStateException("broken listener");
        });
        server.faults().smtp(Trigger.rcptTo("bob@*")).reply(451, "4.3.0", "Try again later");
        Client client = inTransaction(server);
        assertThat(client.command("RCPT TO:<bob@example.test>")).isEqualTo(TRY_LATER);
        assertThat(client.command("RCPT TO:<carol@example.test>")).isEqualTo(RCPT_OK);
    }

    @Test
    void transcriptShowsTheSeedAndEachHit() throws IOException {
        FakeMailServer server = start(builder().faultSeed(1234));
        FaultHandle handle = server.faults().smtp(Trigger.rcptTo("bob@example.test")).times(2)
                .reply(451, "4.3.0", "Try again later");
        Client client = inTransaction(server);
        client.command("RCPT TO:<bob@example.test>");
        client.command("RCPT TO:<bob@example.test>");
        client.command("RCPT TO:<bob@example.test>");
        assertThat(client.command("QUIT")).startsWith("221 ");
        List<String> transcript = endedTranscript(server, client);

        String rule = "smtp RCPT bob@example.test -> reply 451 4.3.0 \"Try again later\" times 2";
        assertThat(handle.rule().toText()).isEqualTo(rule);
        assertThat(transcript).contains("*: fault rules: 1, seed 1234");
        assertThat(transcript.indexOf("*: fault rules: 1, seed 1234")).as("at session start")
                .isLessThan(transcript.indexOf("S: " + GREETING.strip()));
        assertThat(transcript).containsSubsequence(
                "C: RCPT TO:<bob@example.test>",
                hitLine(handle, 1),
                "S: 451 4.3.0 Try again later",
                "C: RCPT TO:<bob@example.test>",
                hitLine(handle, 2),
                "S: 451 4.3.0 Try again later",
                "C: RCPT TO:<bob@example.test>",
                "S: 250 2.1.5 Ok");
        assertThat(transcript.stream().filter(line -> line.contains(" hit "))).hasSize(2);
    }

    // --- recipes ---------------------------------------------------------------------------------------------

    @Test
    void rcptRecipesReplyExactly() throws IOException {
        start().faults().add(FaultRecipes.mailboxFull("full@*"));
        server.faults().add(FaultRecipes.noSuchUser("nobody@*"));
        server.faults().add(FaultRecipes.relayDenied("*@elsewhere.test"));
        Client client = inTransaction(server);
        client.expectReplies(
                "RCPT TO:<full@example.test>", "452 4.2.2 Mailbox full",
                "RCPT TO:<nobody@example.test>", "550 5.1.1 No such user here",
                "RCPT TO:<x@elsewhere.test>", "554 5.7.1 Relay access denied");
        assertThat(client.command("RCPT TO:<bob@example.test>")).isEqualTo(RCPT_OK);
    }

    @Test
    void recipeNarrowedWithABudget() throws IOException {
        Client client = inTransactionAfter(faults -> faults.add(FaultRecipes.mailboxFull("*")
                .withBudget(Budget.times(1))));
        assertThat(client.command("RCPT TO:<bob@example.test>")).isEqualTo("452 4.2.2 Mailbox full\r\n");
        assertThat(client.command("RCPT TO:<bob@example.test>")).isEqualTo(RCPT_OK);
    }

    @Test
    void refuseConnectionsRecipe() throws IOException {
        start().faults().add(FaultRecipes.refuseConnections(Protocol.SMTP));
        for (int i = 0; i < 2; i++) {
            Client client = connect(server);
            assertThat(client.readStringToEnd()).isEqualTo("421 4.7.0 Too many connections, try again later\r\n");
        }
    }

    @Test
    void pop3RulesDoNotTouchSmtp() throws IOException {
        start().faults().add(FaultRecipes.refuseConnections(Protocol.POP3));
        server.faults().pop3(Trigger.anyCommand()).reply(500, "no");
        Client client = connect(server).hello();
        assertThat(client.command("NOOP")).isEqualTo(OK);
    }

    @Test
    void recipesHaveTextForms() {
        for (FaultRule recipe : List.of(FaultRecipes.mailboxFull("bob@*"), FaultRecipes.noSuchUser("x@*"),
                FaultRecipes.relayDenied("*"), FaultRecipes.tooManyConnections(3),
                FaultRecipes.refuseConnections(Protocol.SMTP), FaultRecipes.greylisting(Duration.ofMinutes(5)))) {
            assertThat(FaultRule.parse(recipe.toText())).as(recipe.toText()).isEqualTo(recipe);
        }
    }

    @Test
    void messagesStoredOnlyWhenAccepted() throws IOException {
        Client client = inTransactionAfter(faults -> faults.smtp(Trigger.rcptTo("bob@*"))
                .reply(451, "4.3.0", "Try again later"));
        assertThat(client.command("RCPT TO:<bob@example.test>")).isEqualTo(TRY_LATER);
        assertThat(client.command("DATA")).isEqualTo("554 5.5.1 Error: no valid recipients\r\n");
        assertThat(server.messages()).isEmpty();
        List<ReceivedMessage> none = server.unacknowledged();
        assertThat(none).isEmpty();
    }
}
