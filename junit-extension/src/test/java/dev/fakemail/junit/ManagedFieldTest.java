package dev.fakemail.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.fakemail.Endpoint;
import dev.fakemail.FakeMailServer;
import dev.fakemail.FakeMailServerBuilder;
import dev.fakemail.ProtocolName;
import dev.fakemail.junit.support.Fixture;
import dev.fakemail.junit.support.RawSmtp;
import dev.fakemail.junit.support.TestKit;
import dev.fakemail.junit.support.TestMail;
import dev.fakemail.testsupport.MessageBuilder;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Servers the test builds itself in {@code @MailServer} fields: started, reset and stopped by the extension. */
class ManagedFieldTest {
    @Test
    void aStaticFieldIsStartedBeforeAllResetBeforeEachTestAndStoppedAfterTheClass() {
        EngineExecutionResults results = TestKit.run(StaticField.class);

        TestKit.assertSucceeded(results, 2);
        assertThat(StaticField.mail.isRunning()).isFalse();
        ZeroConfigServerTest.assertRefused(Integer.parseInt(TestKit.reported(results, TestKit.SMTP_PORT).get(0)));
    }

    @FakeMailTest
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @Fixture
    static class StaticField {
        @MailServer
        static FakeMailServer mail = FakeMailServer.builder().user("bob@example.test", "secret").requireAuth(true)
                .build();

        @BeforeAll
        static void alreadyRunning(FakeMailServer injected, TestReporter reporter) {
            assertThat(injected).isSameAs(mail);
            assertThat(mail.isRunning()).isTrue();
            TestKit.publishSmtpPort(reporter, mail.smtp());
        }

        @Test
        @Order(1)
        void keepsItsConfiguration(FakeMailServer injected, MailClientSettings settings) {
            assertThat(injected).isSameAs(mail);
            TestMail.send(MessageBuilder.message().from("shop@example.test").to("carol@example.test").subject("Hi"),
                    settings.jakartaMailProperties(), "bob@example.test", "secret");
            MailAssertions.assertThat(mail).hasReceived().exactlyOne(ExpectedMail.to("carol@example.test"))
                    .wasAuthenticatedAs("bob@example.test");
        }

        @Test
        @Order(2)
        void startsEmpty() {
            assertThat(mail.messages()).isEmpty();
            assertThat(mail.transcripts()).isEmpty();
        }
    }

    @Test
    void anInstanceFieldGivesEachTestItsOwnServerStoppedAfterIt() {
        EngineExecutionResults results = TestKit.run(InstanceField.class);

        TestKit.assertSucceeded(results, 2);
        List<String> servers = TestKit.reported(results, "server");
        assertThat(servers).hasSize(2).doesNotHaveDuplicates();
        ZeroConfigServerTest.assertRefused(TestKit.reported(results, "smtps"));
    }

    @FakeMailTest
    @Fixture
    static class InstanceField {
        @MailServer
        FakeMailServer mail = FakeMailServer.builder().smtpsPort(0).build();

        @Test
        void first(FakeMailServer injected, @MailEndpoint(ProtocolName.SMTPS) Endpoint smtps, TestReporter reporter) {
            check(injected, smtps, reporter);
        }

        @Test
        void second(FakeMailServer injected, @MailEndpoint(ProtocolName.SMTPS) Endpoint smtps, TestReporter reporter) {
            check(injected, smtps, reporter);
        }

        private void check(FakeMailServer injected, Endpoint smtps, TestReporter reporter) {
            assertThat(injected).isSameAs(mail);
            assertThat(mail.isRunning()).isTrue();
            assertThat(smtps.implicitTls()).isTrue();
            reporter.publishEntry("server", String.valueOf(System.identityHashCode(mail)));
            reporter.publishEntry("smtps", String.valueOf(smtps.port()));
        }
    }

    @Test
    void theFieldAnnotationAloneRegistersTheExtension() {
        EngineExecutionResults results = TestKit.run(WithoutFakeMailTest.class);

        TestKit.assertSucceeded(results, 1);
        assertThat(WithoutFakeMailTest.shared.isRunning()).isFalse();
    }

