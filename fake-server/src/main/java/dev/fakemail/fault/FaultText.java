package dev.fakemail.fault;

import dev.fakemail.fault.FaultTextCodecTokenizer.Chunk;
import dev.fakemail.internal.text.Durations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The one-line text form of a fault rule: {@code <protocol> <trigger> -> <effect> [<budget>] [<scope>]}, e.g.
 * {@code smtp rcpt bob@example.test -> reply 451 4.3.0 "Try again later" times 1}. {@link #format} writes the
 * canonical form (lower case keywords, upper case verbs, defaults left out), and {@code parse(format(rule))}
 * equals the rule for every rule the model accepts.
 */
final class FaultText {
    /** Error messages quote the rule; a hostile megabyte-long line should not end up in a log in full. */
    private static final int SHOWN_RULE_LIMIT = 200;

    private FaultText() {
    }

    /** Parses one rule; throws IllegalArgumentException "fault rule '...': problem". */
    static FaultRule parse(String line) {
        return parse(line.strip(), "");
    }

    /**
     * Parses rules separated by line breaks or ';' outside quotes; blank lines and lines (or ';'-separated
     * parts) starting with '#' are ignored. Errors name the line: "fault rule '...' (line 3): problem".
     */
    static List<FaultRule> parseAll(String text) {
        List<FaultRule> rules = new ArrayList<>();
        for (Chunk chunk : FaultTextCodecTokenizer.splitRules(text)) {
            rules.add(parse(chunk.text(), " (line " + chunk.line() + ")"));
        }
        return List.copyOf(rules);
    }

    private static FaultRule parse(String rule, String where) {
        try {
            if (rule.indexOf('\n') >= 0 || rule.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("a rule is one line (parse several with parseAll)");
            }
            return FaultTextCodecParser.parse(FaultTextCodecTokenizer.tokenize(rule));
        } catch (IllegalArgumentException e) {
            // Our own messages and the records' validation messages alike get the rule they are about.
            throw new IllegalArgumentException("fault rule '" + shown(rule) + "'" + where + ": " + e.getMessage(), e);
        }
    }

    private static String shown(String rule) {
        return rule.length() <= SHOWN_RULE_LIMIT ? rule : rule.substring(0, SHOWN_RULE_LIMIT) + "...";
    }

    /** The canonical one-line text of the rule. */
    static String format(FaultRule rule) {
        Objects.requireNonNull(rule, "rule");
        StringBuilder out = new StringBuilder(rule.protocol().wireName())
                .append(' ').append(rule.protocol() == Protocol.DNS ? "query " : "").append(trigger(rule.trigger()))
                .append(" -> ").append(effect(rule.effect()));
        Budget budget = rule.budget();
        if (budget instanceof Budget.Times times) {
            out.append(" times ").append(times.count());
        } else if (budget instanceof Budget.Occurrence occurrence) {
            out.append(" occurrence ").append(occurrence.occurrence());
        } else if (budget instanceof Budget.Probability probability) {
            out.append(" probability ").append(FaultCodecNumbers.formatDecimal(probability.probability()));
        }
        Scope scope = rule.scope();
        if (scope instanceof Scope.Session session) {
            out.append(" session ").append(session.sessionId());
        } else if (scope instanceof Scope.NextConnection) {
            out.append(" next-connection");
        }
        return out.toString();
    }

    private static String trigger(Trigger trigger) {
        if (trigger instanceof Trigger.Command command) {
            return verb(command.verb(), true) + glob(command.match());
        }
        if (trigger instanceof Trigger.AfterReply after) {
            return "after " + verb(after.verb(), false) + glob(after.match());
        }
        if (trigger instanceof Trigger.DataLine dataLine) {
            return "data-line" + glob(dataLine.match());
        }
        if (trigger instanceof Trigger.Authentication auth) {
            if (!auth.user().equals("*")) {
                return "auth " + FaultTextCodecTokenizer.token(auth.mechanism()) + " "
                        + FaultTextCodecTokenizer.token(auth.user());
            }
            return auth.mechanism().equals("*") ? "auth" : "auth " + FaultTextCodecTokenizer.token(auth.mechanism());
        }
        if (trigger instanceof Trigger.Connect) {
            return "connect";
        }
        if (trigger instanceof Trigger.TlsHandshake) {
            return "tls";
        }
        if (trigger instanceof Trigger.Capabilities) {
            return "capabilities";
        }
        if (trigger instanceof Trigger.EndOfData) {
            return "data-end";
        }
        if (trigger instanceof Trigger.Idle) {
            return "idle";
        }
        if (trigger instanceof Trigger.Literal literal) {
            return literal.verb().equals("*") ? "literal" : "literal " + verb(literal.verb(), false);
        }
        if (trigger instanceof Trigger.LiteralEnd literalEnd) {
            return literalEnd.verb().equals("*") ? "literal-end" : "literal-end " + verb(literalEnd.verb(), false);
        }
        throw new IllegalStateException("no text form for trigger " + trigger);
    }

    /**
     * A verb that looks like a trigger keyword (the SMTP AUTH command, IMAP's IDLE) is quoted, so it stays a
     * verb; IMAP's "UID FETCH" is written as two words, which the parser joins again.
     */
    private static String verb(String verb, boolean keywordsMatter) {
        if (verb.startsWith("UID ")) {
            return verb;
        }
        boolean keyword = keywordsMatter
                && FaultTextCodecParser.TRIGGER_KEYWORDS.contains(verb.toLowerCase(Locale.ROOT));
        return verb.matches(FaultTextCodecParser.VERB_PATTERN) && !keyword ? verb : FaultTextCodecTokenizer.quote(verb);
    }

    private static String glob(String match) {
        return match.equals("*") ? "" : " " + FaultTextCodecTokenizer.token(match);
    }

    private static String effect(Effect effect) {
        if (effect instanceof Effect.Answer answer) {
            return "reply " + answer.rcode();
        }
        if (effect instanceof Effect.Truncate) {
            return "truncate";
        }
        if (effect instanceof Effect.Reply reply) {
            return (reply.disconnect() ? "reply-disconnect " : "reply ") + reply.code()
                    + (reply.status().isEmpty() ? "" : " " + FaultTextCodecTokenizer.token(reply.status()))
                    + " " + FaultTextCodecTokenizer.quote(reply.text());
        }
        if (effect instanceof Effect.Delay delay) {
            return "delay " + distribution(delay.distribution());
        }
        if (effect instanceof Effect.Throttle throttle) {
            return "throttle " + throttle.bytesPerSecond();
        }
        if (effect instanceof Effect.Slice slice) {
            return "slice " + slice.bytes() + " " + Durations.format(slice.pause());
        }
        if (effect instanceof Effect.Stall stall) {
            return stall.closeAfter() == null ? "stall" : "stall " + Durations.format(stall.closeAfter());
        }
        if (effect instanceof Effect.Disconnect) {
            return "disconnect";
        }
        if (effect instanceof Effect.Reset) {
            return "reset";
        }
        if (effect instanceof Effect.DisconnectAfterBytes cut) {
            return "disconnect-after " + cut.bytes();
        }
        if (effect instanceof Effect.Greylist greylist) {
            return "greylist " + Durations.format(greylist.window());
        }
        if (effect instanceof Effect.RateLimit rateLimit) {
            return "rate-limit " + rateLimit.limit() + "/" + Durations.format(rateLimit.window());
        }
        if (effect instanceof Effect.HideCapabilities hide) {
            StringBuilder out = new StringBuilder("hide");
            for (String capability : hide.capabilities()) {
                out.append(' ').append(capability(capability));
            }
            return out.toString();
        }
        if (effect instanceof Effect.AdvertiseCapability advertise) {
            return "advertise " + FaultTextCodecTokenizer.quote(advertise.line());
        }
        if (effect instanceof Effect.Untagged untagged) {
            return "untagged " + FaultTextCodecTokenizer.quote(untagged.line());
        }
        if (effect instanceof Effect.ExpungeElsewhere expunge) {
            return "expunge-elsewhere " + expunge.which();
        }
        if (effect instanceof Effect.NewUidValidity) {
            return "new-uidvalidity";
        }
        if (effect instanceof Effect.Quota quota) {
            return "quota " + quota.limits();
        }
        throw new IllegalStateException("no text form for effect " + effect);
    }

    private static String distribution(DelayDistribution distribution) {
        if (distribution instanceof DelayDistribution.Fixed fixed) {
            return Durations.format(fixed.duration());
        }
        if (distribution instanceof DelayDistribution.Uniform uniform) {
            return Durations.format(uniform.min()) + ".." + Durations.format(uniform.max());
        }
        if (distribution instanceof DelayDistribution.LogNormal logNormal) {
            return "lognormal " + Durations.format(logNormal.median()) + " "
                    + FaultCodecNumbers.formatDecimal(logNormal.sigma());
        }
        throw new IllegalStateException("no text form for delay " + distribution);
    }

    /** A capability spelled like a budget or scope keyword is quoted, or it would end the list. */
    private static String capability(String capability) {
        return FaultTextCodecParser.TAIL_KEYWORDS.contains(capability.toLowerCase(Locale.ROOT))
                ? FaultTextCodecTokenizer.quote(capability)
                : FaultTextCodecTokenizer.token(capability);
    }
}
