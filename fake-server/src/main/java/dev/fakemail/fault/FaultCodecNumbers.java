package dev.fakemail.fault;

import java.util.regex.Pattern;

/** Number syntax of the text fault codec, so a value reads back exactly as it was written. */
final class FaultCodecNumbers {
    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");
    /** Plain decimal notation only: Double.parseDouble would also take "NaN", "0x1p3" or "1d". */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private FaultCodecNumbers() {
    }

    static long parseLong(String text, String what) {
        if (!WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException("bad number '" + text + "' for " + what + " (expected a whole number)");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw outOfRange(text, what);
        }
    }

    static int parseInt(String text, String what) {
        long value = parseLong(text, what);
        if (value != (int) value) {
            throw outOfRange(text, what);
        }
        return (int) value;
    }

    static double parseDecimal(String text, String what) {
        if (!DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException("bad number '" + text + "' for " + what + " (expected a decimal number"
                    + " such as 0.5)");
        }
        return Double.parseDouble(text);
    }

    /**
     * Double.toString (which always reads back to the same double, and which {@link #parseDecimal} reads)
     * without a redundant ".0", so 1.0 is "1" and 0.3 is "0.3".
     */
    static String formatDecimal(double value) {
        String text = Double.toString(value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }

    static IllegalArgumentException outOfRange(String text, String what) {
        return new IllegalArgumentException("number '" + text + "' for " + what + " is out of range");
    }
}
