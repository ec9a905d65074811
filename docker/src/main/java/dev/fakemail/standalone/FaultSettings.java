package dev.fakemail.standalone;

import dev.fakemail.fault.FaultRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fault rules in the text form, given inline ({@code --faults}) or in a file ({@code --faults-file}, one rule per
 * line, '#' comments). A rule the parser refuses stops the start: "SETTING: the parser's message".
 */
final class FaultSettings {
    private FaultSettings() {
    }

    static List<FaultRule> rules(SettingValue value) throws OptionException {
        return parse(value, value.text());
    }

    static List<FaultRule> rulesFile(SettingValue value) throws OptionException {
        String text;
        try {
            text = Files.readString(Path.of(value.text()), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) { // RuntimeException: a malformed path, or not UTF-8
            throw value.problem(SettingFiles.unreadable(value.text(), e));
        }
        List<FaultRule> rules = parse(value, text);
        if (rules.isEmpty()) {
            // An empty file is more likely the wrong file than a wish for no faults.
            throw value.problem("'" + value.text() + "' holds no fault rules");
        }
        return rules;
    }

    private static List<FaultRule> parse(SettingValue value, String text) throws OptionException {
        try {
            return FaultRule.parseAll(text);
        } catch (IllegalArgumentException e) {
            throw value.problem(e.getMessage());
        }
    }
}
