package dev.fakemail.fault;

import java.time.Duration;
import java.util.List;

/**
 * Ready-made rules for the failures users test most, each an ordinary {@link FaultRule} (so it has a text
 * form, a JSON form in web-ui, and can be narrowed with {@link FaultRule#withBudget} or
 * {@link FaultRule#withScope}).
 * Add them with {@code mail.faults().add(FaultRecipes.mailboxFull("bob@example.test"))}.
 */
public final class FaultRecipes {
    private FaultRecipes() {
    }

    /** Greylisting as Postgrey does it: each new (client, sender, recipient) gets 451 4.7.1 until retried after the window. */
    public static FaultRule greylisting(Duration window) {
        return new FaultRule(Protocol.SMTP, Trigger.rcptTo("*"), new Effect.Greylist(window));
    }

    /** The recipient's mailbox is full: 452 4.2.2 at RCPT (RFC 3463 X.2.2), so the client may retry later. */
    public static FaultRule mailboxFull(String recipientPattern) {
        return new FaultRule(Protocol.SMTP, Trigger.rcptTo(recipientPattern),
                new Effect.Reply(452, "4.2.2", "Mailbox full", false));
    }

    /** The recipient does not exist: 550 5.1.1 at RCPT. */
    public static FaultRule noSuchUser(String recipientPattern) {
        return new FaultRule(Protocol.SMTP, Trigger.rcptTo(recipientPattern),
                new Effect.Reply(550, "5.1.1", "No such user here", false));
    }

    /** The server refuses to relay for this recipient: 554 5.7.1 at RCPT. */
    public static FaultRule relayDenied(String recipientPattern) {
        return new FaultRule(Protocol.SMTP, Trigger.rcptTo(recipientPattern),
                new Effect.Reply(554, "5.7.1", "Relay access denied", false));
    }

    /** More than {@code limit} connections per minute get a 421 4.7.0 greeting and are closed. */
    public static FaultRule tooManyConnections(int limit) {
        return new FaultRule(Protocol.SMTP, Trigger.connect(), new Effect.RateLimit(limit, Duration.ofMinutes(1)));
    }

    /** Every connection is refused at once with 421 4.7.0 (or -ERR [SYS/TEMP] for POP3). */
    public static FaultRule refuseConnections(Protocol protocol) {
        return new FaultRule(protocol, Trigger.connect(),
                new Effect.Reply(421, "4.7.0", "Too many connections, try again later", true));
    }

    /** A slow server: every command of the protocol waits a log-normal time around {@code median}. */
    public static FaultRule slowServer(Protocol protocol, Duration median) {
        return new FaultRule(protocol, Trigger.anyCommand(),
                new Effect.Delay(new DelayDistribution.LogNormal(median, 0.5)));
    }

    /**
     * A flaky network: each command is answered by a connection reset with this probability (seeded, so a run
     * replays), and the connection crawls at 64 KB/s.
     */
    public static List<FaultRule> flakyNetwork(Protocol protocol, double resetProbability) {
        return List.of(
                new FaultRule(protocol, Trigger.connect(), new Effect.Throttle(64 * 1024)),
                new FaultRule(protocol, Trigger.anyCommand(), new Effect.Reset(), Budget.probability(resetProbability),
                        Scope.server()));
    }
}
