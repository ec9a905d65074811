package dev.fakemail.fault;

import static dev.fakemail.fault.SmtpFaultSupport.GREETING;
import static dev.fakemail.fault.SmtpFaultSupport.MAIL_OK;
import static dev.fakemail.fault.SmtpFaultSupport.TLS_READY;
import static dev.fakemail.fault.SmtpFaultSupport.builder;
import static dev.fakemail.fault.SmtpFaultSupport.hitLine;
import static dev.fakemail.fault.SmtpFaultSupport.millisSince;
import static dev.fakemail.testing.Transcripts.endedTranscript;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.fakemail.fault.SmtpFaultSupport.Client;
import dev.fakemail.testing.ExpectedSmtp;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Capability rules: what EHLO advertises, line by line; only the advertisement changes. */
@Timeout(30)
class SmtpFaultCapabilitiesTest extends RawSmtpFaultTest {
    private static final long MAX_SIZE = 50_000;

    @BeforeEach
    void startServer() {
        start(builder().maxMessageSize(MAX_SIZE));
    }

    private String ehlo() throws IOException {
        Client client = connect();
        assertThat(client.greeting()).isEqualTo(GREETING);
        return client.command("EHLO client.test");
    }

    private static String ehloWith(String from, String to) {
        return ExpectedSmtp.defaultEhlo(MAX_SIZE).replace(from, to);
    }

    private static Arguments ehloCase(String name, Consumer<FaultPlan> rules, String expected) {
        return arguments(named(name, rules), expected);
    }

