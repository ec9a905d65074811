package dev.fakemail.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.Endpoint;
import dev.fakemail.FakeMailServer;
import dev.fakemail.ServerConfig;
import dev.fakemail.junit.support.Fixture;
import dev.fakemail.junit.support.RawSmtp;
import dev.fakemail.junit.support.TestKit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** When a test fails, the extension publishes what each of its servers captured through JUnit's reporting. */
class FailureReportTest {
    @Test
    void aFailedTestReportsTheMailAndSessionsOfItsServer() {
        EngineExecutionResults results = TestKit.run(Sessions.class);

        Map<String, List<String>> reports = TestKit.reportedByTest(results, "fakemail");
        assertThat(reports).containsOnlyKeys("fails"); // the passing test reports nothing
        Map<String, List<String>> facts = TestKit.reportedByTest(results, "fact");
        List<String> fact = facts.get("fails"); // smtp, pop3, imap port, client of session 1, of session 2
        assertThat(reports.get("fails")).containsExactly("""
                @MailServer field 'mail' in FailureReportTest.Sessions on \
                [smtp://127.0.0.1:%s, pop3://127.0.0.1:%s, imap://127.0.0.1:%s]

                Received 1 message:
                  #1 from shop@example.test to [bob@example.test] subject 'Welcome'

                SMTP sessions:
                  SMTP session 1 from %s at 2030-01-02T03:04:05Z: delivered #1
                  SMTP session 2 from %s at 2030-01-02T03:04:05Z: delivered nothing; last error reply \
                501 5.1.3 Bad recipient address syntax""".formatted(fact.toArray()));
    }

    @Fixture
    static class Sessions {
        @MailServer
        FakeMailServer mail = FakeMailServer.builder().clock(Clock.fixed(Instant.parse("2030-01-02T03:04:05Z"),
                ZoneOffset.UTC)).build();

        @Test
        void passes() {
            RawSmtp.send(mail.smtp(), "shop@example.test", "bob@example.test", "Welcome");
        }

        @Test
        void fails(TestReporter reporter) {
            RawSmtp.send(mail.smtp(), "shop@example.test", "bob@example.test", "Welcome");
            RawSmtp.talk(mail.smtp(), "HELO client.test", "MAIL FROM:<shop@example.test>", "RCPT TO:<bob>", "QUIT");
            publishPorts(reporter, "fact", mail);
            mail.transcripts().forEach(session -> reporter.publishEntry("fact", session.client().toString()));
            throw new IllegalStateException("the application crashed");
        }
    }

    /** Publishes the server's SMTP, POP3 and IMAP ports under this key, in that order. */
    static void publishPorts(TestReporter reporter, String key, FakeMailServer mail) {
        for (Endpoint endpoint : List.of(mail.smtp(), mail.pop3(), mail.imap())) {
            reporter.publishEntry(key, String.valueOf(endpoint.port()));
        }
    }

    @Test
    void aFieldsServerIsNamedByItsField() {
        EngineExecutionResults results = TestKit.run(WithField.class);

        assertThat(TestKit.reported(results, "fakemail")).singleElement().asString().isEqualTo("""
                @MailServer static field 'mail' in FailureReportTest.WithField on [smtp://127.0.0.1:%s]

                Received nothing.""".formatted(TestKit.reported(results, TestKit.SMTP_PORT).get(0)));
    }

    @Test
    void aPerTestServerIsNamedByItsTest() {
        EngineExecutionResults results = TestKit.run(PerTest.class);

        assertThat(TestKit.reported(results, "fakemail")).singleElement().asString().isEqualTo("""
                the server of test FailureReportTest.PerTest.fails() on [smtp://127.0.0.1:%s, pop3://127.0.0.1:%s, \
                imap://127.0.0.1:%s]

                Received nothing.""".formatted(TestKit.reported(results, "port").toArray()));
    }

    @FakeMailTest
    @Fixture
    static class PerTest {
        @Test
        void fails(FakeMailServer mail, TestReporter reporter) {
            publishPorts(reporter, "port", mail);
            throw new AssertionError("the test failed");
        }
    }

    @Test
    void aFailingMailAssertionFailsTheTestWithItsExplanationAndTheReportFollows() {
        EngineExecutionResults results = TestKit.run(FailingAssertion.class);

        String port = TestKit.reported(results, "port").get(0);
        assertThat(TestKit.failureMessages(results)).containsExactly("""

                Expected exactly one message matching: to bob@example.test and subject 'Reset your password'
                but none arrived within 10ms.

                Received nothing.

                No SMTP session was opened on smtp://127.0.0.1:%s. Is the code under test sending to this host \
                and port?""".formatted(port));
        assertThat(TestKit.reported(results, "fakemail")).singleElement().asString()
                .startsWith("the server of test FailureReportTest.FailingAssertion.resetMail() on [smtp://127.0.0.1:"
                        + port + ", pop3://127.0.0.1:");
    }

    @FakeMailTest
    @Fixture
    static class FailingAssertion {
        @Test
        void resetMail(FakeMailServer mail, TestReporter reporter) {
            reporter.publishEntry("port", String.valueOf(mail.smtp().port()));
            MailAssertions.assertThat(mail).receivesWithin(Duration.ofMillis(10))
                    .exactlyOne(ExpectedMail.to("bob@example.test").subject("Reset your password"));
        }
    }

    @Fixture
    static class WithField {
        @MailServer
        static FakeMailServer mail = FakeMailServer.builder().pop3Port(ServerConfig.OFF).imapPort(ServerConfig.OFF)
                .build();

        @Test
        void fails(TestReporter reporter) {
            TestKit.publishSmtpPort(reporter, mail.smtp());
            throw new AssertionError("the test failed");
        }
    }
}
