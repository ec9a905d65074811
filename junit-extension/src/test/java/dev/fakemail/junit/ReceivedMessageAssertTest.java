package dev.fakemail.junit;

import static dev.fakemail.junit.MailAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.FakeMailServer;
import dev.fakemail.junit.support.Deliver;
import dev.fakemail.junit.support.Invoice;
import dev.fakemail.store.ReceivedMessage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** {@link ReceivedMessageAssert} and {@link AttachmentAssert}: passing and failing, with the exact text. */
class ReceivedMessageAssertTest {
    private static final String INVOICE = "\nExpecting message #1 from shop@example.test to [bob@example.test,"
            + " alice@example.test, carol@example.test, dave@example.test] subject 'Grüße aus dem Shop'\n";
    private static final String PLAIN = "\nExpecting message #2 from shop@example.test to [bob@example.test] subject"
            + " 'Plain'\n";

    @AutoClose
    private final FakeMailServer mail = FakeMailServer.builder().build();
    private final ReceivedMessage invoice = Invoice.deliver(mail);
    private final ReceivedMessage plain = Deliver.simple(mail, "shop@example.test", "bob@example.test", "Plain");

    @Test
    void everythingThatHoldsPasses() {
        assertThat(invoice)
                .hasEnvelopeSender("SHOP@example.test")
                .hasEnvelopeRecipients("dave@example.test", "carol@example.test", "alice@example.test", "bob@example.test")
                .wasSentOverTls()
                .wasAuthenticatedAs("shop")
                .hasSubject("Grüße aus dem Shop")
                .hasSubjectContaining("aus dem")
                .hasHeader("x-campaign")
                .hasHeader("X-Campaign", "summer")
                .doesNotHaveHeader("Reply-To")
                .hasFrom("shop@example.test")
                .hasTo("alice@example.test", "Bob@Example.test")
                .hasCc("carol@example.test")
                .hasBcc("dave@example.test")
                .hasText("Hello Bob,\nyour invoice is attached.\n")
                .hasTextContaining("Hello Bob", "invoice")
                .hasHtmlContaining("<p>Hello Bob,</p>")
                .hasAttachments("notes.txt", "invoice.pdf")
                .attachment("invoice.pdf").hasMimeType("application/PDF").hasSize(9)
                .hasContent(Invoice.PDF.getBytes(StandardCharsets.US_ASCII)).hasTextContent(Invoice.PDF);
        assertThat(plain).hasNoAttachments().hasBcc().hasCc().hasEnvelopeSender("shop@example.test");
        assertThat(invoice.attachments().get(1)).hasTextContent("Pay by Friday.");
    }

    @Test
    void envelope() {
        assertThatThrownBy(() -> assertThat(invoice).hasEnvelopeSender("news@example.test")).hasMessage(INVOICE + """
                to have envelope sender (MAIL FROM) news@example.test
                but it was shop@example.test""");
        assertThatThrownBy(() -> assertThat(invoice).hasEnvelopeRecipients("bob@example.test", "erin@example.test"))
                .hasMessage(INVOICE + """
                        to have exactly the envelope recipients (RCPT TO) [bob@example.test, erin@example.test]
                        but they were [bob@example.test, alice@example.test, carol@example.test, dave@example.test]
                        missing: [erin@example.test]
                        unexpected: [alice@example.test, carol@example.test, dave@example.test]""");
        assertThatThrownBy(() -> assertThat(plain).wasSentOverTls()).hasMessage(PLAIN + """
                to have arrived over TLS
                but the session was not encrypted""");
        assertThatThrownBy(() -> assertThat(invoice).wasAuthenticatedAs("admin")).hasMessage(INVOICE + """
                to have been sent by authenticated user admin
                but the session authenticated as shop""");
        assertThatThrownBy(() -> assertThat(plain).wasAuthenticatedAs("admin")).hasMessage(PLAIN + """
                to have been sent by authenticated user admin
                but the session did not authenticate""");
    }