    @Fixture
    static class WithoutFakeMailTest {
        @MailServer
        static FakeMailServer shared = FakeMailServer.builder().build();

        @MailServer
        FakeMailServer own = FakeMailServer.builder().build();

        @Test
        void bothAreRunning() {
            assertThat(shared.isRunning()).isTrue();
            assertThat(own.isRunning()).isTrue();
        }
    }

    @Test
    void nestedTestsSeeTheOuterServersAndTheSharedOneIsResetBeforeEachNestedTest() {
        EngineExecutionResults results = TestKit.run(OuterWithFields.class);

        TestKit.assertSucceeded(results, 2);
        assertThat(OuterWithFields.shared.isRunning()).isFalse();
    }

    @FakeMailTest
    @Fixture
    static class OuterWithFields {
        @MailServer
        static FakeMailServer shared = FakeMailServer.builder().build();

        @Nested
        @TestMethodOrder(MethodOrderer.MethodName.class)
        class Inner {
            @Test
            void a() {
                assertThat(shared.messages()).isEmpty();
                RawSmtp.send(shared.smtp(), "a@example.test", "b@example.test", "From a");
            }

            @Test
            void b(FakeMailServer injected) {
                assertThat(injected).isSameAs(shared);
                assertThat(shared.messages()).isEmpty();
            }
        }
    }

    /** Refused fixtures with the message that explains the mistake and its fix, for {@link RefusedFixtureTest}. */
    static Stream<Arguments> refusedFixtures() {
        return Stream.of(
                arguments(named("a null field", NullField.class), "@MailServer static field 'mail' in"
                        + " ManagedFieldTest.NullField is null when the extension starts it (before any @BeforeAll"
                        + " method). Fix: assign the server where the field is declared: \"@MailServer static"
                        + " FakeMailServer mail = FakeMailServer.builder()...build();\""),
                arguments(named("a field of the wrong type", WrongType.class), "@MailServer field 'mail' in"
                        + " ManagedFieldTest.WrongType has type FakeMailServerBuilder, but the extension can only"
                        + " manage a FakeMailServer. Fix: declare it as \"@MailServer FakeMailServer mail ="
                        + " FakeMailServer.builder()...build();\""),
                arguments(named("an instance field asked for in @BeforeAll", InstanceFieldInBeforeAll.class),
                        "Parameter FakeMailServer of @BeforeAll method"
                        + " ManagedFieldTest.InstanceFieldInBeforeAll.setUp(FakeMailServer) cannot receive a server:"
                        + " @MailServer field 'mail' in ManagedFieldTest.InstanceFieldInBeforeAll is an instance"
                        + " field, started anew for each test, and none exists yet. Fix: make the field static to"
                        + " share one server with the whole class (\"@MailServer static FakeMailServer mail = ...\"),"
                        + " or move this code to a @BeforeEach method."),
                arguments(named("a parameter with two fields in scope", TwoFields.class), "Parameter MailControl of"
                        + " method ManagedFieldTest.TwoFields.test(MailControl) cannot receive a server: 2 @MailServer"
                        + " fields are in scope (@MailServer field 'second' in ManagedFieldTest.TwoFields, @MailServer"
                        + " static field 'first' in ManagedFieldTest.TwoFields) and a parameter cannot say which. Fix:"
                        + " use the fields directly instead of a parameter."));
    }

    @Fixture
    static class NullField {
        @MailServer
        static FakeMailServer mail;

        @Test
        void test() {
        }
    }

    @Fixture
    static class WrongType {
        @MailServer
        FakeMailServerBuilder mail = FakeMailServer.builder();

        @Test
        void test() {
        }
    }

