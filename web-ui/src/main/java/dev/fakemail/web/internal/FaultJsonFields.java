package dev.fakemail.web.internal;

import dev.fakemail.internal.text.Durations;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One JSON object of a fault rule with its path ("effect", "[2].trigger"), read field by field with typed
 * getters whose errors name the path. A JSON null counts as a missing field. Numbers may be any
 * {@link Number}, as Jackson or a caller's own tree hands them over (Integer, Long, BigInteger, Double, ...).
 */
final class FaultJsonFields {
    /** An error that already names its field, so the record-error wrapper leaves it alone. */
    static final class FieldError extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        FieldError(String message) {
            super(message);
        }
    }

    private static final int SHOWN_STRING_LIMIT = 60;

    private final Map<?, ?> members;
    private final String path;

    private FaultJsonFields(Map<?, ?> members, String path) {
        this.members = members;
        this.path = path;
    }

    static FaultJsonFields of(Object value, String path) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new FieldError((path.isEmpty() ? "" : path + ": ") + "expected an object, was " + describe(value));
        }
        return new FaultJsonFields(map, path);
    }

    String path() {
        return path;
    }

    private String path(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    boolean has(String name) {
        return members.get(name) != null;
    }

    /** Rejects fields outside {@code names}, so a typo ("cod") is an error instead of a silent default. */
    void allow(String... names) {
        Set<String> allowed = Set.of(names);
        for (Object key : members.keySet()) {
            if (!allowed.contains(key)) {
                throw new FieldError("unknown field '" + key + "' in " + (path.isEmpty() ? "the rule" : path));
            }
        }
    }

    FieldError error(String name, String problem) {
        return new FieldError(path(name) + ": " + problem);
    }

    private FieldError expected(String name, String what, Object value) {
        return error(name, "expected " + what + ", was " + describe(value));
    }

    private Object require(String name) {
        Object value = members.get(name);
        if (value == null) {
            throw new FieldError(path(name) + " is required");
        }
        return value;
    }

    FaultJsonFields object(String name) {
        return of(require(name), path(name));
    }

    /** The "type" field, lower case, checked against the known {@code types} of this {@code kind}. */
    String type(String kind, List<String> types) {
        String type = string("type");
        if (!types.contains(type.toLowerCase(Locale.ROOT))) {
            throw error("type", "unknown " + kind + " type '" + type + "' (expected one of " + String.join(", ", types)
                    + ")");
        }
        return type.toLowerCase(Locale.ROOT);
    }

    String string(String name) {
        Object value = require(name);
        if (!(value instanceof String string)) {
            throw expected(name, "a string", value);
        }
        return string;
    }

    String optionalString(String name) {
        return has(name) ? string(name) : null;
    }

    boolean optionalBoolean(String name) {
        Object value = members.get(name);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean bool)) {
            throw expected(name, "true or false", value);
        }
        return bool;
    }

    long whole(String name) {
        return whole(name, require(name), "a number");
    }

    int wholeInt(String name) {
        long value = whole(name);
        if (value != (int) value) {
            throw error(name, "number " + value + " is out of range");
        }
        return (int) value;
    }

    double decimal(String name) {
        Object value = require(name);
        if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
            throw expected(name, "a number", value);
        }
        return number.doubleValue();
    }

    /** A string in the text form's syntax ("2s", "PT2S") or a number of milliseconds. */
    Duration duration(String name) {
        Object value = require(name);
        if (value instanceof String text) {
            try {
                return Durations.parse(text, null);
            } catch (IllegalArgumentException e) {
                throw error(name, e.getMessage());
            }
        }
        String expectation = "a duration (\"2s\", \"PT2S\") or whole milliseconds";
        if (!(value instanceof Number)) {
            throw expected(name, expectation, value);
        }
        return Duration.ofMillis(whole(name, value, expectation));
    }

    List<String> strings(String name) {
        Object value = require(name);
        if (!(value instanceof List<?> elements)) {
            throw expected(name, "an array of strings", value);
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            if (!(elements.get(i) instanceof String string)) {
                throw new FieldError(path(name) + "[" + i + "]: expected a string, was " + describe(elements.get(i)));
            }
            strings.add(string);
        }
        return strings;
    }

    private long whole(String name, Object value, String expectation) {
        BigDecimal exact = value instanceof Number number ? exact(number) : null;
        if (exact == null) {
            throw expected(name, expectation, value);
        }
        if (exact.stripTrailingZeros().scale() > 0) {
            throw expected(name, "a whole number", value);
        }
        try {
            return exact.longValueExact();
        } catch (ArithmeticException e) {
            throw error(name, "number " + describe(value) + " is out of range");
        }
    }

    /** The exact value of any Number, or null for NaN, infinities and unknown Number kinds. */
    private static BigDecimal exact(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal;
        }
        if (number instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (number instanceof Double || number instanceof Float) {
            return Double.isFinite(number.doubleValue()) ? new BigDecimal(number.doubleValue()) : null;
        }
        try {
            return new BigDecimal(number.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A value as an error shows it: JSON-like, long strings cut. */
    static String describe(Object value) {
        if (value instanceof String string) {
            return FaultJsonText.quote(string.length() <= SHOWN_STRING_LIMIT ? string
                    : string.substring(0, SHOWN_STRING_LIMIT) + "...");
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        return String.valueOf(value);
    }
}
