package dev.fakemail.testing;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;

import dev.fakemail.fault.Budget;
import dev.fakemail.fault.DelayDistribution;
import dev.fakemail.fault.Effect;
import dev.fakemail.fault.FaultRule;
import dev.fakemail.fault.Protocol;
import dev.fakemail.fault.Scope;
import dev.fakemail.fault.Trigger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sample fault rules, one for each kind of trigger, effect, budget and scope, and values that need quoting: the
 * text form's tests (FaultTextTest) and the JSON form's (web-ui, through fake-server's test jar) run on the same
 * list, so both forms are checked on every kind of rule.
 */
public final class FaultRuleSamples {
    private static final Effect NO = new Effect.Disconnect();

    private FaultRuleSamples() {
    }

    public static List<FaultRule> allRules() {
        List<FaultRule> rules = new ArrayList<>(everyKindOfRule());
        rules.addAll(awkwardRules());
        return rules;
    }

    /** One rule for each trigger, effect, distribution, budget and scope (as in FaultTextTest). */
    public static List<FaultRule> everyKindOfRule() {
        return List.of(
                rule(Trigger.connect(), new Effect.Reply(421, "4.7.0", "Too many connections", true)),
                rule(Trigger.rcptTo("bob@example.test"), new Effect.Reply(451, "4.3.0", "Try again later", false))
                        .withBudget(Budget.times(1)),
                rule(Trigger.anyCommand(), new Effect.Delay(new DelayDistribution.Uniform(ofMillis(200),
                        ofSeconds(2)))),
                rule(Trigger.command("ehlo"), new Effect.Delay(new DelayDistribution.Fixed(ofSeconds(3))))
                        .withScope(Scope.session(12)),
                rule(Trigger.dataLine("Subject: *"), new Effect.Delay(new DelayDistribution.LogNormal(ofMillis(100),
                        0.5))),
                new FaultRule(Protocol.POP3, Trigger.afterReply("RETR", "1"), new Effect.Reset(), Budget.occurrence(2),
                        null),
                rule(Trigger.endOfData(), NO).withBudget(Budget.probability(0.3)),
                rule(Trigger.tlsHandshake(), new Effect.Stall(ofSeconds(30))),
                rule(Trigger.authentication("PLAIN", "bob"), new Effect.Reply(535, "5.7.8", "Bad credentials", false)),
                rule(Trigger.authentication(null, null), new Effect.Reply(535, "", "No", false)),
                rule(Trigger.authentication(null, "bob"), NO),
                rule(Trigger.authentication("login", null), NO),
                rule(Trigger.capabilities(), new Effect.HideCapabilities(List.of("PIPELINING", "AUTH PLAIN"))),
                rule(Trigger.capabilities(), new Effect.AdvertiseCapability("SIZE 1000")),
                rule(Trigger.capabilities(), new Effect.Delay(new DelayDistribution.Fixed(ofMillis(1500)))),
                new FaultRule(Protocol.POP3, Trigger.command("RETR", "2"), new Effect.Throttle(1000)),
                rule(Trigger.command("DATA"), new Effect.Slice(512, ofMillis(100))),
                rule(Trigger.connect(), new Effect.Stall(null)).withScope(Scope.nextConnection()),
                rule(Trigger.command("QUIT"), new Effect.Reset()),
                rule(Trigger.endOfData(), new Effect.DisconnectAfterBytes(0)),
                rule(Trigger.rcptTo("*"), new Effect.Greylist(ofMinutes(5))),
                rule(Trigger.mailFrom("*"), new Effect.RateLimit(10, ofMinutes(1))),
                rule(Trigger.connect(), NO).withBudget(Budget.always()).withScope(Scope.server()),
                rule(Trigger.connect(), NO).withBudget(Budget.probability(1)).withScope(Scope.session(12)),
                rule(Trigger.connect(), NO).withBudget(Budget.times(Long.MAX_VALUE)).withScope(Scope.session(Long.MAX_VALUE)),
                new FaultRule(Protocol.IMAP, Trigger.command("FETCH", "1:* (FLAGS)"), NO),
                new FaultRule(Protocol.IMAP, Trigger.command("UID FETCH", "1:*"), NO),
                new FaultRule(Protocol.IMAP, Trigger.command("UID"), NO),
                new FaultRule(Protocol.IMAP, Trigger.command("IDLE"), new Effect.Reply(451, "", "busy", false)),
                new FaultRule(Protocol.IMAP, Trigger.afterReply("UID STORE"), new Effect.Untagged("OK [ALERT] Disk full")),
                new FaultRule(Protocol.IMAP, Trigger.literal("APPEND"), new Effect.Reply(452, "OVERQUOTA", "Full", false)),
                new FaultRule(Protocol.IMAP, Trigger.literal("*"), new Effect.Delay(new DelayDistribution.Fixed(ofSeconds(2)))),
                new FaultRule(Protocol.IMAP, Trigger.literalEnd("APPEND"), NO),
                new FaultRule(Protocol.IMAP, Trigger.literalEnd(null), new Effect.Reset()),
                new FaultRule(Protocol.IMAP, Trigger.idle(), new Effect.ExpungeElsewhere("first")),
                new FaultRule(Protocol.IMAP, Trigger.idle(), new Effect.Reply(421, "", "Server shutting down", false)),
                new FaultRule(Protocol.IMAP, Trigger.command("NOOP"), new Effect.ExpungeElsewhere("3")),
                new FaultRule(Protocol.IMAP, Trigger.command("SELECT"), new Effect.NewUidValidity()),
                new FaultRule(Protocol.IMAP, Trigger.command("APPEND"), new Effect.Quota("storage=1m,messages=100")));
    }

    /** Values that need quoting, escaping or a fallback form to read back as themselves. */
    public static List<FaultRule> awkwardRules() {
        return List.of(
                rule(Trigger.command("AUTH"), new Effect.Reply(504, "5.5.4", "No", false)),
                rule(Trigger.command("connect", "x"), NO),
                rule(Trigger.command("X-FOO"), NO),
                rule(Trigger.command("MAIL", "a b;c\"d\\e#f"), NO),
                rule(Trigger.command("MAIL", "->"), NO),
                rule(Trigger.afterReply("AUTH", "PLAIN"), NO),
                rule(Trigger.dataLine("  leading and trailing  "), NO),
                rule(Trigger.dataLine("tab and 😀 here"), NO),
                rule(Trigger.authentication("->", "a b"), NO),
                rule(Trigger.connect(), new Effect.Reply(250, "SYS/TEMP", "\"quoted\" \\ Grüße 😀 end", false)),
                rule(Trigger.capabilities(), new Effect.HideCapabilities(List.of("times", "SESSION", "a\"b",
                        "->", "always"))),
                rule(Trigger.capabilities(), new Effect.AdvertiseCapability("X \"q\" \\ ;")),
                rule(Trigger.connect(), new Effect.Delay(new DelayDistribution.Uniform(Duration.ofNanos(1),
                        Duration.ofNanos(1)))),
                rule(Trigger.connect(), new Effect.Delay(new DelayDistribution.LogNormal(ofMillis(1), 1e-7))),
                rule(Trigger.connect(), new Effect.RateLimit(0, ofMillis(1))),
                rule(Trigger.connect(), NO).withBudget(Budget.probability(0.1 + 0.2)),
                rule(Trigger.connect(), NO).withBudget(Budget.probability(-0.0)));
    }

    private static FaultRule rule(Trigger trigger, Effect effect) {
        return new FaultRule(Protocol.SMTP, trigger, effect);
    }
}
