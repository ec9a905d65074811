package dev.fakemail.internal.text;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the fault codecs write them: one whole unit ({@code 250ms}, {@code 2s}, {@code 5m}, {@code 1h},
 * {@code 1d}) or ISO-8601 ({@code PT5M}). Shared by the text form and web-ui's JSON form (hence public) so both
 * read and write alike.
 */
public final class Durations {
    static final String EXAMPLES = "e.g. 250ms, 2s, 5m, 1h, 1d or PT5M";

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);
    private static final long SECONDS_PER_DAY = 86_400;

    private Durations() {
    }

    /**
     * Parses one duration; {@code what} (if not null) names the field in the error ("bad duration '5x' for
     * greylist ..."); web-ui's JSON codec passes null and prefixes the field's path instead.
     */
    public static Duration parse(String text, String what) {
        if (text.startsWith("P") || text.startsWith("p") || text.startsWith("-P") || text.startsWith("-p")) {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw bad(text, what);
            }
        }
        Matcher matcher = SIMPLE.matcher(text);
        if (!matcher.matches()) {
            throw bad(text, what);
        }
        try {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("duration '" + text + "'" + forWhat(what) + " is too long");
        }
    }

    /**
     * The largest single unit that states the duration exactly (90000ms gives "90s", 300000ms "5m"). What no
     * unit states exactly (negative or sub-millisecond values, which some records allow) falls back to ISO-8601,
     * which {@link #parse} reads back, so every duration round-trips.
     */
    public static String format(Duration duration) {
        long seconds = duration.getSeconds();
        int nanos = duration.getNano();
        if (duration.isNegative() || nanos % 1_000_000 != 0) {
            return duration.toString();
        }
        if (nanos != 0) {
            if (seconds >= Long.MAX_VALUE / 1000) {
                return duration.toString();
            }
            return (seconds * 1000 + nanos / 1_000_000) + "ms";
        }
        if (seconds == 0) {
            return "0s";
        }
        if (seconds % SECONDS_PER_DAY == 0) {
            return seconds / SECONDS_PER_DAY + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    private static IllegalArgumentException bad(String text, String what) {
        return new IllegalArgumentException("bad duration '" + text + "'" + forWhat(what) + " (expected " + EXAMPLES
                + ")");
    }

    private static String forWhat(String what) {
        return what == null ? "" : " for " + what;
    }
}
