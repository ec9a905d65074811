package dev.fakemail.junit;

import static dev.fakemail.junit.ExpectedMail.to;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.junit.support.Deliver;
import dev.fakemail.junit.support.Invoice;
import dev.fakemail.junit.support.TestMail;
import dev.fakemail.store.MailQuery;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.testsupport.MessageBuilder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** {@link ExpectedMail}: descriptions, matching, the core query it turns into, and how candidates miss it. */
class ExpectedMailTest {
    @AutoClose
    private final FakeMailServer mail = FakeMailServer.builder().build();
    private final ReceivedMessage invoice = Invoice.deliver(mail);
    private final ReceivedMessage plain = Deliver.simple(mail, "news@example.test", "erin@example.test", "News");

    @Test
    void readsLikeItsConditionsAndLikeTheCoreQuery() {
        ExpectedMail expected = to("bob@example.test").andFrom("shop@example.test").subject("Grüße aus dem Shop")
                .subjectContains("shop").header("X-Campaign", "summer").textContains("invoice")
                .htmlContains("<p>").attachment("invoice.pdf").matching("larger than 1 KB", m -> m.size() > 1024);

        assertThat(expected).hasToString("to bob@example.test and from shop@example.test and subject 'Grüße aus dem"
                + " Shop' and subject contains 'shop' and header X-Campaign: summer and text contains 'invoice' and"
                + " html contains '<p>' and attachment 'invoice.pdf' and larger than 1 KB");
        assertThat(expected.asQuery()).hasToString(expected.toString());
        assertThat(ExpectedMail.any()).hasToString("any message").hasToString(MailQuery.all().toString());
        assertThat(to("bob@example.test").subject("Hi")).hasToString(MailQuery.to("bob@example.test").subject("Hi")
                .toString());
        assertThat(ExpectedMail.of(MailQuery.from("a@example.test").subjectContains("x")))
                .hasToString("from a@example.test and subject contains 'x'");
    }

    @Test
    void matchesWhatTheConditionsDescribeAndSoDoesItsQuery() {
        ExpectedMail invoiceOnly = to("BOB@example.test").andFrom("shop@example.test").subject("Grüße aus dem Shop")
                .subjectContains("SHOP").header("X-Campaign", "summer").textContains("invoice").htmlContains("<p>")
                .attachment("invoice.pdf").matching("has notes", m -> m.attachments().size() == 2);

        assertThat(invoiceOnly.matches(invoice)).isTrue();
        assertThat(invoiceOnly.matches(plain)).isFalse();
        assertThat(mail.messages(invoiceOnly.asQuery())).containsExactly(invoice);
        assertThat(mail.messages(ExpectedMail.any().asQuery())).containsExactly(invoice, plain);
        assertThat(mail.messages(ExpectedMail.from("news@example.test").asQuery())).containsExactly(plain);
        assertThat(mail.messages(ExpectedMail.of(MailQuery.to("erin@example.test")).asQuery())).containsExactly(plain);
        assertThat(to("bob@example.test").attachment("invoice.PDF").matches(invoice)).isFalse();
        assertThat(to("bob@example.test").subject("grüße aus dem shop").matches(invoice)).isFalse();
    }

    @Test
    void eachConditionSaysHowAMessageMissesIt() {
        ExpectedMail expected = to("bob@example.test").andFrom("shop@example.test").subject("Invoice")
                .subjectContains("invoice").header("X-Campaign", "autumn").header("Reply-To", "x")
                .textContains("Friday").htmlContains("<b>").attachment("receipt.pdf")
                .matching("larger than 1 KB", m -> m.size() > 1024);

        assertThat(mismatches(expected, plain)).containsExactly(
                "to: expected bob@example.test but the envelope recipients were [erin@example.test]",
                "from: expected shop@example.test but the envelope sender was news@example.test",
                "subject: expected 'Invoice' but was 'News'",
                "subject: expected to contain 'invoice' but was 'News'",
                "header X-Campaign: expected 'autumn' but there is no X-Campaign header",
                "header Reply-To: expected 'x' but there is no Reply-To header",
                "text: expected to contain 'Friday' but was 'Hello\\r\\n'",
                "html: expected to contain '<b>' but there is no text/html body",
                "attachment: expected one named 'receipt.pdf' but there were none",
                "does not match: larger than 1 KB");
        assertThat(mismatches(expected, invoice)).containsExactly(
                "subject: expected 'Invoice' but was 'Grüße aus dem Shop'",
                "subject: expected to contain 'invoice' but was 'Grüße aus dem Shop'",
                "header X-Campaign: expected 'autumn' but were ['spring', 'summer']",
                "header Reply-To: expected 'x' but there is no Reply-To header",
                "text: expected to contain 'Friday' but was 'Hello Bob,\\r\\nyour invoice is attached.'",
                "html: expected to contain '<b>' but was '<p>Hello Bob,</p><p>your invoice is attached.</p>'",
                "attachment: expected one named 'receipt.pdf' but there were ['invoice.pdf', 'notes.txt']",
                "does not match: larger than 1 KB");
    }

    @Test
    void longValuesAreCutInMismatches() {
        ReceivedMessage longSubject = Deliver.simple(mail, "a@example.test", "b@example.test", "x".repeat(100));

        assertThat(mismatches(ExpectedMail.any().subject("y"), longSubject)).containsExactly(
                "subject: expected 'y' but was '" + "x".repeat(80) + "…'");
    }

    @Test
    void theQueryAwaitsByEventsAndReturnsTheMatchingMessages() throws Exception {
        try (FakeMailServer running = FakeMailServer.builder().build().start()) {
            CompletableFuture<List<ReceivedMessage>> waiting = CompletableFuture.supplyAsync(() -> running.await(
                    to("bob@example.test").attachment("report.csv").asQuery(), 2, Duration.ofMinutes(5)));
            for (int i = 1; i <= 3; i++) {
                TestMail.sendVia(running, MessageBuilder.message().from("app@example.test")
                        .to(i == 2 ? "carol@example.test" : "bob@example.test").subject("Report " + i)
                        .attach("report.csv", "text/csv", "a,b\n".getBytes()));
            }

            assertThat(waiting.get(30, TimeUnit.SECONDS)).extracting(ReceivedMessage::subject)
                    .containsExactly("Report 1", "Report 3");
        }
    }

    private static List<String> mismatches(ExpectedMail expected, ReceivedMessage message) {
        return expected.conditions().stream().filter(condition -> !condition.matches(message))
                .map(condition -> condition.mismatchOf(message)).toList();
    }
}