    static Stream<Arguments> capabilityRules() {
        String size1000 = "250-SIZE 1000\r\n";
        String realSize = "250-SIZE " + MAX_SIZE + "\r\n";
        return Stream.of(
                ehloCase("without rules the full list", faults -> { }, ExpectedSmtp.defaultEhlo(MAX_SIZE)),
                ehloCase("hide one AUTH mechanism", faults -> faults.smtp(Trigger.capabilities()).hide("AUTH PLAIN"),
                        ehloWith("250-AUTH PLAIN LOGIN ", "250-AUTH LOGIN ")),
                ehloCase("hide several at once, ignoring case", faults -> faults.smtp(Trigger.capabilities())
                        .hide("chunking", "STARTTLS", "auth cram-md5"),
                        ehloWith("250-CHUNKING\r\n", "").replace("250-STARTTLS\r\n", "").replace(" CRAM-MD5", "")),
                ehloCase("hiding every mechanism drops the AUTH line", faults -> faults.smtp(Trigger.capabilities())
                        .hide("AUTH PLAIN", "AUTH LOGIN", "AUTH CRAM-MD5", "AUTH XOAUTH2", "AUTH OAUTHBEARER"),
                        ehloWith("250-AUTH PLAIN LOGIN CRAM-MD5 XOAUTH2 OAUTHBEARER\r\n", "")),
                ehloCase("advertise a new capability: it comes at the end",
                        faults -> faults.smtp(Trigger.capabilities()).advertise("XCLIENT NAME ADDR"),
                        ehloWith("250 HELP\r\n", "250-HELP\r\n250 XCLIENT NAME ADDR\r\n")),
                ehloCase("rules combine", faults -> {
                    faults.smtp(Trigger.capabilities()).hide("PIPELINING");
                    faults.smtp(Trigger.capabilities()).advertise("SIZE 1000");
                }, ehloWith("250-PIPELINING\r\n", "").replace(realSize, size1000)),
                // The JSON form of these rules is in web-ui's FaultRulesJsonSmtpTest.
                ehloCase("rules in text form", faults -> {
                    faults.addText("smtp capabilities -> hide PIPELINING \"AUTH PLAIN\"");
                    faults.addText("smtp capabilities -> advertise \"SIZE 1000\"");
                }, ehloWith("250-PIPELINING\r\n", "").replace(realSize, size1000)
                        .replace("250-AUTH PLAIN LOGIN ", "250-AUTH LOGIN ")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capabilityRules")
    void ehloAdvertisesWhatTheRulesLeave(Consumer<FaultPlan> rules, String expected) throws IOException {
        rules.accept(server.faults());
        assertThat(ehlo()).isEqualTo(expected);
    }

    @Test
    void hidePipelining() throws IOException {
        FaultHandle handle = server.faults().smtp(Trigger.capabilities()).hide("PIPELINING");
        assertThat(ehlo()).isEqualTo(ehloWith("250-PIPELINING\r\n", ""));
        assertThat(handle.hits()).isEqualTo(1);
    }

    @Test
    void hidingTheLastLineMakesThePreviousOneFinal() throws IOException {
        server.faults().smtp(Trigger.capabilities()).hide("HELP");
        assertThat(ehlo()).endsWith("250-STARTTLS\r\n250 AUTH PLAIN LOGIN CRAM-MD5 XOAUTH2 OAUTHBEARER\r\n");
    }

    @Test
    void advertiseAnotherSizeInsteadOfTheRealOne() throws IOException {
        server.faults().smtp(Trigger.capabilities()).advertise("SIZE 1000");
        assertThat(ehlo()).isEqualTo(ehloWith("250-SIZE " + MAX_SIZE + "\r\n", "250-SIZE 1000\r\n"));

        // Only the advertisement changes: the real limit still applies.
        Client client = clients.get(0);
        assertThat(client.command("MAIL FROM:<a@example.test> SIZE=5000")).isEqualTo(MAIL_OK);
    }

    @Test
    void hiddenCapabilityStillWorks() throws IOException {
        server.faults().smtp(Trigger.capabilities()).hide("PIPELINING", "STARTTLS");
        ehlo();
        Client client = clients.get(0);
        assertThat(client.command("STARTTLS")).isEqualTo(TLS_READY);
    }

    @Test
    void heloIsNotAffected() throws IOException {
        server.faults().smtp(Trigger.capabilities()).hide("PIPELINING");
        Client client = connect();
        client.greeting();
        assertThat(client.command("HELO client.test")).isEqualTo("250 mx.test Hello client.test\r\n");
    }

    @Test
    void capabilityRuleWithABudgetAndAScope() throws IOException {
        server.faults().smtp(Trigger.capabilities()).times(1).hide("PIPELINING");
        assertThat(ehlo()).doesNotContain("PIPELINING");
        assertThat(ehlo()).contains("250-PIPELINING\r\n");

        server.faults().smtp(Trigger.capabilities()).forNextConnection().hide("DSN");
        assertThat(ehlo()).doesNotContain("DSN");
        assertThat(ehlo()).contains("250-DSN\r\n");
    }

    @Test
    void capabilityDelay() throws IOException {
        server.faults().smtp(Trigger.capabilities()).delay(Duration.ofMillis(300));
        Client client = connect();
        client.greeting();
        long start = System.nanoTime();
        assertThat(client.command("EHLO client.test")).isEqualTo(ExpectedSmtp.defaultEhlo(MAX_SIZE));
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(280).isLessThan(5_000);
    }

    @Test
    void transcriptShowsTheCapabilityHit() throws IOException {
        FaultHandle handle = server.faults().smtp(Trigger.capabilities()).hide("PIPELINING");
        ehlo();
        clients.get(0).command("QUIT");
        assertThat(endedTranscript(server, clients.get(0))).containsSubsequence(
                "C: EHLO client.test",
                hitLine(handle, 1),
                "S: 250-mx.test Hello client.test",
                "S: 250-SIZE " + MAX_SIZE);
    }

    @Test
    void capabilityEffectsNeedTheCapabilitiesTrigger() {
        assertThatThrownBy(() -> server.faults().smtp(Trigger.command("EHLO")).hide("PIPELINING"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.faults().smtp(Trigger.capabilities()).disconnect())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(server.faults().rules()).isEmpty();
    }
}
