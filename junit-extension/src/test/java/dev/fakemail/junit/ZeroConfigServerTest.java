package dev.fakemail.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.fakemail.Endpoint;
import dev.fakemail.FakeMailServer;
import dev.fakemail.MailControl;
import dev.fakemail.ProtocolName;
import dev.fakemail.junit.FakeMailTest.Lifecycle;
import dev.fakemail.junit.support.Fixture;
import dev.fakemail.junit.support.RawSmtp;
import dev.fakemail.junit.support.TestKit;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** {@code @FakeMailTest} without configuration: a server per test (or per class), injected, stopped after. */
class ZeroConfigServerTest {
    @Test
    void eachTestMethodGetsItsOwnRunningServerOnFreshPortsStoppedAfterTheTest() {
        EngineExecutionResults results = TestKit.run(PerMethod.class);

        TestKit.assertSucceeded(results, 2);
        List<String> ports = TestKit.reported(results, TestKit.SMTP_PORT);
        assertThat(ports).hasSize(2).doesNotHaveDuplicates().doesNotContain("25");
        assertRefused(ports);
    }

    @FakeMailTest
    @Fixture
    static class PerMethod {
        @Test
        void first(FakeMailServer mail, TestReporter reporter) {
            checkFreshAndReport(mail, reporter);
        }

        @Test
        void second(FakeMailServer mail, TestReporter reporter) {
            checkFreshAndReport(mail, reporter);
        }

        private static void checkFreshAndReport(FakeMailServer mail, TestReporter reporter) {
            assertThat(mail.isRunning()).isTrue();
            assertThat(mail.messages()).isEmpty();
            RawSmtp.send(mail.smtp(), "shop@example.test", "bob@example.test", "Hello");
            assertThat(mail.messages()).hasSize(1);
            TestKit.publishSmtpPort(reporter, mail.smtp());
        }
    }

    @Test
    void injectsTheServerItsControlItsEndpointsAndClientSettingsAllOfTheSameServer() {
        EngineExecutionResults results = TestKit.run(Injection.class);

        TestKit.assertSucceeded(results, 1);
    }

    @FakeMailTest
    @Fixture
    static class Injection {
        private FakeMailServer fromBeforeEach;

        @BeforeEach
        void before(FakeMailServer mail) {
            fromBeforeEach = mail;
        }

        @Test
        void everyType(FakeMailServer server, MailControl control, Endpoint smtp,
                @MailEndpoint(ProtocolName.SMTP) Endpoint smtpAgain, @MailEndpoint(ProtocolName.POP3) Endpoint pop3,
                MailClientSettings settings) {
            assertThat(control).isSameAs(server).isSameAs(fromBeforeEach);
            assertThat(smtp).isEqualTo(server.smtp()).isEqualTo(smtpAgain);
            assertThat(smtp.protocol()).isEqualTo("smtp");
            assertThat(smtp.address()).isEqualTo(InetAddress.getLoopbackAddress());
            assertThat(pop3).isEqualTo(server.pop3());
            assertThat(settings.server()).isSameAs(server);
        }

        @AfterEach
        void after(FakeMailServer mail) {
            assertThat(mail).isSameAs(fromBeforeEach);
            assertThat(mail.isRunning()).isTrue();
        }
    }

    @Test
    void anEndpointTheServerDoesNotRunFailsWithTheFix() {
        EngineExecutionResults results = TestKit.run(MissingEndpoint.class);

        assertThat(TestKit.failureMessages(results)).singleElement().asString().matches(
                "Parameter Endpoint of method ZeroConfigServerTest\\.MissingEndpoint\\.smtps\\(Endpoint\\) asks for"
                        + " the SMTPS endpoint, but the server of test ZeroConfigServerTest\\.MissingEndpoint\\."
                        + "smtps\\(\\) listens only on \\[smtp://127\\.0\\.0\\.1:\\d+, pop3://127\\.0\\.0\\.1:\\d+, imap://127\\.0\\.0\\.1:\\d+\\]\\."
                        + " Fix: build the server yourself in a field: \"@MailServer FakeMailServer mail ="
                        + " FakeMailServer\\.builder\\(\\)\\.smtpsPort\\(0\\)\\.build\\(\\);\"");
    }

    @FakeMailTest
    @Fixture
    static class MissingEndpoint {
        @Test
        void smtps(@MailEndpoint(ProtocolName.SMTPS) Endpoint smtps) {
        }
    }

    /** Fixtures the extension refuses, with the message that explains the mistake: {@link RefusedFixtureTest}. */
    static Stream<Arguments> refusedFixtures() {
        return Stream.of(
                arguments(named("@MailEndpoint on a String", EndpointOnString.class), "Parameter String of method"
                        + " ZeroConfigServerTest.EndpointOnString.host(String) is annotated @MailEndpoint but has type"
                        + " String; @MailEndpoint chooses an endpoint, so the parameter's type must be Endpoint."),
                arguments(named("a per-test server asked for in @BeforeAll", PerMethodInBeforeAll.class),
                        "Parameter FakeMailServer of @BeforeAll method"
                        + " ZeroConfigServerTest.PerMethodInBeforeAll.setUp(FakeMailServer) cannot receive a server:"
                        + " @FakeMailTest starts a fresh server for each test method, and none exists outside a test."
                        + " Fix: use @FakeMailTest(lifecycle = Lifecycle.PER_CLASS) to share one server with the whole"
                        + " class, or declare a \"@MailServer static FakeMailServer\" field."),
                arguments(named("PER_CLASS on a method", PerClassOnMethod.class), "@FakeMailTest(lifecycle ="
                        + " PER_CLASS) on method test() cannot share a server with other tests. Fix: put it on the test"
                        + " class."));
    }

