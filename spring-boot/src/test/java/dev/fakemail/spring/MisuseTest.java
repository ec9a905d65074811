package dev.fakemail.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.FakeMailServerBuilder;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Mistakes fail the test with a message that names the fix. */
class MisuseTest {
    @Test
    void aCustomizerWithoutAConstructorWithoutParametersIsNamed() {
        EngineExecutionResults results = FixtureRun.run(BadCustomizer.class);

        assertThat(results.testEvents().failed().count()).isEqualTo(1);
        Throwable failure = results.testEvents().failed().stream().findFirst().orElseThrow()
                .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
        assertThat(failure).hasStackTraceContaining("@AutoConfigureFakeMail on " + BadCustomizer.class.getName()
                + " names customizer " + NeedsAPort.class.getName() + ", which could not be created")
                .hasStackTraceContaining("Fix: give it a constructor without parameters");
    }

    @Test
    void testsSharingAServerAtTheSameTimeAreRefused() {
        ONE_ENDED = new CountDownLatch(1);
        EngineExecutionResults results = FixtureRun.run(FixtureRun.parallel(), SharingA.class, SharingB.class);

        assertThat(results.testEvents().succeeded().count()).as(FixtureRun.failures(results)).isEqualTo(1);
        List<String> messages = results.testEvents().failed().stream()
                .map(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow()
                        .getMessage())
                .toList();
        assertThat(messages).singleElement().asString()
                .containsAnyOf("SharingA.test() started while SharingB.test() was still running",
                        "SharingB.test() started while SharingA.test() was still running")
                .contains("so each would wipe the other's mail")
                .contains("Fix: keep these tests from running at the same time (@ResourceLock(\"fakemail\")");
    }

    public static class NeedsAPort implements FakeMailServerCustomizer {
        private final int port;

        public NeedsAPort(int port) {
            this.port = port;
        }

        @Override
        public void customize(FakeMailServerBuilder builder) {
            builder.smtpPort(port);
        }
    }

    @FixtureRun.Fixture
    @SpringBootTest(classes = MailApplication.class)
    @AutoConfigureFakeMail(customizers = NeedsAPort.class)
    static class BadCustomizer {
        @Test
        void test() {
        }
    }

    /** Counted down when either sharing test ends, however it ends (also when Spring refused to start it). */
    static volatile CountDownLatch ONE_ENDED;

    static class CountEnd implements TestWatcher {
        @Override
        public void testSuccessful(ExtensionContext context) {
            ONE_ENDED.countDown();
        }

        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            ONE_ENDED.countDown();
        }
    }

    /** Holds the shared server until the other test ended, so the other provably starts while this one runs. */
    static void holdTheServer(FakeMailServer mail) throws InterruptedException {
        assertThat(mail.isRunning()).isTrue();
        assertThat(ONE_ENDED.await(20, TimeUnit.SECONDS)).as("the other test ended").isTrue();
    }

    @FixtureRun.Fixture
    @ExtendWith(CountEnd.class)
    @SpringBootTest(classes = MailApplication.class)
    @AutoConfigureFakeMail
    static class SharingA {
        @Autowired
        FakeMailServer mail;

        @Test
        void test() throws InterruptedException {
            holdTheServer(mail);
        }
    }

    @FixtureRun.Fixture
    @ExtendWith(CountEnd.class)
    @SpringBootTest(classes = MailApplication.class)
    @AutoConfigureFakeMail
    static class SharingB {
        @Autowired
        FakeMailServer mail;

        @Test
        void test() throws InterruptedException {
            holdTheServer(mail);
        }
    }
}
