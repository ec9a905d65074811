package dev.fakemail.standalone;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

/** Options parsed from flags alone (no environment), as the option tests read them, and a bad flag's refusal. */
final class ParseOptions {
    private ParseOptions() {
    }

    static StandaloneOptions parse(String... args) throws OptionException {
        return StandaloneOptions.parse(List.of(args), Map.of());
    }

    /** Asserts that these flags (separated by spaces) are refused with a message that starts so. */
    static void assertRefused(String flags, String message) {
        assertThatThrownBy(() -> parse(flags.strip().split("\\s+")))
                .isInstanceOf(OptionException.class)
                .hasMessageStartingWith(message.strip());
    }
}