    @Test
    void subjectFailuresAlsoCarryActualAndExpectedForIdeDiffs() {
        assertThatThrownBy(() -> assertThat(invoice).hasSubject("Grüße")).hasMessage(INVOICE + """
                to have subject 'Grüße'
                but it was 'Grüße aus dem Shop'""")
                .isInstanceOfSatisfying(AssertionFailedError.class, failure -> {
                    assertThat(failure.getActual().getValue()).isEqualTo("Grüße aus dem Shop");
                    assertThat(failure.getExpected().getValue()).isEqualTo("Grüße");
                });
        assertThatThrownBy(() -> assertThat(invoice).hasSubjectContaining("grüße")).hasMessage(INVOICE + """
                to have a subject containing 'grüße'
                but it was 'Grüße aus dem Shop'""");
    }

    @Test
    void headers() {
        String headers = "[From, To, Cc, Subject, X-Campaign, MIME-Version, Content-Type]";
        assertThatThrownBy(() -> assertThat(invoice).hasHeader("Reply-To")).hasMessage(INVOICE + """
                to have a header Reply-To
                but its headers are\s""" + headers);
        assertThatThrownBy(() -> assertThat(invoice).hasHeader("X-Campaign", "autumn")).hasMessage(INVOICE + """
                to have header X-Campaign: 'autumn'
                but they were ['spring', 'summer']""");
        assertThatThrownBy(() -> assertThat(invoice).hasHeader("Reply-To", "x")).hasMessage(INVOICE + """
                to have header Reply-To: 'x'
                but there is no Reply-To header; its headers are\s""" + headers);
        assertThatThrownBy(() -> assertThat(plain).hasHeader("Subject", "x")).hasMessage(PLAIN + """
                to have header Subject: 'x'
                but it was 'Plain'""");
        assertThatThrownBy(() -> assertThat(invoice).doesNotHaveHeader("Cc")).hasMessage(INVOICE + """
                not to have a header Cc
                but it has Cc: 'Carol <carol@example.test>'""");
    }

    @Test
    void headerRecipientsAgainstTheEnvelope() {
        assertThatThrownBy(() -> assertThat(invoice).hasFrom("news@example.test")).hasMessage(INVOICE + """
                to have exactly the From addresses [news@example.test]
                but they were [shop@example.test]
                missing: [news@example.test]
                unexpected: [shop@example.test]""");
        assertThatThrownBy(() -> assertThat(invoice).hasTo("bob@example.test")).hasMessage(INVOICE + """
                to have exactly the To addresses [bob@example.test]
                but they were [bob@example.test, alice@example.test]
                unexpected: [alice@example.test]""");
        assertThatThrownBy(() -> assertThat(invoice).hasCc()).hasMessage(INVOICE + """
                to have exactly the Cc addresses []
                but they were [carol@example.test]
                unexpected: [carol@example.test]""");
        assertThatThrownBy(() -> assertThat(invoice).hasBcc()).hasMessage(INVOICE + """
                to have exactly the Bcc recipients [] (envelope recipients in neither To nor Cc)
                but they were [dave@example.test]
                envelope recipients: [bob@example.test, alice@example.test, carol@example.test, dave@example.test]
                To: [bob@example.test, alice@example.test]
                Cc: [carol@example.test]""");
    }

    @Test
    void bodies() {
        assertThatThrownBy(() -> assertThat(invoice).hasText("Hello Bob")).hasMessage(INVOICE + """
                to have the text body:
                  Hello Bob
                but it was:
                  Hello Bob,
                  your invoice is attached.""")
                .isInstanceOfSatisfying(AssertionFailedError.class, failure -> assertThat(failure.getActual()
                        .getValue()).isEqualTo("Hello Bob,\nyour invoice is attached."));
        assertThatThrownBy(() -> assertThat(invoice).hasTextContaining("invoice", "Friday")).hasMessage(INVOICE + """
                to have a text body containing 'invoice', 'Friday'
                but 'Friday' is missing; the text body was:
                  Hello Bob,
                  your invoice is attached.""");
        assertThatThrownBy(() -> assertThat(invoice).hasTextContaining("Monday", "Friday")).hasMessage(INVOICE + """
                to have a text body containing 'Monday', 'Friday'
                but none of them is there; the text body was:
                  Hello Bob,
                  your invoice is attached.""");
        assertThatThrownBy(() -> assertThat(invoice).hasHtmlContaining("<b>")).hasMessage(INVOICE + """
                to have an HTML body containing '<b>'
                but '<b>' is missing; the HTML body was:
                  <p>Hello Bob,</p><p>your invoice is attached.</p>""");
        assertThatThrownBy(() -> assertThat(plain).hasHtmlContaining("<p>")).hasMessage(PLAIN + """
                to have an HTML body containing '<p>'
                but the message has no text/html body""");
    }

