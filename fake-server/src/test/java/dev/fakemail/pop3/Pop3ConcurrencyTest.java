package dev.fakemail.pop3;

import static dev.fakemail.testing.Stores.deliver;
import static dev.fakemail.testing.Stores.inbox;
import static dev.fakemail.testsupport.DotStuffing.unstuffedContent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.testing.Clients;
import dev.fakemail.testsupport.Pop3Conversation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many POP3 clients at once: one lock winner per maildrop, and independent maildrops never interfere. */
@Timeout(120)
class Pop3ConcurrencyTest {
    private FakeMailServer server;
    private ExecutorService pool;

    @BeforeEach
    void start() {
        server = FakeMailServer.builder().build().start();
        pool = Executors.newFixedThreadPool(16);
    }

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        server.close();
    }

    @Test
    void exactlyOneOfManySimultaneousLoginsGetsTheMaildrop() throws Exception {
        deliver(server, "bob@example.test", "Subject: contested\r\n\r\nbody\r\n");
        int clients = 16;
        List<Pop3Conversation> conversations = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                Pop3Conversation pop = Clients.openPop3(server);
                assertThat(pop.command("USER bob@example.test")).isEqualTo("+OK send PASS");
                conversations.add(pop);
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> replies = new ArrayList<>();
            for (Pop3Conversation pop : conversations) {
                replies.add(pool.submit(() -> {
                    go.await();
                    return pop.command("PASS x");
                }));
            }
            go.countDown();
            int winners = 0;
            for (Future<String> reply : replies) {
                String text = reply.get(30, TimeUnit.SECONDS);
                if (text.startsWith("+OK")) {
                    winners++;
                } else {
                    assertThat(text).isEqualTo("-ERR [IN-USE] maildrop already locked by another session");
                }
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            for (Pop3Conversation pop : conversations) {
                pop.close();
            }
        }
    }

    @Test
    void independentMaildropsReadAndDeleteInParallel() throws Exception {
        int users = 12;
        int perUser = 6;
        for (int u = 0; u < users; u++) {
            for (int m = 0; m < perUser; m++) {
                deliver(server, "user" + u + "@example.test", message(u, m));
            }
        }
        List<Future<Void>> done = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            int user = u;
            done.add(pool.submit((Callable<Void>) () -> {
                try (Pop3Conversation pop = Clients.openPop3(server)) {
                    pop.command("USER user" + user + "@example.test");
                    assertThat(pop.command("PASS x")).isEqualTo("+OK maildrop locked and ready, " + perUser + " messages");
                    for (int m = 1; m <= perUser; m++) {
                        byte[] retr = pop.multiLineCommand("RETR " + m);
                        assertThat(new String(unstuffedContent(retr), StandardCharsets.US_ASCII))
                                .isEqualTo(message(user, m - 1));
                        assertThat(pop.command("DELE " + m)).startsWith("+OK");
                    }
                    assertThat(pop.command("QUIT")).isEqualTo("+OK fakemail POP3 server signing off (0 messages left)");
                }
                return null;
            }));
        }
        // meanwhile, SMTP-side deliveries to other users keep arriving
        for (int i = 0; i < 50; i++) {
            deliver(server, "bystander@example.test", message(99, i));
        }
        for (Future<Void> future : done) {
            future.get(60, TimeUnit.SECONDS);
        }
        for (int u = 0; u < users; u++) {
            assertThat(inbox(server, "user" + u + "@example.test")).isEmpty();
        }
        assertThat(inbox(server, "bystander@example.test")).hasSize(50);
    }

    private static String message(int user, int number) {
        return "Subject: u" + user + " m" + number + "\r\n\r\n.line for " + user + "/" + number + "\r\n"
                + "x".repeat(number * 100) + "\r\n";
    }
}
