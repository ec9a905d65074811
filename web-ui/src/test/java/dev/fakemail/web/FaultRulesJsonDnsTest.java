package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.fault.FaultRule;
import org.junit.jupiter.api.Test;

/** DNS rules in the JSON form: the same rules as their text, both ways. */
class FaultRulesJsonDnsTest {
    @Test
    void dnsAnswerAndTruncateRulesRoundTrip() {
        FaultRule servfail = FaultRule.parse("dns query MX shop.test -> reply SERVFAIL times 2");
        FaultRule truncate = FaultRule.parse("dns query TXT * -> truncate");
        assertThat(FaultRulesJson.parse("{\"protocol\":\"dns\",\"trigger\":{\"type\":\"command\",\"verb\":\"MX\","
                + "\"match\":\"shop.test\"},\"effect\":{\"type\":\"answer\",\"rcode\":\"SERVFAIL\"},"
                + "\"budget\":{\"type\":\"times\",\"count\":2}}")).isEqualTo(servfail);
        assertThat(FaultRulesJson.parse("{\"protocol\":\"dns\",\"trigger\":{\"type\":\"command\",\"verb\":\"TXT\"},"
                + "\"effect\":{\"type\":\"truncate\"}}")).isEqualTo(truncate);
        for (FaultRule rule : new FaultRule[] {servfail, truncate}) {
            assertThat(FaultRulesJson.parse(FaultRulesJson.format(rule))).isEqualTo(rule);
        }
    }
}
