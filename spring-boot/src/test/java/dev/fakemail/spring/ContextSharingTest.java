package dev.fakemail.spring;

import static dev.fakemail.junit.ExpectedMail.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.FakeMailServer;
import dev.fakemail.FakeMailServerBuilder;
import dev.fakemail.junit.MailAssertions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Spring's context cache decides the servers: test classes of one configuration share a context and its
 * server, reset before each test; another configuration gets another server; a closed context stops its server.
 */
class ContextSharingTest {
    /** What each fixture test saw: its server and the recipients of the mail on it. */
    record Seen(FakeMailServer server, List<String> recipients) {
    }

    static final Map<String, Seen> SEEN = new ConcurrentHashMap<>();
    /** The SMTP port of each test's server, read while it ran (a stopped server has no endpoints). */
    static final Map<String, Integer> PORTS = new ConcurrentHashMap<>();
    /** The server a failing application saw while its context was refreshing. */
    static final AtomicReference<FakeMailServer> SERVER_OF_FAILED_CONTEXT = new AtomicReference<>();

    @Test
    void classesOfOneConfigurationShareAServerAndEachTestSeesOnlyItsOwnMail() {
        SEEN.clear();
        EngineExecutionResults results = FixtureRun.run(First.class, Second.class, OtherConfiguration.class);

        assertThat(results.testEvents().succeeded().count()).as(FixtureRun.failures(results)).isEqualTo(4);
        FakeMailServer shared = SEEN.get("a").server();
        assertThat(SEEN.get("b").server()).as("same class").isSameAs(shared);
        assertThat(SEEN.get("c").server()).as("another class, same configuration").isSameAs(shared);
        assertThat(SEEN.get("d").server()).as("another configuration").isNotSameAs(shared);
        assertThat(SEEN.get("d").server().smtp().port()).isNotEqualTo(shared.smtp().port());
        assertThat(SEEN.get("d").server().config().hostname()).isEqualTo("other.test");

        assertThat(SEEN.get("a").recipients()).containsExactly("a@example.test");
        assertThat(SEEN.get("b").recipients()).containsExactly("b@example.test");
        assertThat(SEEN.get("c").recipients()).as("mail from @BeforeEach stays: the reset comes before it")
                .containsExactly("setup@example.test", "c@example.test");
        assertThat(SEEN.get("d").recipients()).containsExactly("d@example.test");
        assertThat(shared.isRunning()).as("the cached context still runs").isTrue();
    }

    @Test
    void closingTheContextStopsItsServer() {
        SEEN.clear();
        EngineExecutionResults results = FixtureRun.run(Dirtied.class);

        assertThat(results.testEvents().succeeded().count()).as(FixtureRun.failures(results)).isEqualTo(1);
        FakeMailServer server = SEEN.get("dirtied").server();
        assertThat(server.isRunning()).isFalse();
        int port = PORTS.get("dirtied");
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            }
        }).isInstanceOf(IOException.class);
    }

    @Test
    void aContextThatFailsToStartStopsItsServer() {
        SERVER_OF_FAILED_CONTEXT.set(null);
        EngineExecutionResults results = FixtureRun.run(FailingApplication.class);

        assertThat(results.testEvents().failed().count()).isEqualTo(1);
        FakeMailServer server = SERVER_OF_FAILED_CONTEXT.get();
        assertThat(server).as("the failing bean received the server").isNotNull();
        assertThat(server.isRunning()).isFalse();
    }

    static void sendAndRecord(String name, FakeMailServer mail, MailApplication.WelcomeMailer mailer) {
        PORTS.put(name, mail.smtp().port());
        mailer.welcome(name + "@example.test");
        MailAssertions.assertThat(mail).receivesWithin(Duration.ofSeconds(10)).exactlyOne(to(name + "@example.test"));
        List<String> recipients = mail.messages().stream()
                .flatMap(message -> message.envelope().recipientAddresses().stream()).toList();
        SEEN.put(name, new Seen(mail, recipients));
    }

    @FixtureRun.Fixture
    @SpringBootTest(classes = MailApplication.class)
    @AutoConfigureFakeMail
    static class First {
        @Autowired
        FakeMailServer mail;

        @Autowired
        MailApplication.WelcomeMailer mailer;

        @Test
        void a() {
            sendAndRecord("a", mail, mailer);
        }

        @Test
        void b() {
            sendAndRecord("b", mail, mailer);
        }
    }

    @FixtureRun.Fixture
    @SpringBootTest(classes = MailApplication.class)
    @AutoConfigureFakeMail
    static class Second {
        @Autowired
        FakeMailServer mail;

        @Autowired
        MailApplication.WelcomeMailer mailer;

        @BeforeEach
        void sendBeforeTheTest() {
            mailer.welcome("setup@example.test");
        }

        @Test
        void c() {
            sendAndRecord("c", mail, mailer);
        }
    }

    public static class OtherHostname implements FakeMailServerCustomizer {
        @Override
        public void customize(FakeMailServerBuilder builder) {
            builder.hostname("other.test");
        }
    }

    @FixtureRun.Fixture
    @SpringBootTest(classes = MailApplication.class)
    @AutoConfigureFakeMail(customizers = OtherHostname.class)
    static class OtherConfiguration {
        @Autowired
        FakeMailServer mail;

        @Autowired
        MailApplication.WelcomeMailer mailer;

        @Test
        void d() {
            sendAndRecord("d", mail, mailer);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class BrokenBean {
        @Bean
        Object broken(FakeMailServer mail) {
            SERVER_OF_FAILED_CONTEXT.set(mail);
            throw new IllegalStateException("this application does not start");
        }
    }

    @FixtureRun.Fixture
    @SpringBootTest(classes = {MailApplication.class, BrokenBean.class})
    @AutoConfigureFakeMail
    static class FailingApplication {
        @Test
        void test() {
        }
    }

    @FixtureRun.Fixture
    @SpringBootTest(classes = MailApplication.class)
    @AutoConfigureFakeMail
    @DirtiesContext
    static class Dirtied {
        @Autowired
        FakeMailServer mail;

        @Autowired
        MailApplication.WelcomeMailer mailer;

        @Test
        void dirtied() {
            sendAndRecord("dirtied", mail, mailer);
        }
    }
}
