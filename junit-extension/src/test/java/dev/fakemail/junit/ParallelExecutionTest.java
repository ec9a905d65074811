package dev.fakemail.junit;

import static dev.fakemail.junit.ExpectedMail.to;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.junit.support.Fixture;
import dev.fakemail.junit.support.TestKit;
import dev.fakemail.junit.support.TestMail;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.testsupport.MessageBuilder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Under JUnit's parallel execution every test has its own server: no shared ports, no mail from a neighbour.
 * The fixtures wait for each other, so they provably run at the same time.
 */
class ParallelExecutionTest {
    @Test
    void concurrentTestsAndNestedClassesEachSeeOnlyTheirOwnMail() {
        EngineExecutionResults results = TestKit.run(TestKit.parallel(), PerTestServers.class, PerTestFields.class);

        TestKit.assertSucceeded(results, 8);
        List<String> ports = TestKit.reported(results, TestKit.SMTP_PORT);
        assertThat(ports).hasSize(8).doesNotHaveDuplicates();
        ZeroConfigServerTest.assertRefused(ports);
    }

    /** Six tests of the two fixtures wait here until all six run. */
    static final CountDownLatch ALL_RUNNING = new CountDownLatch(6);

    static void sendAndSeeOnlyOwnMail(String name, FakeMailServer mail, TestReporter reporter)
            throws InterruptedException {
        ALL_RUNNING.countDown();
        assertThat(ALL_RUNNING.await(20, TimeUnit.SECONDS)).as("the tests run at the same time").isTrue();
        String recipient = name + "@example.test";
        TestMail.sendVia(mail, MessageBuilder.message().from("shop@example.test").to(recipient).subject("For " + name));
        MailAssertions.assertThat(mail).receivesWithin(Duration.ofSeconds(10)).exactlyOne(to(recipient));
        assertThat(mail.messages()).extracting(ReceivedMessage::subject).containsExactly("For " + name);
        TestKit.publishSmtpPort(reporter, mail.smtp());
    }

    @FakeMailTest
    @Fixture
    static class PerTestServers {
        @ParameterizedTest
        @ValueSource(strings = {"a", "b", "c"})
        void sends(String name, FakeMailServer mail, TestReporter reporter) throws InterruptedException {
            sendAndSeeOnlyOwnMail(name, mail, reporter);
        }

        @Nested
        class Inside {
            @ParameterizedTest
            @ValueSource(strings = {"d", "e"})
            void sends(String name, FakeMailServer mail, TestReporter reporter) throws InterruptedException {
                sendAndSeeOnlyOwnMail(name, mail, reporter);
            }
        }
    }

    @FakeMailTest
    @Fixture
    static class PerTestFields {
        @MailServer
        FakeMailServer mail = FakeMailServer.builder().build();

        @Test
        void f(TestReporter reporter) throws InterruptedException {
            sendAndSeeOnlyOwnMail("f", mail, reporter);
        }

        @Test
        void g(FakeMailServer injected, TestReporter reporter) throws InterruptedException {
            assertThat(injected).isSameAs(mail);
            MailAssertions.assertThat(mail).hasNoMessages();
            TestMail.sendVia(mail, MessageBuilder.message().from("shop@example.test").to("g@example.test")
                    .subject("For g"));
            assertThat(mail.messages()).extracting(ReceivedMessage::subject).containsExactly("For g");
            TestKit.publishSmtpPort(reporter, mail.smtp());
        }

        @Test
        void h(TestReporter reporter) {
            MailAssertions.assertThat(mail).hasNoMessages();
            TestKit.publishSmtpPort(reporter, mail.smtp());
        }
    }
}
