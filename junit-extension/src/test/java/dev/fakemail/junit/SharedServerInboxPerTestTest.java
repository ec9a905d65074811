package dev.fakemail.junit;

import static dev.fakemail.junit.ExpectedMail.to;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.Inbox;
import dev.fakemail.InboxSpec;
import dev.fakemail.junit.support.Fixture;
import dev.fakemail.junit.support.TestKit;
import dev.fakemail.store.ReceivedMessage;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * One shared server (as a CI job would have one beside it) and an isolated inbox per test, under JUnit's
 * parallel execution: each test sees only its own mail, though all send to the same SMTP port at once.
 */
class SharedServerInboxPerTestTest {
    @Test
    void concurrentTestsWithAnInboxEachSeeOnlyTheirOwnMail() {
        try {
            EngineExecutionResults results = TestKit.run(TestKit.parallel(), InboxPerTest.class);

            TestKit.assertSucceeded(results, 6);
            assertThat(InboxPerTest.SHARED.messages()).as("nothing reached the default inbox").isEmpty();
            assertThat(InboxPerTest.SHARED.inboxes().list()).as("each test closed its inbox").isEmpty();
        } finally {
            InboxPerTest.SHARED.close();
        }
    }

    @Fixture
    static class InboxPerTest {
        static final FakeMailServer SHARED = FakeMailServer.builder().build().start();
        static final CountDownLatch ALL_RUNNING = new CountDownLatch(6);

        static void sendAndSeeOnlyOwnMail(String name) throws Exception {
            Inbox inbox = SHARED.inboxes().create(InboxSpec.tag(name));
            ALL_RUNNING.countDown();
            assertThat(ALL_RUNNING.await(20, TimeUnit.SECONDS)).as("the tests run at the same time").isTrue();

            String recipient = "user+" + name + "@example.test";
            Properties props = new Properties();
            props.put("mail.smtp.host", SHARED.smtp().host());
            props.put("mail.smtp.port", String.valueOf(SHARED.smtp().port()));
            MimeMessage message = new MimeMessage(Session.getInstance(props));
            message.setFrom(new InternetAddress("shop@example.test"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
            message.setSubject("For " + name);
            message.setText("hello");
            Transport.send(message);

            MailAssertions.assertThat(inbox).receivesWithin(Duration.ofSeconds(10)).exactlyOne(to(recipient));
            assertThat(inbox.messages()).extracting(ReceivedMessage::subject).containsExactly("For " + name);
            inbox.close();
        }

        /** Six invocations, run at the same time by JUnit's parallel execution, each with an inbox of its own. */
        @ParameterizedTest
        @ValueSource(strings = {"a", "b", "c", "d", "e", "f"})
        void sendsAndSeesOnlyItsOwnMail(String name) throws Exception {
            sendAndSeeOnlyOwnMail(name);
        }
    }
}
