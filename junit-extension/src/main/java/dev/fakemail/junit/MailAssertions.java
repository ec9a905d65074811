package dev.fakemail.junit;

import dev.fakemail.MailControl;
import dev.fakemail.store.MimePart;
import dev.fakemail.store.ReceivedMessage;

/**
 * Entry point of the AssertJ assertions on mail. Import statically next to AssertJ's own
 * {@code assertThat}; the overloads do not clash.
 *
 * <pre>{@code
 * assertThat(mail).receivesWithin(Duration.ofSeconds(5))
 *         .exactlyOne(to("bob@example.test").subject("Reset your password"))
 *         .hasTo("bob@example.test")
 *         .attachment("invoice.pdf").hasMimeType("application/pdf");
 * }</pre>
 *
 * For soft assertions use {@link SoftMailAssertions} (or mix {@link MailSoftAssertionsProvider} into your own).
 */
public final class MailAssertions {
    private MailAssertions() {
    }

    /** Assertions on what a server (or any {@link MailControl}) received. */
    public static MailServerAssert assertThat(MailControl server) {
        return new MailServerAssert(server);
    }

    public static ReceivedMessageAssert assertThat(ReceivedMessage message) {
        return new ReceivedMessageAssert(message);
    }

    /** Assertions on an attachment or any other MIME part. */
    public static AttachmentAssert assertThat(MimePart part) {
        return new AttachmentAssert(part);
    }
}
