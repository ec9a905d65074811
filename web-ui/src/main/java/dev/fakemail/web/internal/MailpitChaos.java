package dev.fakemail.web.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.fault.FaultHandle;
import dev.fakemail.fault.FaultPlan;
import dev.fakemail.fault.FaultRule;
import dev.fakemail.web.internal.MailpitJson.ChaosTrigger;
import dev.fakemail.web.internal.MailpitJson.ChaosTriggers;
import io.undertow.server.HttpServerExchange;
import java.util.Iterator;
import java.util.Locale;

/**
 * Mailpit's Chaos triggers ({@code /api/v1/chaos}) as fault rules: a trigger with a probability above 0 becomes
 * one rule, {@code smtp mail * -> reply 451 "Chaos sender error" probability 0.05} (Recipient: {@code rcpt},
 * Authentication: {@code auth}), listed in {@code /api/faults} like any other. Setting the triggers replaces the
 * rules set here before (a trigger left out is reset to probability 0, as in Mailpit); rules added another way
 * stay. A rule removed elsewhere (or by a reset) reads back as probability 0. Random decisions come from the
 * server's fault seed, so a chaos run can be replayed.
 */
final class MailpitChaos {
    private static final String[] NAMES = {"Sender", "Recipient", "Authentication"};
    private static final String[] TRIGGERS = {"mail *", "rcpt *", "auth"};
    private static final int[] DEFAULT_CODES = {451, 451, 535};

    private final FaultPlan plan;
    private final Runnable onChange;
    /** Guarded by this: the triggers as last set, and the rule each became (null for probability 0). */
    private final ChaosTrigger[] triggers = new ChaosTrigger[3];
    private final FaultHandle[] rules = new FaultHandle[3];

    MailpitChaos(FaultPlan plan, Runnable onChange) {
        this.plan = plan;
        this.onChange = onChange;
        for (int i = 0; i < 3; i++) {
            triggers[i] = new ChaosTrigger(DEFAULT_CODES[i], 0);
        }
    }

    void get(HttpServerExchange exchange) throws Exception {
        Responses.json(exchange, 200, current());
    }

    void set(HttpServerExchange exchange) throws Exception {
        JsonNode body = MailpitApi.body(exchange);
        if (body == null || !body.isObject()) {
            throw new ApiException(400, body == null ? "EOF" : "the body must be a JSON object such as "
                    + "{\"Sender\": {\"ErrorCode\": 451, \"Probability\": 5}}");
        }
        JsonNode[] given = new JsonNode[3];
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            int which = index(name);
            if (which < 0) { // Mailpit's decoder would skip it; a typo must not silently reset a trigger here
                throw new ApiException(400, "unknown trigger \"" + Params.shown(name)
                        + "\" (triggers: Sender, Recipient, Authentication)");
            }
            given[which] = body.get(name);
        }
        ChaosTrigger[] wanted = new ChaosTrigger[3];
        for (int i = 0; i < 3; i++) {
            wanted[i] = trigger(given[i], DEFAULT_CODES[i]);
        }
        synchronized (this) {
            for (int i = 0; i < 3; i++) {
                if (rules[i] != null) {
                    rules[i].remove();
                    rules[i] = null;
                }
                triggers[i] = wanted[i];
                if (wanted[i].Probability() > 0) {
                    rules[i] = plan.add(FaultRule.parse(rule(i, wanted[i])));
                }
            }
        }
        onChange.run();
        Responses.json(exchange, 200, current());
    }

    private synchronized ChaosTriggers current() {
        ChaosTrigger[] shown = new ChaosTrigger[3];
        for (int i = 0; i < 3; i++) {
            boolean gone = rules[i] != null && !rules[i].isActive();
            shown[i] = gone ? new ChaosTrigger(triggers[i].ErrorCode(), 0) : triggers[i];
        }
        return new ChaosTriggers(shown[0], shown[1], shown[2]);
    }

    /** The fault rule in its text form: Mailpit's reply ("451 Chaos sender error"), with the probability. */
    static String rule(int which, ChaosTrigger trigger) {
        String probability = String.format(Locale.ROOT, "%.2f", trigger.Probability() / 100.0);
        return "smtp " + TRIGGERS[which] + " -> reply " + trigger.ErrorCode() + " \"Chaos "
                + NAMES[which].toLowerCase(Locale.ROOT) + " error\"" + (trigger.Probability() >= 100 ? ""
                        : " probability " + probability);
    }

    /** Mailpit's checks and defaults: a code of 0 (or none) is the default; 400-599 and 0-100 % only. */
    private static ChaosTrigger trigger(JsonNode node, int defaultCode) {
        if (node == null || node.isNull()) {
            return new ChaosTrigger(defaultCode, 0);
        }
        if (!node.isObject()) {
            throw new ApiException(400, "a trigger must be an object such as {\"ErrorCode\": 451, \"Probability\": 5}");
        }
        int code = integer(node.get("ErrorCode"));
        int probability = integer(node.get("Probability"));
        if (code == 0) {
            code = defaultCode;
        }
        if (code < 400 || code > 599) {
            throw new ApiException(400, "error code must be between 400 and 599");
        }
        if (probability < 0 || probability > 100) {
            throw new ApiException(400, "probability must be between 0 and 100");
        }
        return new ChaosTrigger(code, probability);
    }

    private static int integer(JsonNode value) {
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new ApiException(400, "json: cannot unmarshal " + Params.shown(value.toString())
                    + " into an int field");
        }
        return value.asInt();
    }

    private static int index(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equalsIgnoreCase(name)) { // Go's JSON decoder matches field names ignoring case
                return i;
            }
        }
        return -1;
    }
}
