package dev.fakemail.web.internal;

import dev.fakemail.fault.Budget;
import dev.fakemail.fault.DelayDistribution;
import dev.fakemail.fault.Effect;
import dev.fakemail.fault.FaultRule;
import dev.fakemail.fault.Protocol;
import dev.fakemail.fault.Scope;
import dev.fakemail.fault.Trigger;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Turns a JSON tree into a rule. Every error names the field's path ("effect.code is required", "unknown field
 * 'cod' in effect"); {@link dev.fakemail.web.FaultRulesJson} adds the "fault rule JSON: " prefix.
 */
public final class FaultJsonReader {
    static final List<String> TRIGGER_TYPES =
            List.of("connect", "command", "after-reply", "data-line", "data-end", "tls", "auth", "capabilities",
                    "literal", "literal-end", "idle");
    static final List<String> EFFECT_TYPES = List.of("reply", "delay", "throttle", "slice", "stall", "disconnect",
            "reset", "disconnect-after", "greylist", "rate-limit", "hide", "advertise", "untagged",
            "expunge-elsewhere", "new-uidvalidity", "quota", "answer", "truncate");
    static final List<String> DISTRIBUTIONS = List.of("fixed", "uniform", "lognormal");
    static final List<String> BUDGET_TYPES = List.of("always", "times", "occurrence", "probability");
    static final List<String> SCOPE_TYPES = List.of("server", "session", "next-connection");

    private FaultJsonReader() {
    }

    /** Reads one rule object; {@code path} is "" for a lone rule, "[2]" for an array element. */
    public static FaultRule rule(Object tree, String path) {
        FaultJsonFields rule = FaultJsonFields.of(tree, path);
        rule.allow("protocol", "trigger", "effect", "budget", "scope");
        Protocol protocol = protocol(rule);
        Trigger trigger = trigger(rule.object("trigger"));
        Effect effect = effect(rule.object("effect"));
        Budget budget = rule.has("budget") ? budget(rule.object("budget")) : Budget.always();
        Scope scope = rule.has("scope") ? scope(rule.object("scope")) : Scope.server();
        return build(path, () -> new FaultRule(protocol, trigger, effect, budget, scope));
    }

    private static Protocol protocol(FaultJsonFields rule) {
        String name = rule.string("protocol");
        for (Protocol protocol : Protocol.values()) {
            if (protocol.wireName().equalsIgnoreCase(name)) {
                return protocol;
            }
        }
        throw rule.error("protocol", "unknown protocol '" + name + "' (expected smtp, pop3, imap or dns)");
    }

    private static Trigger trigger(FaultJsonFields trigger) {
        String type = trigger.type("trigger", TRIGGER_TYPES);
        switch (type) {
            case "command", "after-reply" -> trigger.allow("type", "verb", "match");
            case "data-line" -> trigger.allow("type", "match");
            case "auth" -> trigger.allow("type", "mechanism", "user");
            case "literal", "literal-end" -> trigger.allow("type", "verb");
            default -> trigger.allow("type");
        }
        return build(trigger.path(), () -> switch (type) {
            case "connect" -> Trigger.connect();
            case "command" -> Trigger.command(trigger.string("verb"), trigger.optionalString("match"));
            case "after-reply" -> Trigger.afterReply(trigger.string("verb"), trigger.optionalString("match"));
            case "data-line" -> Trigger.dataLine(trigger.optionalString("match"));
            case "data-end" -> Trigger.endOfData();
            case "tls" -> Trigger.tlsHandshake();
            case "auth" -> Trigger.authentication(trigger.optionalString("mechanism"),
                    trigger.optionalString("user"));
            case "literal" -> Trigger.literal(trigger.optionalString("verb"));
            case "literal-end" -> Trigger.literalEnd(trigger.optionalString("verb"));
            case "idle" -> Trigger.idle();
            default -> Trigger.capabilities();
        });
    }

