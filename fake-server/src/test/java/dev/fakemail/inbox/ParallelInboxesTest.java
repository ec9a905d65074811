package dev.fakemail.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.Inbox;
import dev.fakemail.InboxSpec;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.testsupport.Dial;
import dev.fakemail.testsupport.SmtpConversation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Two inboxes filled at once by 16 threads, with fault rules on one: no cross-talk in mail or in hits. */
class ParallelInboxesTest {
    private static final int THREADS = 16;
    private static final int MESSAGES_PER_THREAD = 20;

    @Test
    void eachInboxSeesExactlyItsOwnMailAndFaultHits() throws Exception {
        try (FakeMailServer mail = FakeMailServer.builder().build().start()) {
            Inbox faulty = mail.inboxes().create(InboxSpec.tag("faulty"));
            Inbox calm = mail.inboxes().create(InboxSpec.recipientDomain("calm.test"));
            faulty.faults().addText("smtp data-end -> reply 451 4.3.0 \"inbox fault\" times 25");

            AtomicInteger refused = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < MESSAGES_PER_THREAD; i++) {
                        boolean toFaulty = (thread + i) % 2 == 0;
                        String to = toFaulty ? "t" + thread + "+faulty@example.test" : "t" + thread + "@calm.test";
                        String subject = (toFaulty ? "faulty " : "calm ") + thread + "-" + i;
                        try (SmtpConversation smtp = SmtpConversation.openWithEhlo(
                                Dial.to(mail.smtp().host(), mail.smtp().port()), "t" + thread)) {
                            smtp.expect("MAIL FROM:<app@example.test>", "250");
                            smtp.expect("RCPT TO:<" + to + ">", "250");
                            String reply = smtp.data("Subject: " + subject + "\r\n\r\nbody");
                            if (reply.startsWith("451")) {
                                assertThat(toFaulty).as("a 451 outside the faulty inbox: " + subject).isTrue();
                                refused.incrementAndGet();
                            } else {
                                assertThat(reply).startsWith("250");
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : work) {
                future.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();

            int perInbox = THREADS * MESSAGES_PER_THREAD / 2;
            assertThat(refused.get()).isEqualTo(25);
            assertThat(faulty.faults().rules().get(0).hits()).isEqualTo(25);
            assertThat(subjects(faulty.messages())).hasSize(perInbox - 25).allMatch(s -> s.startsWith("faulty "));
            assertThat(subjects(calm.messages())).hasSize(perInbox).allMatch(s -> s.startsWith("calm "));
            assertThat(mail.messages()).isEmpty();
            assertThat(faulty.transcripts()).hasSize(perInbox);
            assertThat(calm.transcripts()).hasSize(perInbox);
            assertThat(mail.transcripts()).isEmpty();
        }
    }

    private static List<String> subjects(List<ReceivedMessage> messages) {
        return messages.stream().map(ReceivedMessage::subject).toList();
    }
}
