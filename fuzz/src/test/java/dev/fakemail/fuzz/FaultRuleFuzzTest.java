package dev.fakemail.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fakemail.fault.FaultRule;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The fault rule text form over arbitrary text: a rule either parses or is refused with an
 * IllegalArgumentException naming the rule ("fault rule '...': problem"); a parsed rule written back with
 * {@link FaultRule#toText} parses again to a rule with the same text, so rules survive a round trip through
 * files, system properties and the web API.
 */
class FaultRuleFuzzTest {

    @FuzzTest(maxDuration = "4s")
    void rulesParseOrSayWhyAndSurviveARoundTrip(byte[] utf8) {
        // Bytes rather than a String parameter: the seeds stay plain text files.
        String text = new String(utf8, StandardCharsets.UTF_8);
        try {
            List<FaultRule> rules = FaultRule.parseAll(text);
            for (FaultRule rule : rules) {
                requireRoundTrip(rule);
            }
        } catch (IllegalArgumentException refused) {
            requireReason(refused, text);
        }
        try {
            requireRoundTrip(FaultRule.parse(text));
        } catch (IllegalArgumentException refused) {
            requireReason(refused, text);
        }
    }

    private static void requireRoundTrip(FaultRule rule) {
        String written = rule.toText();
        FaultRule again;
        try {
            again = FaultRule.parse(written);
        } catch (IllegalArgumentException e) {
            throw new AssertionError("rule written as '" + written + "' does not parse: " + e.getMessage(), e);
        }
        if (!again.toText().equals(written)) {
            throw new AssertionError("rule written as '" + written + "' parses as '" + again.toText() + "'");
        }
    }

    private static void requireReason(IllegalArgumentException refused, String text) {
        String message = refused.getMessage();
        if (message == null || !message.startsWith("fault rule")) {
            throw new AssertionError("refusal without the rule and its problem: " + message + " for '" + text + "'",
                    refused);
        }
    }
}
