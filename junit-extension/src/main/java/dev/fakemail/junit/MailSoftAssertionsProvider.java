package dev.fakemail.junit;

import dev.fakemail.MailControl;
import dev.fakemail.store.MimePart;
import dev.fakemail.store.ReceivedMessage;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * The mail assertions as soft assertions, to mix into your own {@link SoftAssertionsProvider} (AssertJ's way
 * of combining custom soft assertions). {@link SoftMailAssertions} is the ready-made one.
 *
 * <p>Navigation is soft too: when {@code exactlyOne(...)} or {@code attachment(...)} finds nothing, the failure
 * is collected and the assertions chained after it are skipped instead of failing again.
 */
public interface MailSoftAssertionsProvider extends SoftAssertionsProvider {
    default MailServerAssert assertThat(MailControl server) {
        return proxy(MailServerAssert.class, MailControl.class, server).softly(this);
    }

    default ReceivedMessageAssert assertThat(ReceivedMessage message) {
        return ReceivedMessageAssert.of(message, this);
    }

    default AttachmentAssert assertThat(MimePart part) {
        return AttachmentAssert.of(part, this);
    }
}
