package dev.fakemail.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressListTest {
    @Test
    void plainAndAngleAddresses() {
        assertThat(AddressList.parse("bob@example.test")).containsExactly("bob@example.test");
        assertThat(AddressList.parse("Bob <Bob@Example.test>, carol@example.test"))
                .containsExactly("bob@example.test", "carol@example.test");
    }

    @Test
    void quotedDisplayNamesMayHoldCommasAndAngles() {
        assertThat(AddressList.parse("\"Doe, Bob <boss>\" <bob@example.test>, \"A \\\"B\\\"\" <a@example.test>"))
                .containsExactly("bob@example.test", "a@example.test");
    }

    @Test
    void commentsGroupsAndEmptyGroups() {
        assertThat(AddressList.parse("bob@example.test (Bob, at home), Team: a@example.test, b@example.test;,"
                + " undisclosed-recipients:;")).containsExactly("bob@example.test", "a@example.test", "b@example.test");
        assertThat(AddressList.parse("")).isEmpty();
    }
}
