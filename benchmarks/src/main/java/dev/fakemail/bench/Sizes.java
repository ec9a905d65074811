package dev.fakemail.bench;

import java.time.Duration;
import java.util.Locale;

/** Parsing and printing of sizes ("2k", "100k", "1m", "2048") and durations ("500ms", "3s", "1m", "3"). */
final class Sizes {
    private Sizes() {
    }

    static int parseSize(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        int factor = 1;
        if (value.endsWith("kb") || value.endsWith("k")) {
            factor = 1024;
            value = value.substring(0, value.indexOf('k'));
        } else if (value.endsWith("mb") || value.endsWith("m")) {
            factor = 1024 * 1024;
            value = value.substring(0, value.indexOf('m'));
        }
        try {
            return Math.multiplyExact(Integer.parseInt(value), factor);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("not a size: '" + text + "' (e.g. 2k, 100k, 2048)", e);
        }
    }

    static String format(int octets) {
        if (octets % (1024 * 1024) == 0) {
            return octets / (1024 * 1024) + " MB";
        }
        if (octets % 1024 == 0) {
            return octets / 1024 + " KB";
        }
        return octets + " B";
    }

    static Duration parseDuration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("s")) {
                value = value.substring(0, value.length() - 1);
            } else if (value.endsWith("m")) {
                return Duration.ofSeconds(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 60));
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (e.g. 500ms, 3s, 1m)", e);
        }
    }

    static String grouped(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }
}
