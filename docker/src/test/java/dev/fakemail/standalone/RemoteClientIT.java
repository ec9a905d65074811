package dev.fakemail.standalone;

import static dev.fakemail.junit.ExpectedMail.to;
import static dev.fakemail.junit.MailAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.client.FakeMailClient;
import dev.fakemail.client.FakeMailClientException;
import dev.fakemail.fault.FaultHandle;
import dev.fakemail.fault.FaultHit;
import dev.fakemail.fault.FaultRule;
import dev.fakemail.fault.Trigger;
import dev.fakemail.journal.Transcript;
import dev.fakemail.store.MailQuery;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.testsupport.SmtpConversation;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * fakemail-client against the packaged jar run as a process, as a test against a shared server or a container
 * would use it: every MailControl operation over HTTP, waits that return on arrival, faults, MailAssertions
 * with their failure report, and the errors a user meets first.
 */
@Timeout(60)
class RemoteClientIT {
    private static final Duration SHORT = Duration.ofSeconds(10);

    @RegisterExtension
    static final SharedJar jar = new SharedJar();

    @BeforeEach
    void reset() {
        jar.client().reset();
    }

    @Test
    void readsMessagesRebuiltFromTheServersBytesAndEnvelope() throws Exception {
        try (SmtpConversation smtp = Smtp.open("127.0.0.1", jar.smtpPort())) {
            smtp.expect("MAIL FROM:<shop@example.test> BODY=8BITMIME", "250");
            smtp.expect("RCPT TO:<bob@example.test> NOTIFY=FAILURE", "250");
            smtp.expect("RCPT TO:<carol@example.test>", "250");
            smtp.expect("DATA", "354");
            smtp.expect("From: Shop <shop@example.test>\r\nTo: bob@example.test\r\nSubject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?="
                    + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nYour code is 123456.\r\n.",
                    "250");
            Smtp.sendIn(smtp, "alice@example.test", "dave@example.test", "Second");
            smtp.expect("QUIT", "221");
        }

        List<ReceivedMessage> messages = jar.client().messages();

        assertThat(messages).hasSize(2);
        ReceivedMessage first = messages.get(0);
        assertThat(first.subject()).isEqualTo("Grüße");
        assertThat(first.text()).isEqualTo("Your code is 123456.\r\n");
        assertThat(first.header("From")).contains("Shop <shop@example.test>");
        assertThat(first.headers("Received")).hasSize(1);
        assertThat(first.envelope().mailFrom()).isEqualTo("shop@example.test");
        assertThat(first.envelope().mailParameters()).containsEntry("BODY", "8BITMIME");
        assertThat(first.envelope().recipientAddresses()).containsExactly("bob@example.test", "carol@example.test");
        assertThat(first.envelope().recipients().get(0).parameters()).containsEntry("NOTIFY", "FAILURE");
        assertThat(first.envelope().heloName()).isEqualTo("client.example.test");
        assertThat(first.envelope().clientAddress().getAddress().isLoopbackAddress()).isTrue();
        assertThat(first.envelope().protocol()).isEqualTo("ESMTP");
        assertThat(first.isAcknowledged()).isTrue();
        assertThat(messages.get(1).id()).isGreaterThan(first.id());
        assertThat(jar.client().message(first.id()).orElseThrow().bytes()).isEqualTo(first.bytes());
        assertThat(jar.client().message(first.id() + 1000)).isEmpty();
        assertThat(jar.client().messages(MailQuery.to("dave@example.test"))).extracting(ReceivedMessage::subject)
                .containsExactly("Second");
        assertThat(jar.client().serverVersion()).isEqualTo(System.getProperty("fakemail.version"));
    }

    @Test
    void aWaitParksOnTheServerAndReturnsWhenTheMailArrives() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            long started = System.nanoTime();
            Future<List<ReceivedMessage>> waiting = executor.submit(() ->
                    jar.client().await(MailQuery.to("bob@example.test"), 2, Duration.ofSeconds(50)));
            awaitWaitingRequests(1); // one long poll held by the server, not a loop of requests
            Smtp.send("127.0.0.1", jar.smtpPort(), "alice@example.test", "carol@example.test", "not for bob");
            Smtp.send("127.0.0.1", jar.smtpPort(), "alice@example.test", "bob@example.test", "one");
            Smtp.send("127.0.0.1", jar.smtpPort(), "alice@example.test", "bob@example.test", "two");

