package dev.fakemail.internal.fault;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobTest {
    @Test
    void aStarInThePatternIsAWildcardEvenWhereTheTextHasAStar() {
        assertThat(Glob.matches("1:*", "1:* FLAGS")).isTrue(); // IMAP sequence sets hold '*'
        assertThat(Glob.matches("1:*", "1:*")).isTrue();
        assertThat(Glob.matches("1:*", "2:*")).isFalse();
    }

    @Test
    void caseInsensitiveWithQuestionMarks() {
        assertThat(Glob.matches("bob@*", "BOB@example.test")).isTrue();
        assertThat(Glob.matches("b?b@*", "bab@x")).isTrue();
        assertThat(Glob.matches("bob@*", "alice@x")).isFalse();
        assertThat(Glob.matches("*.test", "a.test.org")).isFalse();
    }
}