    @Test
    void aServerStartedByTheTestIsExplained() {
        EngineExecutionResults results = TestKit.run(AlreadyStarted.class);
        AlreadyStarted.STARTED_BY_THE_TEST.close();

        assertThat(TestKit.failureMessages(results)).containsExactly("@MailServer field 'mail' in"
                + " ManagedFieldTest.AlreadyStarted holds a server that is already running. Fix: build it without"
                + " calling start(); the extension starts it, resets it before each test and stops it.");
    }

    @Fixture
    static class AlreadyStarted {
        static final FakeMailServer STARTED_BY_THE_TEST = FakeMailServer.builder().build().start();

        @MailServer
        FakeMailServer mail = STARTED_BY_THE_TEST;

        @Test
        void test() {
        }
    }

    @FakeMailTest
    @Fixture
    static class InstanceFieldInBeforeAll {
        @MailServer
        FakeMailServer mail = FakeMailServer.builder().build();

        @BeforeAll
        static void setUp(FakeMailServer server) {
        }

        @Test
        void test() {
        }
    }

    @FakeMailTest
    @Fixture
    static class TwoFields {
        @MailServer
        static FakeMailServer first = FakeMailServer.builder().build();

        @MailServer
        FakeMailServer second = FakeMailServer.builder().build();

        @Test
        void test(dev.fakemail.MailControl mail) {
        }
    }

    @Test
    void oneServerObjectInTwoFieldsAtOnceIsExplained() {
        EngineExecutionResults results = TestKit.run(SharedObject.class);

        assertThat(TestKit.failureMessages(results)).containsExactly("@MailServer static field 'again' in"
                + " ManagedFieldTest.SharedObject.Inner holds the same server object as @MailServer static field"
                + " 'mail' in ManagedFieldTest.SharedObject, which is using it right now. Fix: let each field build"
                + " its own server (\"= FakeMailServer.builder()...build()\" in the field), or make the two tests"
                + " not run at the same time.");
        assertThat(SharedObject.mail.isRunning()).isFalse();
    }

    @Fixture
    static class SharedObject {
        @MailServer
        static FakeMailServer mail = FakeMailServer.builder().build();

        @Test
        void outer() {
        }

        @Nested
        class Inner {
            @MailServer
            static FakeMailServer again = mail;

            @Test
            void inner() {
            }
        }
    }

    @Test
    void aClassWideServerUsedByConcurrentTestsIsExplained() {
        EngineExecutionResults results = TestKit.run(ConcurrentUse.class, TestKit.parallel());

        assertThat(results.testEvents().succeeded().count()).isEqualTo(1);
        assertThat(TestKit.failureMessages(results)).singleElement().asString().matches("@MailServer static field"
                + " 'mail' in ManagedFieldTest\\.ConcurrentUse is shared by the tests of its class and reset before"
                + " each of them, but ManagedFieldTest\\.ConcurrentUse\\.(a|b)\\(\\) started while"
                + " ManagedFieldTest\\.ConcurrentUse\\.(a|b)\\(\\) was still running, so each would wipe the other's"
                + " mail\\. Fix: give each test its own server \\(an instance @MailServer field, or @FakeMailTest's"
                + " default lifecycle PER_METHOD\\), or keep these tests apart with"
                + " @Execution\\(ExecutionMode\\.SAME_THREAD\\) on the class\\.");
    }

    @FakeMailTest
    @Fixture
    static class ConcurrentUse {
        /** Both tests wait here for each other, so they surely overlap; the refused one counts down afterwards. */
        static final CountDownLatch BOTH_STARTED = new CountDownLatch(2);

        @MailServer
        static FakeMailServer mail = FakeMailServer.builder().build();

        @Test
        void a() throws InterruptedException {
            meet();
        }

        @Test
        void b() throws InterruptedException {
            meet();
        }

        /** Runs also for the refused test (JUnit skips @AfterEach methods after a failed BeforeEachCallback). */
        @RegisterExtension
        final AfterEachCallback done = context -> BOTH_STARTED.countDown();

        private static void meet() throws InterruptedException {
            BOTH_STARTED.countDown();
            BOTH_STARTED.await(10, TimeUnit.SECONDS);
        }
    }
}
