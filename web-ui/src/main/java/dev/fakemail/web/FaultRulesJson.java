package dev.fakemail.web;

import dev.fakemail.fault.FaultRule;
import dev.fakemail.web.internal.FaultJsonReader;
import dev.fakemail.web.internal.FaultJsonText;
import dev.fakemail.web.internal.FaultJsonWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of fault rules, e.g. {@code {"protocol":"smtp","trigger":{"type":"command","verb":"RCPT",
 * "match":"bob@*"},"effect":{"type":"reply","code":451,"status":"4.3.0","text":"Try again later",
 * "disconnect":false},"budget":{"type":"times","count":1},"scope":{"type":"server"}}}, as the web inbox's
 * {@code /api/faults} speaks it. Output spells every field out; input may leave out budget, scope and optional
 * fields, and rejects unknown ones. Durations are strings as in the text form, or numbers of milliseconds.
 * Every error is an IllegalArgumentException starting with "fault rule JSON: ". The core itself knows the Java
 * and the text form only ({@link FaultRule#parse}, {@link FaultRule#toText}).
 */
public final class FaultRulesJson {
    private static final String PREFIX = "fault rule JSON: ";

    private FaultRulesJson() {
    }

    /** Reads one rule object (was {@code FaultRule.fromJson}). */
    public static FaultRule parse(String json) {
        return rule(read(json), "");
    }

    /**
     * Reads a single rule object or an array of them; errors in an array name the element ("[2].effect"). Add
     * them with {@code rules.forEach(plan::add)} (was {@code FaultPlan.addJson}).
     */
    public static List<FaultRule> parseAll(String json) {
        Object tree = read(json);
        if (tree instanceof Map) {
            return List.of(rule(tree, ""));
        }
        if (!(tree instanceof List<?> elements)) {
            throw new IllegalArgumentException(PREFIX + "expected an object or an array of objects, was "
                    + describe(tree));
        }
        List<FaultRule> rules = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            rules.add(rule(elements.get(i), "[" + i + "]"));
        }
        return List.copyOf(rules);
    }

    /** One rule as compact JSON, every field spelled out (was {@code FaultRule.toJson}). */
    public static String format(FaultRule rule) {
        return FaultJsonText.write(toTree(rule));
    }

    /** Rules as a JSON array. */
    public static String formatAll(List<FaultRule> rules) {
        return FaultJsonText.write(rules.stream().map(FaultRulesJson::toTree).toList());
    }

    /** Reads a rule from a plain JSON tree (Map, List, String, any Number, Boolean, null). */
    public static FaultRule fromTree(Map<String, Object> tree) {
        return rule(tree, "");
    }

    /** The rule as a JSON tree of LinkedHashMap, ArrayList, String, Integer, Long, Double and Boolean. */
    public static Map<String, Object> toTree(FaultRule rule) {
        return FaultJsonWriter.toTree(rule);
    }

    private static Object read(String json) {
        try {
            return FaultJsonText.parse(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PREFIX + e.getMessage(), e);
        }
    }

    private static FaultRule rule(Object tree, String path) {
        try {
            return FaultJsonReader.rule(tree, path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PREFIX + e.getMessage(), e);
        }
    }

    private static String describe(Object value) {
        return FaultJsonReader.describe(value);
    }
}