    @FakeMailTest
    @Fixture
    static class EndpointOnString {
        @Test
        void host(@MailEndpoint(ProtocolName.SMTP) String host) {
        }
    }

    @Test
    void perClassLifecycleSharesOneServerResetBeforeEachTestAndAvailableInBeforeAll() {
        EngineExecutionResults results = TestKit.run(PerClass.class);

        TestKit.assertSucceeded(results, 2);
        List<String> ports = TestKit.reported(results, TestKit.SMTP_PORT);
        assertThat(ports).hasSize(3).containsOnly(ports.get(0)); // @BeforeAll and both tests: one server
        assertRefused(Integer.parseInt(ports.get(0)));
    }

    @FakeMailTest(lifecycle = Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @Fixture
    static class PerClass {
        @BeforeAll
        static void sendBeforeAll(FakeMailServer mail, TestReporter reporter) {
            RawSmtp.send(mail.smtp(), "setup@example.test", "bob@example.test", "From @BeforeAll");
            TestKit.publishSmtpPort(reporter, mail.smtp());
        }

        @Test
        @Order(1)
        void first(FakeMailServer mail, TestReporter reporter) {
            assertThat(mail.messages()).isEmpty(); // reset before each test: @BeforeAll's mail is gone too
            RawSmtp.send(mail.smtp(), "shop@example.test", "bob@example.test", "From the first test");
            TestKit.publishSmtpPort(reporter, mail.smtp());
        }

        @Test
        @Order(2)
        void second(MailControl mail, Endpoint smtp, TestReporter reporter) {
            assertThat(mail.messages()).isEmpty();
            assertThat(mail.transcripts()).isEmpty();
            TestKit.publishSmtpPort(reporter, smtp);
        }
    }

    @FakeMailTest
    @Fixture
    static class PerMethodInBeforeAll {
        @BeforeAll
        static void setUp(FakeMailServer mail) {
        }

        @Test
        void test() {
        }
    }

    @Fixture
    static class PerClassOnMethod {
        @Test
        @FakeMailTest(lifecycle = Lifecycle.PER_CLASS)
        void test(FakeMailServer mail) {
        }
    }

    @Test
    void nestedTestsGetTheirOwnServersOrTheNearestPerClassServer() {
        EngineExecutionResults results = TestKit.run(Outer.class);

        TestKit.assertSucceeded(results, 5);
        Map<String, List<String>> ports = TestKit.reportedByTest(results, TestKit.SMTP_PORT);
        assertThat(ports).containsOnlyKeys("outerTest", "innerTest", "sharedA", "sharedB", "own");
        assertThat(ports.get("own")).isNotEqualTo(ports.get("sharedA")).isNotEqualTo(ports.get("innerTest"));
        assertThat(ports.get("outerTest")).isNotEqualTo(ports.get("innerTest"));
        assertThat(ports.get("sharedA")).isEqualTo(ports.get("sharedB"));
        assertThat(ports.get("sharedA")).isNotEqualTo(ports.get("innerTest"));
    }

    @FakeMailTest
    @Fixture
    static class Outer {
        @Test
        void outerTest(FakeMailServer mail, TestReporter reporter) {
            TestKit.publishSmtpPort(reporter, mail.smtp());
        }

        @Nested
        class Inner {
            @Test
            void innerTest(FakeMailServer mail, TestReporter reporter) {
                TestKit.publishSmtpPort(reporter, mail.smtp());
            }

            @Nested
            @FakeMailTest(lifecycle = Lifecycle.PER_CLASS)
            @TestMethodOrder(MethodOrderer.MethodName.class)
            class SharedInside {
                @Nested
                class Deeper {
                    @Test
                    void sharedA(FakeMailServer mail, TestReporter reporter) {
                        assertThat(mail.messages()).isEmpty();
                        RawSmtp.send(mail.smtp(), "a@example.test", "b@example.test", "A");
                        TestKit.publishSmtpPort(reporter, mail.smtp());
                    }
                }

                @Test
                void sharedB(FakeMailServer mail, TestReporter reporter) {
                    assertThat(mail.messages()).isEmpty();
                    TestKit.publishSmtpPort(reporter, mail.smtp());
                }

                @Nested
                @FakeMailTest
                class OwnServerAgain {
                    @Test
                    void own(FakeMailServer mail, TestReporter reporter) {
                        TestKit.publishSmtpPort(reporter, mail.smtp());
                    }
                }
            }
        }
    }

    /** Each of these reported ports is closed: the servers stopped after their tests. */
    static void assertRefused(List<String> ports) {
        for (String port : ports) {
            assertRefused(Integer.parseInt(port));
        }
    }

    static void assertRefused(int port) {
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.getInputStream();
            }
        }).as("port %d should be closed after the test", port).isInstanceOf(ConnectException.class);
    }

}
