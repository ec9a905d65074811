package dev.fakemail.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.junit.support.TestKit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each fixture the extension refuses fails with exactly one message: what is wrong and, mostly, the fix. */
class RefusedFixtureTest {
    @ParameterizedTest(name = "{0} is explained")
    @MethodSource({"dev.fakemail.junit.ManagedFieldTest#refusedFixtures",
            "dev.fakemail.junit.ZeroConfigServerTest#refusedFixtures"})
    void isExplained(Class<?> fixture, String message) {
        assertThat(TestKit.failureMessages(TestKit.run(fixture))).containsExactly(message);
    }
}
