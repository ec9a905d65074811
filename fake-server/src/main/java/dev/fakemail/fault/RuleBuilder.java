package dev.fakemail.fault;

import java.time.Duration;
import java.util.List;

/**
 * Builds one rule fluently: first how often and for whom (optional), then the effect, which adds the rule
 * to the plan and returns its handle: {@code plan.smtp(rcptTo("bob@*")).times(2).reply(451, "4.3.0", "Later")}.
 */
public final class RuleBuilder {
    private final FaultPlan plan;
    private final Protocol protocol;
    private final Trigger trigger;
    private Budget budget = Budget.always();
    private Scope scope = Scope.server();

    public RuleBuilder(FaultPlan plan, Protocol protocol, Trigger trigger) {
        this.plan = plan;
        this.protocol = protocol;
        this.trigger = trigger;
    }

    /** The next {@code count} occurrences only. */
    public RuleBuilder times(long count) {
        budget = Budget.times(count);
        return this;
    }

    public RuleBuilder once() {
        return times(1);
    }

    /** Only the k-th occurrence (1 is the first). */
    public RuleBuilder onlyOccurrence(long occurrence) {
        budget = Budget.occurrence(occurrence);
        return this;
    }

    /** Each occurrence with this probability, from the plan's seeded random source. */
    public RuleBuilder withProbability(double probability) {
        budget = Budget.probability(probability);
        return this;
    }

    /** Only the next connection to open (and all of it). */
    public RuleBuilder forNextConnection() {
        scope = Scope.nextConnection();
        return this;
    }

    /** Only the session with this id. */
    public RuleBuilder forSession(long sessionId) {
        scope = Scope.session(sessionId);
        return this;
    }

    public FaultHandle reply(int code, String enhancedStatus, String text) {
        return add(new Effect.Reply(code, enhancedStatus, text, code == 421));
    }

    /** A reply without an enhanced status code (POP3, or SMTP servers without ENHANCEDSTATUSCODES). */
    public FaultHandle reply(int code, String text) {
        return reply(code, "", text);
    }

    /** Replies, then closes the connection. */
    public FaultHandle replyAndDisconnect(int code, String enhancedStatus, String text) {
        return add(new Effect.Reply(code, enhancedStatus, text, true));
    }

    /** DNS: answer with this response code (NXDOMAIN, SERVFAIL, REFUSED, NOTIMP, FORMERR, NOERROR). */
    public FaultHandle answer(String rcode) {
        return then(new Effect.Answer(rcode));
    }

    /** DNS: cut the UDP answer to its header with TC set, so the client asks again over TCP. */
    public FaultHandle truncate() {
        return then(new Effect.Truncate());
    }

    public FaultHandle delay(Duration duration) {
        return add(new Effect.Delay(new DelayDistribution.Fixed(duration)));
    }

    public FaultHandle delayUniform(Duration min, Duration max) {
        return add(new Effect.Delay(new DelayDistribution.Uniform(min, max)));
    }

    public FaultHandle delayLogNormal(Duration median, double sigma) {
        return add(new Effect.Delay(new DelayDistribution.LogNormal(median, sigma)));
    }

    public FaultHandle throttle(long bytesPerSecond) {
        return add(new Effect.Throttle(bytesPerSecond));
    }

    public FaultHandle slice(int bytes, Duration pause) {
        return add(new Effect.Slice(bytes, pause));
    }

    /** Holds the connection silently until the client gives up or the server stops. */
    public FaultHandle stall() {
        return add(new Effect.Stall(null));
    }

    /** Holds the connection silently, then closes it. */
    public FaultHandle stall(Duration closeAfter) {
        return add(new Effect.Stall(closeAfter));
    }

    public FaultHandle disconnect() {
        return add(new Effect.Disconnect());
    }

    public FaultHandle reset() {
        return add(new Effect.Reset());
    }

    public FaultHandle disconnectAfterBytes(long bytes) {
        return add(new Effect.DisconnectAfterBytes(bytes));
    }

    public FaultHandle greylist(Duration window) {
        return add(new Effect.Greylist(window));
    }

    public FaultHandle rateLimit(int limit, Duration window) {
        return add(new Effect.RateLimit(limit, window));
    }

    public FaultHandle hide(String... capabilities) {
        return add(new Effect.HideCapabilities(List.of(capabilities)));
    }

    public FaultHandle advertise(String capabilityLine) {
        return add(new Effect.AdvertiseCapability(capabilityLine));
    }

    /** IMAP: sends an untagged response such as {@code OK [ALERT] Disk almost full} and goes on. */
    public FaultHandle untagged(String line) {
        return add(new Effect.Untagged(line));
    }

    /** IMAP: another client expunges {@code first}, {@code last}, {@code all} or message number n. */
    public FaultHandle expungeElsewhere(String which) {
        return add(new Effect.ExpungeElsewhere(which));
    }

    /** IMAP: the selected mailbox (or INBOX) is re-created elsewhere under a new UIDVALIDITY. */
    public FaultHandle newUidValidity() {
        return add(new Effect.NewUidValidity());
    }

    /** IMAP: the user's quota becomes {@code full}, {@code off}, {@code storage=1M}, {@code messages=5} or both. */
    public FaultHandle quota(String limits) {
        return add(new Effect.Quota(limits));
    }

    /** Any effect, e.g. one built from a recipe. */
    public FaultHandle then(Effect effect) {
        return add(effect);
    }

    private FaultHandle add(Effect effect) {
        return plan.add(new FaultRule(protocol, trigger, effect, budget, scope));
    }
}
