package dev.fakemail.junit;

import java.util.function.Consumer;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * AssertJ's {@link SoftAssertions} plus the mail assertions: every failure is collected and reported together
 * by {@link #assertAll()}. Works with AssertJ's {@code SoftAssertionsExtension} and
 * {@code @InjectSoftAssertions} too.
 *
 * <pre>{@code
 * SoftMailAssertions.assertMailSoftly(softly -> {
 *     softly.assertThat(message).hasSubject("Welcome").hasTo("bob@example.test");
 *     softly.assertThat(message.size()).isLessThan(100_000);
 * });
 * }</pre>
 */
public class SoftMailAssertions extends SoftAssertions implements MailSoftAssertionsProvider {
    /**
     * Runs the assertions softly and fails once, with all collected failures, at the end. (Not named
     * {@code assertSoftly}: {@link SoftAssertions#assertSoftly} takes that name for plain soft assertions.)
     */
    public static void assertMailSoftly(Consumer<SoftMailAssertions> assertions) {
        SoftAssertionsProvider.assertSoftly(SoftMailAssertions.class, assertions);
    }
}
