package dev.fakemail.junit;

import static dev.fakemail.junit.ExpectedMail.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.FakeMailServer;
import dev.fakemail.junit.support.Deliver;
import dev.fakemail.junit.support.Fixture;
import dev.fakemail.junit.support.Invoice;
import dev.fakemail.junit.support.TestKit;
import dev.fakemail.store.ReceivedMessage;
import java.util.List;
import org.assertj.core.api.AbstractSoftAssertions;
import org.assertj.core.api.junit.jupiter.InjectSoftAssertions;
import org.assertj.core.api.junit.jupiter.SoftAssertionsExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Soft assertions: every failure collected, navigation included, reported together at the end. */
class SoftMailAssertionsTest {
    private final FakeMailServer mail = FakeMailServer.builder().build();
    private final ReceivedMessage invoice = Invoice.deliver(mail);

    @AfterEach
    void stop() {
        mail.close();
    }

    @Test
    void collectsEveryFailureAndSkipsWhatHangsOffAFailedSearch() {
        SoftMailAssertions softly = new SoftMailAssertions();

        softly.assertThat(mail).exactlyOne(to("mallory@example.test")).hasSubject("never checked");
        softly.assertThat(mail).exactlyOne(to("bob@example.test")).hasSubject("Wrong").hasTo("bob@example.test")
                .attachment("receipt.pdf").hasSize(1);
        softly.assertThat(invoice).attachment("invoice.pdf").hasSize(1).hasMimeType("application/pdf");
        softly.assertThat(invoice.attachments().get(1)).hasMimeType("text/html");
        softly.assertThat(mail).hasMessageCount(2).hasNoMessages();
        softly.assertThat(invoice.size()).isPositive(); // AssertJ's own soft assertions still work alongside

        List<String> errors = softly.errorsCollected().stream().map(Throwable::getMessage).toList();
        assertThat(errors).hasSize(8);
        assertThat(errors.get(0)).startsWith("\nExpected exactly one message matching: to mallory@example.test\n"
                + "but none had arrived.");
        assertThat(errors.get(1)).contains("to have subject 'Wrong'\nbut it was 'Grüße aus dem Shop'");
        assertThat(errors.get(2)).contains("to have exactly the To addresses [bob@example.test]\n"
                + "but they were [bob@example.test, alice@example.test]\nunexpected: [alice@example.test]");
        assertThat(errors.get(3)).contains("to have an attachment named 'receipt.pdf'\nbut it has 'invoice.pdf'"
                + " (application/pdf, 9 octets), 'notes.txt' (text/plain, 14 octets)");
        assertThat(errors.get(4)).contains("to have 1 octets of content\nbut it has 9");
        assertThat(errors.get(5)).contains("to have type text/html\nbut it was text/plain");
        assertThat(errors.get(6)).startsWith("\nExpected exactly 2 messages matching: any message\nbut only 1 had"
                + " arrived.");
        assertThat(errors.get(7)).startsWith("\nExpected no message matching: any message\nbut 1 arrived.");
        assertThatThrownBy(softly::assertAll).hasMessageContaining("Multiple Failures (8 failures)")
                // each failure starts on its own line, not on AssertJ's "-- failure n --" header
                .hasMessageContaining("-- failure 1 --\nExpected exactly one message matching: to mallory")
                .hasMessageContaining("-- failure 2 --\nExpecting message #1 from shop@example.test");
    }

    @Test
    void assertMailSoftlyFailsOnceWithAllFailures() {
        Deliver.simple(mail, "shop@example.test", "erin@example.test", "Hi");

        assertThatThrownBy(() -> SoftMailAssertions.assertMailSoftly(softly -> {
            softly.assertThat(mail).exactlyOne(to("erin@example.test")).hasSubject("Hello");
            softly.assertThat(invoice).wasAuthenticatedAs("admin");
        })).hasMessageContaining("Multiple Failures (2 failures)")
                .hasMessageContaining("to have subject 'Hello'\nbut it was 'Hi'")
                .hasMessageContaining("to have been sent by authenticated user admin");
    }

    @Test
    void passingSoftAssertionsCollectNothing() {
        SoftMailAssertions softly = new SoftMailAssertions();

        softly.assertThat(mail).exactlyOne(to("dave@example.test")).hasBcc("dave@example.test")
                .attachment("notes.txt").hasTextContent("Pay by Friday.");

        assertThat(softly.wasSuccess()).isTrue();
        softly.assertAll();
    }

    /** AssertJ's way of combining custom soft assertions: mix the provider into your own class. */
    static class ProjectSoftAssertions extends AbstractSoftAssertions implements MailSoftAssertionsProvider {
    }

    @Test
    void mixesIntoOwnSoftAssertions() {
        ProjectSoftAssertions softly = new ProjectSoftAssertions();

        softly.assertThat(invoice).hasSubject("Nope");
        softly.assertThat(mail).none(to("bob@example.test"));

        assertThat(softly.errorsCollected()).hasSize(2);
    }

    @Test
    void worksWithAssertJsJUnitExtension() {
        EngineExecutionResults results = TestKit.run(Injected.class);

        assertThat(TestKit.failureMessages(results)).singleElement().asString()
                .contains("Multiple Failures (2 failures)")
                .contains("Expected exactly one message matching: to bob@example.test")
                .contains("to have subject 'Hello'");
    }

    @ExtendWith(SoftAssertionsExtension.class)
    @FakeMailTest
    @Fixture
    static class Injected {
        @InjectSoftAssertions
        SoftMailAssertions softly;

        @Test
        void twoFailures(FakeMailServer mail) {
            Deliver.simple(mail, "shop@example.test", "carol@example.test", "Hi");
            softly.assertThat(mail).exactlyOne(to("bob@example.test")).hasSubject("never checked");
            softly.assertThat(mail.messages().get(0)).hasSubject("Hello");
        }
    }
}
