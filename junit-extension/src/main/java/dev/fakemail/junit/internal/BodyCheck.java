package dev.fakemail.junit.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Compares a decoded body with what a test expects and, when it differs, says how. */
public final class BodyCheck {
    /** Lines of a body shown in a failure; enough to recognize it, short enough to read. */
    static final int MAX_LINES = 30;

    private BodyCheck() {
    }

    /**
     * How a body missed the expectation.
     *
     * @param actual the compared (normalized) body, for IDE diffs
     * @param expected the compared (normalized) expectation
     */
    public record Failure(String expectation, String outcome, String actual, String expected) {
    }

    /**
     * Equal, ignoring CR LF versus LF and line breaks at the end (mail puts CR LF at the end of each line).
     *
     * @param kind "text" or "HTML", as the body is called in the message
     */
    public static Optional<Failure> equalTo(String kind, String body, String expected) {
        String actual = normalize(body);
        String wanted = normalize(expected);
        if (actual.equals(wanted)) {
            return Optional.empty();
        }
        return Optional.of(new Failure("to have the " + kind + " body:" + Texts.indent(wanted, MAX_LINES),
                outcome(kind, body, "but it was:"), actual, wanted));
    }

    public static Optional<Failure> containing(String kind, String body, String... texts) {
        List<String> missing = Arrays.stream(texts).filter(text -> !body.contains(text)).toList();
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        String expectation = "to have " + article(kind) + " body containing " + String.join(", ",
                Arrays.stream(texts).map(Texts::quote).toList());
        String which = missing.size() == texts.length && texts.length > 1 ? "none of them is there"
                : String.join(", ", missing.stream().map(Texts::quote).toList()) + (missing.size() == 1 ? " is" : " are")
                        + " missing";
        return Optional.of(new Failure(expectation, outcome(kind, body, "but " + which + "; the " + kind
                + " body was:"), body, String.join("\n", texts)));
    }

    /** "a text", "an HTML" */
    private static String article(String kind) {
        return (kind.startsWith("H") ? "an " : "a ") + kind;
    }

    private static String outcome(String kind, String body, String intro) {
        if (body.isEmpty()) {
            return "but the message has no " + ("HTML".equals(kind) ? "text/html" : "text/plain") + " body";
        }
        return intro + Texts.indent(body, MAX_LINES);
    }

    private static String normalize(String body) {
        String text = body.replace("\r\n", "\n");
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '\n') {
            end--;
        }
        return text.substring(0, end);
    }
}
