package dev.fakemail.fault;

import dev.fakemail.testing.Pop3RuleForms;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: the same rule built in Java and written as text is the same rule, and gives a client the same
 * bytes (web-ui's FaultRulesJsonEquivalenceTest adds the JSON form). Each form runs the same POP3 script
 * against a fresh server with the same seed; the bytes (greeting timestamp masked) must be equal, and differ
 * from a run without the rule.
 */
@Timeout(60)
class FaultPropertiesCodecEquivalenceTest {
    @ParameterizedTest(name = "{1}")
    @MethodSource("dev.fakemail.testing.Pop3RuleForms#rules")
    void javaAndTextAreTheSameRuleAndGiveTheSameBytes(FaultRule java, String text, String json) throws Exception {
        Pop3RuleForms.assertTextIsTheSameRule(java, text);
        Pop3RuleForms.assertEveryWayGivesTheSameBytes(java, Map.of("text", plan -> plan.addText(text)));
    }
}
