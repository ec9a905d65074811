package dev.fakemail.web.internal;

import dev.fakemail.fault.Budget;
import dev.fakemail.fault.DelayDistribution;
import dev.fakemail.fault.Effect;
import dev.fakemail.fault.FaultRule;
import dev.fakemail.fault.Scope;
import dev.fakemail.fault.Trigger;
import dev.fakemail.internal.text.Durations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a rule into its JSON tree. Output spells every field out, in a fixed order, so the same rule always
 * gives the same text; {@link FaultJsonReader} reads the tree back.
 */
public final class FaultJsonWriter {
    /** Triggers and effects that are their type alone. */
    private static final Map<Class<?>, String> WITHOUT_FIELDS = Map.of(Trigger.Connect.class, "connect",
            Trigger.EndOfData.class, "data-end", Trigger.TlsHandshake.class, "tls",
            Trigger.Capabilities.class, "capabilities", Trigger.Idle.class, "idle",
            Effect.Disconnect.class, "disconnect", Effect.Reset.class, "reset",
            Effect.NewUidValidity.class, "new-uidvalidity", Effect.Truncate.class, "truncate");

    private FaultJsonWriter() {
    }

    /** The rule as a JSON tree of LinkedHashMap, ArrayList, String, Integer, Long, Double and Boolean. */
    public static Map<String, Object> toTree(FaultRule rule) {
        Objects.requireNonNull(rule, "rule");
        return object("protocol", rule.protocol().wireName(), "trigger", trigger(rule.trigger()),
                "effect", effect(rule.effect()), "budget", budget(rule.budget()), "scope", scope(rule.scope()));
    }

    private static Map<String, Object> trigger(Trigger trigger) {
        String bare = WITHOUT_FIELDS.get(trigger.getClass());
        if (bare != null) {
            return object("type", bare);
        }
        if (trigger instanceof Trigger.Command command) {
            return object("type", "command", "verb", command.verb(), "match", command.match());
        }
        if (trigger instanceof Trigger.AfterReply after) {
            return object("type", "after-reply", "verb", after.verb(), "match", after.match());
        }
        if (trigger instanceof Trigger.DataLine dataLine) {
            return object("type", "data-line", "match", dataLine.match());
        }
        if (trigger instanceof Trigger.Authentication auth) {
            return object("type", "auth", "mechanism", auth.mechanism(), "user", auth.user());
        }
        if (trigger instanceof Trigger.Literal literal) {
            return object("type", "literal", "verb", literal.verb());
        }
        if (trigger instanceof Trigger.LiteralEnd literalEnd) {
            return object("type", "literal-end", "verb", literalEnd.verb());
        }
        throw new IllegalStateException("no JSON form for trigger " + trigger);
    }

    private static Map<String, Object> effect(Effect effect) {
        String bare = WITHOUT_FIELDS.get(effect.getClass());
        if (bare != null) {
            return object("type", bare);
        }
        if (effect instanceof Effect.Reply reply) {
            return object("type", "reply", "code", reply.code(), "status", reply.status(), "text", reply.text(),
                    "disconnect", reply.disconnect());
        }
        if (effect instanceof Effect.Delay delay) {
            return delay(delay.distribution());
        }
        if (effect instanceof Effect.Throttle throttle) {
            return object("type", "throttle", "bytesPerSecond", throttle.bytesPerSecond());
        }
        if (effect instanceof Effect.Slice slice) {
            return object("type", "slice", "bytes", slice.bytes(), "pause", Durations.format(slice.pause()));
        }
        if (effect instanceof Effect.Stall stall) {
            return stall.closeAfter() == null ? object("type", "stall")
                    : object("type", "stall", "closeAfter", Durations.format(stall.closeAfter()));
        }
        if (effect instanceof Effect.DisconnectAfterBytes cut) {
            return object("type", "disconnect-after", "bytes", cut.bytes());
        }
        if (effect instanceof Effect.Greylist greylist) {
            return object("type", "greylist", "window", Durations.format(greylist.window()));
        }
        if (effect instanceof Effect.RateLimit rateLimit) {
            return object("type", "rate-limit", "limit", rateLimit.limit(),
                    "window", Durations.format(rateLimit.window()));
        }
        if (effect instanceof Effect.HideCapabilities hide) {
            return object("type", "hide", "capabilities", new ArrayList<>(hide.capabilities()));
        }
        if (effect instanceof Effect.AdvertiseCapability advertise) {
            return object("type", "advertise", "line", advertise.line());
        }
        if (effect instanceof Effect.Untagged untagged) {
            return object("type", "untagged", "line", untagged.line());
        }
        if (effect instanceof Effect.ExpungeElsewhere expunge) {
            return object("type", "expunge-elsewhere", "which", expunge.which());
        }
        if (effect instanceof Effect.Quota quota) {
            return object("type", "quota", "limits", quota.limits());
        }
        if (effect instanceof Effect.Answer answer) {
            return object("type", "answer", "rcode", answer.rcode());
        }
        throw new IllegalStateException("no JSON form for effect " + effect);
    }

    private static Map<String, Object> delay(DelayDistribution distribution) {
        if (distribution instanceof DelayDistribution.Fixed fixed) {
            return object("type", "delay", "distribution", "fixed", "duration", Durations.format(fixed.duration()));
        }
        if (distribution instanceof DelayDistribution.Uniform uniform) {
            return object("type", "delay", "distribution", "uniform", "min", Durations.format(uniform.min()),
                    "max", Durations.format(uniform.max()));
        }
        if (distribution instanceof DelayDistribution.LogNormal logNormal) {
            return object("type", "delay", "distribution", "lognormal",
                    "median", Durations.format(logNormal.median()), "sigma", logNormal.sigma());
        }
        throw new IllegalStateException("no JSON form for delay " + distribution);
    }

    private static Map<String, Object> budget(Budget budget) {
        if (budget instanceof Budget.Times times) {
            return object("type", "times", "count", times.count());
        }
        if (budget instanceof Budget.Occurrence occurrence) {
            return object("type", "occurrence", "occurrence", occurrence.occurrence());
        }
        if (budget instanceof Budget.Probability probability) {
            return object("type", "probability", "probability", probability.probability());
        }
        return object("type", "always");
    }

    private static Map<String, Object> scope(Scope scope) {
        if (scope instanceof Scope.Session session) {
            return object("type", "session", "sessionId", session.sessionId());
        }
        if (scope instanceof Scope.NextConnection) {
            return object("type", "next-connection");
        }
        return object("type", "server");
    }

    /** An insertion-ordered object from alternating names and values, so output fields keep a stable order. */
    private static Map<String, Object> object(Object... namesAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return object;
    }
}