    @Test
    void longBodiesAreCut() {
        ReceivedMessage newsletter = Deliver.message(mail, "news@example.test", java.util.List.of("bob@example.test"),
                "Subject: News\n\n" + "line\n".repeat(35));

        assertThatThrownBy(() -> assertThat(newsletter).hasTextContaining("unsubscribe")).hasMessage("""

                Expecting message #3 from news@example.test to [bob@example.test] subject 'News'
                to have a text body containing 'unsubscribe'
                but 'unsubscribe' is missing; the text body was:""" + "\n  line".repeat(30) + "\n  … 5 more lines");
    }

    @Test
    void attachments() {
        assertThatThrownBy(() -> assertThat(invoice).hasNoAttachments()).hasMessage(INVOICE + """
                to have no attachments
                but it has 'invoice.pdf' (application/pdf, 9 octets), 'notes.txt' (text/plain, 14 octets)""");
        assertThatThrownBy(() -> assertThat(plain).hasAttachments("invoice.pdf")).hasMessage(PLAIN + """
                to have exactly the attachments ['invoice.pdf']
                but it has none""");
        assertThatThrownBy(() -> assertThat(invoice).attachment("receipt.pdf")).hasMessage(INVOICE + """
                to have an attachment named 'receipt.pdf'
                but it has 'invoice.pdf' (application/pdf, 9 octets), 'notes.txt' (text/plain, 14 octets)""");
        assertThatThrownBy(() -> assertThat(plain).attachment("receipt.pdf")).hasMessage(PLAIN + """
                to have an attachment named 'receipt.pdf'
                but it has none""");
    }

    @Test
    void attachmentTypeSizeAndContent() {
        String pdf = "\nExpecting attachment 'invoice.pdf' (application/pdf, 9 octets) in part 2\n";
        AttachmentAssert attachment = assertThat(invoice).attachment("invoice.pdf");

        assertThatThrownBy(() -> attachment.hasMimeType("image/png")).hasMessage(pdf + """
                to have type image/png
                but it was application/pdf""");
        assertThatThrownBy(() -> attachment.hasSize(10)).hasMessage(pdf + """
                to have 10 octets of content
                but it has 9""");
        assertThatThrownBy(() -> attachment.hasContent("%PDF-1.5\n".getBytes(StandardCharsets.US_ASCII)))
                .hasMessage(pdf + """
                        to have the expected content
                        but octet 7 is 0x34 instead of 0x35 (9 octets, 9 expected)""");
        assertThatThrownBy(() -> attachment.hasContent("%PDF".getBytes(StandardCharsets.US_ASCII)))
                .hasMessage(pdf + """
                        to have the expected content
                        but it has 9 octets instead of 4""");
        assertThatThrownBy(() -> assertThat(invoice).attachment("notes.txt").hasTextContent("Pay by Monday."))
                .hasMessage("""

                        Expecting attachment 'notes.txt' (text/plain, 14 octets) in part 3
                        to have the text content 'Pay by Monday.'
                        but it was 'Pay by Friday.'""");
    }

    @Test
    void aDescriptionPrefixesTheFailure() {
        assertThatThrownBy(() -> assertThat(plain).as("welcome mail").hasSubject("Welcome"))
                .hasMessageStartingWith("[welcome mail] " + PLAIN);
    }
}
