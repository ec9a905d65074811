package dev.fakemail.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.InboxSpec;
import dev.fakemail.client.FakeMailClientException;
import dev.fakemail.client.InboxInfo;
import dev.fakemail.client.RemoteInbox;
import dev.fakemail.fault.FaultHandle;
import dev.fakemail.journal.Transcript;
import dev.fakemail.store.MailQuery;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.testsupport.SmtpConversation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Isolated inboxes through fakemail-client against the jar as a process: two inboxes filled in parallel by 16
 * threads with faults on one of them, each seeing exactly its own mail, waits and fault hits.
 */
@Timeout(120)
class RemoteInboxesIT {
    private static final int THREADS = 16;
    private static final int PER_THREAD_AND_INBOX = 5;
    private static final int FAULTS = 20;

    @RegisterExtension
    static final SharedJar jar = new SharedJar();

    @Test
    void twoInboxesFilledInParallelEachSeeOnlyTheirOwnMailAndFaultHits() throws Exception {
        RemoteInbox jobA = jar.client().createInbox(InboxSpec.recipientDomain("a.test").id("job-a"));
        RemoteInbox jobB = jar.client().createInbox(InboxSpec.recipientDomain("b.test").id("job-b"));
        FaultHandle refusals = jobA.faults().addText("smtp rcpt * -> reply 451 4.3.0 \"Try again later\" times "
                + FAULTS).get(0);
        int expected = THREADS * PER_THREAD_AND_INBOX;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 2);
        try {
            Future<List<ReceivedMessage>> waitA = pool.submit(() -> jobA.await(MailQuery.all(), expected,
                    Duration.ofSeconds(90)));
            Future<List<ReceivedMessage>> waitB = pool.submit(() -> jobB.await(MailQuery.all(), expected,
                    Duration.ofSeconds(90)));
            AtomicInteger refusedA = new AtomicInteger();
            AtomicInteger refusedB = new AtomicInteger();
            List<Future<?>> senders = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                int t = thread;
                senders.add(pool.submit(() -> {
                    for (int i = 0; i < PER_THREAD_AND_INBOX; i++) {
                        sendUntilAccepted("user" + t + "@a.test", "a-" + t + "-" + i, refusedA);
                        sendUntilAccepted("user" + t + "@b.test", "b-" + t + "-" + i, refusedB);
                    }
                    return null;
                }));
            }
            for (Future<?> sender : senders) {
                sender.get(90, TimeUnit.SECONDS);
            }

            List<ReceivedMessage> a = waitA.get(90, TimeUnit.SECONDS);
            List<ReceivedMessage> b = waitB.get(90, TimeUnit.SECONDS);

            assertThat(subjects(a)).hasSize(expected).allMatch(subject -> subject.startsWith("a-"));
            assertThat(subjects(b)).hasSize(expected).allMatch(subject -> subject.startsWith("b-"));
            assertThat(jobA.messages()).hasSize(expected);
            assertThat(jobB.messages()).hasSize(expected);
            assertThat(jobA.messages()).allMatch(message -> message.envelope().recipientAddresses().stream()
                    .allMatch(address -> address.endsWith("@a.test")));
            assertThat(jar.client().messages()).as("the default inbox").isEmpty();

            assertThat(refusedA.get()).isEqualTo(FAULTS);
            assertThat(refusedB.get()).isZero();
            assertThat(refusals.hits()).isEqualTo(FAULTS);
            assertThat(jobB.faults().rules()).isEmpty();
            assertThat(jar.client().faults().rules()).isEmpty();
            assertThat(faultLines(jobA.transcripts())).isEqualTo(FAULTS);
            assertThat(faultLines(jobB.transcripts())).isZero();
            assertThat(jobB.transcripts()).hasSize(expected);
        } finally {
            pool.shutdownNow();
        }

        assertThat(jar.client().inboxes()).extracting(InboxInfo::id).contains("job-a", "job-b");
        InboxInfo info = jobA.info().orElseThrow();
        assertThat(info.route()).isEqualTo("recipient-domain");
        assertThat(info.value()).isEqualTo("a.test");
        assertThat(info.messages()).isEqualTo(expected);
        jobB.reset();
        assertThat(jobB.messages()).isEmpty();
        assertThat(jobA.messages()).hasSize(expected);
        assertThat(jar.client().deleteInbox("job-a")).isTrue();
        assertThat(jar.client().deleteInbox("job-a")).isFalse();
        assertThatThrownBy(jobA::messages).isInstanceOf(FakeMailClientException.class).hasMessageContaining("404");
        assertThatThrownBy(() -> jar.client().createInbox(InboxSpec.recipientDomain("b.test").id("job-c")))
                .isInstanceOf(FakeMailClientException.class).hasMessageContaining("409");
        assertThat(jar.client().deleteInbox("job-b")).isTrue();
    }

    @Test
    void anInboxByTagHasItsOwnFaultsWaitsAndTranscripts() throws Exception {
        RemoteInbox tagged = jar.client().createInbox(InboxSpec.tag("job42").idleTimeout(Duration.ofMinutes(5)));
        try {
            assertThat(tagged.inboxId()).contains("job42");
            tagged.faults().smtp(dev.fakemail.fault.Trigger.rcptTo("*")).times(1).reply(452, "4.2.2", "Full");
            AtomicInteger refused = new AtomicInteger();
            sendUntilAccepted("bob+job42@example.test", "tagged", refused);
            sendUntilAccepted("bob@example.test", "untagged", refused);

            assertThat(tagged.await(MailQuery.to("bob+job42@example.test"), Duration.ofSeconds(10)))
                    .extracting(ReceivedMessage::subject).containsExactly("tagged");
            assertThat(jar.client().await(MailQuery.all(), Duration.ofSeconds(10))).extracting(ReceivedMessage::subject)
                    .containsExactly("untagged");
            assertThat(refused.get()).isEqualTo(1);
            assertThat(tagged.info().orElseThrow().idleTimeout()).isEqualTo(Duration.ofMinutes(5));
            assertThat(tagged.transcripts()).hasSize(2); // the refused session and the one that delivered
        } finally {
            jar.client().deleteInbox("job42");
            jar.client().reset();
        }
    }

    /** One SMTP session per attempt (so each is attributed anew); a 451/452 RCPT is counted and sent again. */
    private static void sendUntilAccepted(String to, String subject, AtomicInteger refused) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (SmtpConversation smtp = Smtp.open("127.0.0.1", jar.smtpPort())) {
                smtp.expect("MAIL FROM:<sender@example.test>", "250");
                String reply = smtp.command("RCPT TO:<" + to + ">");
                if (reply.startsWith("45")) {
                    refused.incrementAndGet();
                    smtp.expect("QUIT", "221");
                    continue;
                }
                assertThat(reply).startsWith("250");
                smtp.expect("DATA", "354");
                smtp.expect("Subject: " + subject + "\r\n\r\nhi\r\n.", "250");
                smtp.expect("QUIT", "221");
                return;
            }
        }
        throw new AssertionError("still refused after 50 attempts: " + to);
    }

    private static List<String> subjects(List<ReceivedMessage> messages) {
        return messages.stream().map(ReceivedMessage::subject).distinct().collect(Collectors.toList());
    }

    private static long faultLines(List<Transcript> transcripts) {
        return transcripts.stream().flatMap(transcript -> transcript.lines().stream())
                .filter(line -> line.direction() == '*' && line.text().startsWith("fault #")).count();
    }
}
