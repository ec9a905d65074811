package dev.fakemail.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.store.Envelope;
import dev.fakemail.store.EnvelopeRecipient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The index stays in step with the store, whoever delivers, deletes or resets, and however fast. */
@Timeout(60)
class MessageIndexTest {
    @Test
    void everyReadSeesWhatWasDeliveredBeforeIt() throws Exception {
        try (FakeMailServer mail = FakeMailServer.builder().smtpPort(-1).pop3Port(-1).build().start();
             MessageIndex index = new MessageIndex(mail)) {
            ExecutorService senders = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            List<String> misses = new CopyOnWriteArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                done.add(senders.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        long id = deliver(mail, "Subject: n" + i);
                        if (index.byId(id).isEmpty()) {
                            misses.add("#" + id);
                        }
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            senders.shutdown();

            int size = index.read(List::size);
            boolean ascending = index.read(MessageIndexTest::isAscending);
            assertThat(misses).isEmpty();
            assertThat(size).isEqualTo(2000);
            assertThat(ascending).isTrue();
        }
    }

    @Test
    void deletionsResetsAndListenersFollowTheStoreInOrder() throws Exception {
        try (FakeMailServer mail = FakeMailServer.builder().smtpPort(-1).pop3Port(-1).build().start();
             MessageIndex index = new MessageIndex(mail)) {
            List<String> changes = new CopyOnWriteArrayList<>();
            index.listen(change -> changes.add(change.getClass().getSimpleName()));
            long first = deliver(mail, "Subject: one");
            deliver(mail, "Subject: two");

            mail.delete(first);
            List<String> subjects = index.read(all -> all.stream().map(summary -> summary.subject).toList());
            assertThat(subjects).containsExactly("two");
            mail.reset();

            int size = index.read(List::size);
            assertThat(size).isZero();
            assertThat(changes).containsExactly("Added", "MailboxChanged", "Added", "MailboxChanged", "Removed",
                    "Cleared");
        }
    }

    @Test
    void startsWithWhatTheStoreHeldAndAddsNothingTwice() throws Exception {
        try (FakeMailServer mail = FakeMailServer.builder().smtpPort(-1).pop3Port(-1).build().start()) {
            for (int i = 0; i < 300; i++) {
                deliver(mail, "Subject: before " + i);
            }
            try (MessageIndex index = new MessageIndex(mail)) {
                deliver(mail, "Subject: after");

                int size = index.read(List::size);
                String last = index.read(all -> all.get(300).subject);
                boolean ascending = index.read(MessageIndexTest::isAscending);
                assertThat(size).isEqualTo(301);
                assertThat(last).isEqualTo("after");
                assertThat(ascending).isTrue();
            }
        }
    }

    private static boolean isAscending(List<MessageSummary> all) {
        for (int i = 1; i < all.size(); i++) {
            if (all.get(i - 1).id >= all.get(i).id) {
                return false;
            }
        }
        return true;
    }

    private static long deliver(FakeMailServer mail, String data) {
        Envelope envelope = new Envelope("a@example.test", Map.of(),
                List.of(new EnvelopeRecipient("b@example.test", Map.of())), "helo",
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000), null, null, "ESMTP");
        return mail.repository().deliver(envelope, (data + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.UTF_8)).id();
    }
}