    private static Effect effect(FaultJsonFields effect) {
        String type = effect.type("effect", EFFECT_TYPES);
        switch (type) {
            case "reply" -> effect.allow("type", "code", "status", "text", "disconnect");
            case "delay" -> effect.allow(delayFields(effect));
            case "throttle" -> effect.allow("type", "bytesPerSecond");
            case "slice" -> effect.allow("type", "bytes", "pause");
            case "stall" -> effect.allow("type", "closeAfter");
            case "disconnect-after" -> effect.allow("type", "bytes");
            case "greylist" -> effect.allow("type", "window");
            case "rate-limit" -> effect.allow("type", "limit", "window");
            case "hide" -> effect.allow("type", "capabilities");
            case "advertise", "untagged" -> effect.allow("type", "line");
            case "expunge-elsewhere" -> effect.allow("type", "which");
            case "quota" -> effect.allow("type", "limits");
            case "answer" -> effect.allow("type", "rcode");
            default -> effect.allow("type");
        }
        return build(effect.path(), () -> switch (type) {
            case "reply" -> new Effect.Reply(effect.wholeInt("code"), effect.optionalString("status"),
                    effect.string("text"), effect.optionalBoolean("disconnect"));
            case "delay" -> new Effect.Delay(distribution(effect));
            case "throttle" -> new Effect.Throttle(effect.whole("bytesPerSecond"));
            case "slice" -> new Effect.Slice(effect.wholeInt("bytes"), effect.duration("pause"));
            case "stall" -> new Effect.Stall(effect.has("closeAfter") ? effect.duration("closeAfter") : null);
            case "disconnect" -> new Effect.Disconnect();
            case "reset" -> new Effect.Reset();
            case "disconnect-after" -> new Effect.DisconnectAfterBytes(effect.whole("bytes"));
            case "greylist" -> new Effect.Greylist(effect.duration("window"));
            case "rate-limit" -> new Effect.RateLimit(effect.wholeInt("limit"), effect.duration("window"));
            case "hide" -> new Effect.HideCapabilities(effect.strings("capabilities"));
            case "untagged" -> new Effect.Untagged(effect.string("line"));
            case "expunge-elsewhere" -> new Effect.ExpungeElsewhere(effect.string("which"));
            case "new-uidvalidity" -> new Effect.NewUidValidity();
            case "quota" -> new Effect.Quota(effect.string("limits"));
            case "answer" -> new Effect.Answer(effect.string("rcode"));
            case "truncate" -> new Effect.Truncate();
            default -> new Effect.AdvertiseCapability(effect.string("line"));
        });
    }

    /** The distribution is flat in the effect object; left out, it is "fixed" ({"type":"delay","duration":"2s"}). */
    private static String[] delayFields(FaultJsonFields effect) {
        return switch (distributionName(effect)) {
            case "uniform" -> new String[] {"type", "distribution", "min", "max"};
            case "lognormal" -> new String[] {"type", "distribution", "median", "sigma"};
            default -> new String[] {"type", "distribution", "duration"};
        };
    }

    private static String distributionName(FaultJsonFields effect) {
        if (!effect.has("distribution")) {
            return "fixed";
        }
        String name = effect.string("distribution").toLowerCase(Locale.ROOT);
        if (!DISTRIBUTIONS.contains(name)) {
            throw effect.error("distribution", "unknown distribution '" + effect.string("distribution")
                    + "' (expected one of " + String.join(", ", DISTRIBUTIONS) + ")");
        }
        return name;
    }

    private static DelayDistribution distribution(FaultJsonFields effect) {
        return switch (distributionName(effect)) {
            case "uniform" -> new DelayDistribution.Uniform(effect.duration("min"), effect.duration("max"));
            case "lognormal" -> new DelayDistribution.LogNormal(effect.duration("median"), effect.decimal("sigma"));
            default -> new DelayDistribution.Fixed(effect.duration("duration"));
        };
    }

    private static Budget budget(FaultJsonFields budget) {
        String type = budget.type("budget", BUDGET_TYPES);
        switch (type) {
            case "times" -> budget.allow("type", "count");
            case "occurrence" -> budget.allow("type", "occurrence");
            case "probability" -> budget.allow("type", "probability");
            default -> budget.allow("type");
        }
        return build(budget.path(), () -> switch (type) {
            case "times" -> Budget.times(budget.whole("count"));
            case "occurrence" -> Budget.occurrence(budget.whole("occurrence"));
            case "probability" -> Budget.probability(budget.decimal("probability"));
            default -> Budget.always();
        });
    }

    private static Scope scope(FaultJsonFields scope) {
        String type = scope.type("scope", SCOPE_TYPES);
        if (type.equals("session")) {
            scope.allow("type", "sessionId");
        } else {
            scope.allow("type");
        }
        return build(scope.path(), () -> switch (type) {
            case "session" -> Scope.session(scope.whole("sessionId"));
            case "next-connection" -> Scope.nextConnection();
            default -> Scope.server();
        });
    }

    /** A value as an error shows it: JSON-like, long strings cut. */
    public static String describe(Object value) {
        return FaultJsonFields.describe(value);
    }

    /**
     * Runs a record constructor and puts the path before its validation message ("effect: reply code must be
     * 200..599"); errors of our own already carry their path and pass as they are.
     */
    private static <T> T build(String path, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (FaultJsonFields.FieldError e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path.isEmpty() ? e.getMessage() : path + ": " + e.getMessage(), e);
        }
    }
}
