package dev.fakemail.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.InboxSpec;
import dev.fakemail.fault.FaultHit;
import dev.fakemail.fault.Protocol;
import dev.fakemail.testsupport.Dial;
import dev.fakemail.testsupport.SmtpConversation;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** subscribe() over the event stream: hits arrive as they happen, per inbox, and closing ends the stream. */
@Timeout(60)
class FaultSubscriptionTest {
    @RegisterExtension
    final InProcessServer running = new InProcessServer();
    @Test
    void hitsArriveAsTheyHappenAndClosingEndsTheStream() throws Exception {
        FakeMailClient client = running.client();
        RemoteInbox inbox = client.createInbox(InboxSpec.tag("job7"));
        long rule = inbox.faults().addText("smtp rcpt * -> reply 451 4.3.0 \"Later\"").get(0).id();
        BlockingQueue<FaultHit> inboxHits = new LinkedBlockingQueue<>();
        BlockingQueue<FaultHit> defaultHits = new LinkedBlockingQueue<>();
        AutoCloseable inboxSubscription = inbox.faults().subscribe(inboxHits::add);
        AutoCloseable defaultSubscription = client.faults().subscribe(defaultHits::add);
        assertThat(eventStreams(client)).isEqualTo(1);
        assertThat(eventStreams(inbox)).isEqualTo(1);

        sendToTheTaggedInboxAndGetRefused();
        FaultHit hit = inboxHits.poll(10, TimeUnit.SECONDS);

        assertThat(hit).isNotNull();
        assertThat(hit.ruleId()).isEqualTo(rule);
        assertThat(hit.protocol()).isEqualTo(Protocol.SMTP);
        assertThat(hit.description()).contains("451");
        assertThat(defaultHits).as("the default inbox's stream").isEmpty();

        defaultSubscription.close();
        inboxSubscription.close();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (readerThreads() > 0) { // closing closed the connection: the readers saw its end
            assertThat(System.nanoTime()).as("the readers ended within 10s").isLessThan(deadline);
            Thread.sleep(20);
        }
        sendToTheTaggedInboxAndGetRefused();
        assertThat(inbox.faults().rule(rule).orElseThrow().hits()).isEqualTo(2);
        assertThat(inboxHits).as("no hit after the subscription was closed").isEmpty();
    }

    /** One SMTP session whose RCPT to the job7 inbox the rule refuses with 451. */
    private void sendToTheTaggedInboxAndGetRefused() throws IOException {
        FakeMailServer server = running.server();
        try (SmtpConversation smtp = SmtpConversation.openWithEhlo(Dial.to(server.smtp().host(), server.smtp().port()),
                "client.example.test")) {
            smtp.expect("MAIL FROM:<alice@example.test>", "250");
            smtp.expect("RCPT TO:<bob+job7@example.test>", "451");
            smtp.expect("QUIT", "221");
        }
    }

    private static long readerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("fakemail-client-events") && thread.isAlive()).count();
    }

    private static int eventStreams(RemoteInbox inbox) {
        return inbox.getJson("/api/info").get("web").get("eventStreams").asInt();
    }
}