            List<ReceivedMessage> arrived = waiting.get(30, TimeUnit.SECONDS);

            assertThat(arrived).extracting(ReceivedMessage::subject).containsExactly("one", "two");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(40));
            assertThat(waitingRequests()).isZero();
        } finally {
            executor.shutdownNow();
        }
        assertThat(jar.client().await(MailQuery.to("nobody@example.test"), Duration.ofMillis(300))).isEmpty();
        assertThat(jar.client().await(MailQuery.to("bob@example.test"), 2, Duration.ZERO)).hasSize(2);
    }

    @Test
    void mailAssertionsWorkUnchangedAndTheirFailureListsCandidatesAndTranscripts() throws Exception {
        Smtp.send("127.0.0.1", jar.smtpPort(), "shop@example.test", "bob@example.test", "Reset your passwrod");

        assertThat(jar.client()).receivesWithin(Duration.ofSeconds(10)).exactlyOne(to("bob@example.test"))
                .hasSubject("Reset your passwrod");
        assertThatThrownBy(() -> assertThat(jar.client()).receivesWithin(Duration.ofMillis(500))
                .exactlyOne(to("bob@example.test").subject("Reset your password")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("but none arrived within")
                .hasMessageContaining("Closest candidates:")
                .hasMessageContaining("Reset your passwrod")
                .hasMessageContaining("SMTP sessions:")
                .hasMessageContaining("S: 220 ")
                .hasMessageContaining("C: MAIL FROM:<shop@example.test>");
    }

    @Test
    void faultRulesAreAddedListedCountedAndRemovedOverTheApi() throws Exception {
        FaultHandle greylist = jar.client().faults().smtp(Trigger.rcptTo("bob@*")).times(1)
                .reply(451, "4.3.0", "Try again later");
        BlockingQueue<FaultHit> hits = new LinkedBlockingQueue<>();
        try (AutoCloseable subscription = jar.client().faults().subscribe(hits::add)) {
            try (SmtpConversation smtp = Smtp.open("127.0.0.1", jar.smtpPort())) {
                smtp.expect("MAIL FROM:<alice@example.test>", "250");
                smtp.expect("RCPT TO:<bob@example.test>", "451");
                smtp.expect("RCPT TO:<bob@example.test>", "250");
                smtp.expect("QUIT", "221");
            }
            FaultHit hit = hits.poll(10, TimeUnit.SECONDS);
            assertThat(hit).isNotNull();
            assertThat(hit.ruleId()).isEqualTo(greylist.id());
        }

        assertThat(greylist.hits()).isEqualTo(1);
        assertThat(greylist.rule().toText()).isEqualTo("smtp RCPT bob@* -> reply 451 4.3.0 \"Try again later\" times 1");
        List<FaultHandle> added = jar.client().faults().addText("smtp helo -> delay 1ms; smtp connect -> delay 1ms");
        assertThat(added).hasSize(2);
        assertThat(jar.client().faults().rules()).extracting(FaultHandle::id)
                .containsExactly(greylist.id(), added.get(0).id(), added.get(1).id());
        assertThat(jar.client().faults().rule(added.get(0).id()).orElseThrow().rule())
                .isEqualTo(FaultRule.parse("smtp helo -> delay 1ms"));
        assertThatThrownBy(() -> jar.client().faults().addText("smtp nonsense -> reply 451"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nonsense");
        assertThat(jar.client().faults().rules()).hasSize(3); // the bad text added nothing
        assertThat(added.get(0).remove()).isTrue();
        assertThat(added.get(0).remove()).isFalse();
        assertThat(added.get(0).isActive()).isFalse();
        assertThat(jar.client().faults().seed()).isEqualTo(jar.client().faults().seed());
        jar.client().faults().clear();
        assertThat(jar.client().faults().rules()).isEmpty();
    }

    @Test
    void unacknowledgedMessagesTranscriptsDeleteAndReset() throws Exception {
        jar.client().faults().addText("smtp data-end -> disconnect times 1");
        try (SmtpConversation smtp = Smtp.open("127.0.0.1", jar.smtpPort())) {
            smtp.expect("MAIL FROM:<alice@example.test>", "250");
            smtp.expect("RCPT TO:<bob@example.test>", "250");
            smtp.expect("DATA", "354");
            assertThat(smtp.command("Subject: was it sent?\r\n\r\nhi\r\n.")).isNull();
        }
        Smtp.send("127.0.0.1", jar.smtpPort(), "alice@example.test", "bob@example.test", "delivered");
        ReceivedMessage delivered = jar.client().await(MailQuery.all(), SHORT).get(0);

        List<ReceivedMessage> unacknowledged = jar.client().unacknowledged();
        assertThat(unacknowledged).extracting(ReceivedMessage::subject).containsExactly("was it sent?");
        assertThat(unacknowledged.get(0).isAcknowledged()).isFalse();
        assertThat(unacknowledged.get(0).unacknowledgedFate()).isPresent();
        List<Transcript> transcripts = jar.client().transcripts();
        assertThat(transcripts).hasSize(2);
        assertThat(transcripts.get(0).protocol()).isEqualTo("SMTP");
        assertThat(transcripts.get(0).lines()).anyMatch(line -> line.direction() == '*'
                && line.text().startsWith("fault #"));
        assertThat(transcripts.get(1).client()).isEqualTo(delivered.envelope().clientAddress());
        assertThat(transcripts.get(1).toString()).contains("C: MAIL FROM:<alice@example.test>");

        assertThat(jar.client().delete(delivered.id())).isTrue();
        assertThat(jar.client().delete(delivered.id())).isFalse();
        assertThat(jar.client().messages()).isEmpty();
        jar.client().reset();
        assertThat(jar.client().transcripts()).isEmpty();
        assertThat(jar.client().unacknowledged()).isEmpty();
        assertThatThrownBy(jar.client()::store).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("POP3 or IMAP");
    }

    @Test
    void clearErrorsForAnUnreachablePortAndForAPortThatIsNotTheWebInbox() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThatThrownBy(() -> FakeMailClient.connect("http://127.0.0.1:" + closed))
                .isInstanceOf(FakeMailClientException.class)
                .hasMessageStartingWith("fakemail is not reachable at http://127.0.0.1:" + closed + "/")
                .hasMessageContaining("Fix: start it");
        assertThatThrownBy(() -> FakeMailClient.connect("http://127.0.0.1:" + jar.smtpPort()))
                .isInstanceOf(FakeMailClientException.class)
                .hasMessageContaining("http://127.0.0.1:" + jar.smtpPort() + "/ is not a fakemail web inbox")
                .hasMessageContaining("not its SMTP port");
    }

    @Test
    void aPasswordProtectedInboxNeedsBasicAuth() throws Exception {
        try (SmtpAndInbox protectedInbox = SmtpAndInbox.start(Map.of("FAKEMAIL_WEB_AUTH", "ci:s3cret"))) {
            String url = protectedInbox.inboxUrl();

            assertThatThrownBy(() -> FakeMailClient.connect(url)).isInstanceOf(FakeMailClientException.class)
                    .hasMessageContaining("answered 401").hasMessageContaining("asks for a password");
            assertThatThrownBy(() -> FakeMailClient.connect(url, "ci", "wrong"))
                    .isInstanceOf(FakeMailClientException.class).hasMessageContaining("answered 401");
            assertThat(FakeMailClient.connect(url, "ci", "s3cret").messages()).isEmpty();
            assertThat(FakeMailClient.connect(url.replace("http://", "http://ci:s3cret@")).transcripts()).isEmpty();
        }
    }

    private static void awaitWaitingRequests(int count) throws Exception {
        long deadline = System.nanoTime() + SHORT.toNanos();
        while (waitingRequests() != count) {
            assertThat(System.nanoTime()).as("%d waiting request(s) within %s", count, SHORT).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static int waitingRequests() throws Exception {
        HttpResponse<String> info = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(jar.inboxUrl())
                .resolve("/api/info")).timeout(SHORT).build(), HttpResponse.BodyHandlers.ofString());
        Matcher waiting = java.util.regex.Pattern.compile("\"waiting\":(\\d+)").matcher(info.body());
        assertThat(waiting.find()).as(info.body()).isTrue();
        return Integer.parseInt(waiting.group(1));
    }
}
