package dev.fakemail.web.internal;

import dev.fakemail.fault.FaultHandle;
import dev.fakemail.fault.FaultPlan;
import dev.fakemail.fault.FaultRule;
import dev.fakemail.web.FaultRulesJson;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/faults}: the server's scripted fault rules. GET lists them with their hits; POST adds rules in
 * the JSON form (one object or an array, read by {@link FaultRulesJson}) or in the text form
 * ({@code {"text": "smtp connect -> delay 2s"}}); DELETE removes one rule or all. Validation messages go back
 * with a 400.
 */
final class FaultsApi {
    /** The codecs refuse larger input anyway; reading stops here. */
    private static final int MAX_BODY = 64 * 1024;
    private static final String JSON_ERROR = "fault rule JSON: ";

    private final FaultPlan plan;
    private final Runnable onChange;

    FaultsApi(FaultPlan plan, Runnable onChange) {
        this.plan = plan;
        this.onChange = onChange;
    }

    /** @param rule the JSON form; {@code text} the one-line text form of the same rule */
    record RuleView(long id, String text, Map<String, Object> rule, long occurrences, long hits) {
        static RuleView of(FaultHandle handle) {
            return new RuleView(handle.id(), handle.rule().toText(), FaultRulesJson.toTree(handle.rule()),
                    handle.occurrences(), handle.hits());
        }
    }

    /** The seed is a string: as a JSON number, JavaScript would round most 64-bit seeds and a run could not be replayed. */
    record FaultsView(String seed, List<RuleView> rules) {
    }

    void list(HttpServerExchange exchange) throws Exception {
        Responses.json(exchange, 200, new FaultsView(Long.toString(plan.seed()), plan.rules().stream().map(RuleView::of).toList()));
    }

    void add(HttpServerExchange exchange) throws Exception {
        List<FaultRule> rules = parse(body(exchange));
        List<RuleView> added = new ArrayList<>();
        for (FaultRule rule : rules) {
            added.add(RuleView.of(plan.add(rule)));
        }
        onChange.run();
        Responses.json(exchange, 201, Map.of("added", added));
    }

    void remove(HttpServerExchange exchange) throws Exception {
        long id = Params.id(Params.path(exchange, "id"), "rule id");
        if (!plan.remove(id)) {
            throw ApiException.notFound("no fault rule with id " + id);
        }
        onChange.run();
        Responses.noContent(exchange);
    }

    void clear(HttpServerExchange exchange) {
        plan.clear();
        onChange.run();
        Responses.noContent(exchange);
    }

    private static List<FaultRule> parse(String body) {
        if (body.isBlank()) {
            throw ApiException.badRequest("send a fault rule in the JSON form, or {\"text\": \"<rule>\"}");
        }
        Object tree;
        try {
            tree = FaultJsonText.parse(body);
        } catch (IllegalArgumentException malformed) {
            throw ApiException.badRequest(JSON_ERROR + malformed.getMessage());
        }
        try {
            if (tree instanceof Map<?, ?> object && object.size() == 1 && object.get("text") instanceof String text) {
                List<FaultRule> rules = FaultRule.parseAll(text);
                if (rules.isEmpty()) {
                    throw ApiException.badRequest("the text holds no fault rule");
                }
                return rules;
            }
        } catch (IllegalArgumentException invalid) {
            throw ApiException.badRequest(invalid.getMessage());
        }
        // All rules are checked before any is added, so a bad array adds nothing.
        List<FaultRule> rules = new ArrayList<>();
        try {
            if (tree instanceof List<?> elements) {
                for (int i = 0; i < elements.size(); i++) {
                    rules.add(FaultJsonReader.rule(elements.get(i), "[" + i + "]"));
                }
            } else {
                rules.add(FaultJsonReader.rule(tree, ""));
            }
        } catch (IllegalArgumentException invalid) {
            throw ApiException.badRequest(JSON_ERROR + invalid.getMessage());
        }
        if (rules.isEmpty()) {
            throw ApiException.badRequest("the array holds no fault rule");
        }
        return rules;
    }

    private static String body(HttpServerExchange exchange) throws IOException {
        return new String(Params.body(exchange, MAX_BODY, "a fault rule request"), StandardCharsets.UTF_8);
    }
}
