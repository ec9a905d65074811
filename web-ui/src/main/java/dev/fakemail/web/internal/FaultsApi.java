package dev.fakemail.web.internal;

import dev.fakemail.fault.FaultHandle;
import dev.fakemail.fault.FaultPlan;
import dev.fakemail.fault.FaultRule;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/faults}: the server's scripted fault rules. GET lists them with their hits; POST adds rules in
 * the JSON form (one object or an array) or in the text form ({@code {"text": "smtp connect -> delay 2s"}});
 * DELETE removes one rule or all. The core parses and validates: its message goes back with a 400.
 */
final class FaultsApi {
    /** The core's codecs refuse larger input anyway; reading stops here. */
    private static final int MAX_BODY = 64 * 1024;

    private final FaultPlan plan;
    private final Runnable onChange;

    FaultsApi(FaultPlan plan, Runnable onChange) {
        this.plan = plan;
        this.onChange = onChange;
    }

    /** @param rule the JSON form; {@code text} the one-line text form of the same rule */
    record RuleView(long id, String text, JsonNode rule, long occurrences, long hits) {
        static RuleView of(FaultHandle handle) {
            try {
                return new RuleView(handle.id(), handle.rule().toText(), Responses.JSON.readTree(handle.rule().toJson()),
                        handle.occurrences(), handle.hits());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the core wrote JSON Jackson cannot read: " + e.getMessage(), e);
            }
        }
    }

    record FaultsView(long seed, List<RuleView> rules) {
    }

    void list(HttpServerExchange exchange) throws Exception {
        Responses.json(exchange, 200, new FaultsView(plan.seed(), plan.rules().stream().map(RuleView::of).toList()));
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
        try {
            JsonNode tree = Responses.JSON.readTree(body);
            if (tree.isObject() && tree.size() == 1 && tree.path("text").isTextual()) {
                List<FaultRule> rules = FaultRule.parseAll(tree.path("text").asText());
                if (rules.isEmpty()) {
                    throw ApiException.badRequest("the text holds no fault rule");
                }
                return rules;
            }
            List<FaultRule> rules = new ArrayList<>();
            // All rules are checked before any is added, so a bad array adds nothing.
            for (JsonNode element : tree.isArray() ? tree : List.of(tree)) {
                rules.add(FaultRule.fromJson(element.toString()));
            }
            if (rules.isEmpty()) {
                throw ApiException.badRequest("the array holds no fault rule");
            }
            return rules;
        } catch (IllegalArgumentException invalid) {
            throw ApiException.badRequest(invalid.getMessage());
        } catch (JsonProcessingException malformed) {
            throw ApiException.badRequest("fault rule JSON: " + malformed.getOriginalMessage());
        }
    }

    private static String body(HttpServerExchange exchange) throws IOException {
        exchange.startBlocking();
        try (InputStream in = exchange.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new ApiException(413, "a fault rule request is at most " + MAX_BODY + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
