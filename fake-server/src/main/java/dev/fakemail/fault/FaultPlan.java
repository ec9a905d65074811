package dev.fakemail.fault;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The scripted faults of one running server. Rules can be added and removed while sessions run; each
 * session consults the current rules at every trigger. {@code reset()} of the server removes them all.
 *
 * <pre>{@code
 * mail.faults().smtp(rcptTo("bob@example.test")).times(1).reply(451, "4.3.0", "Try again later");
 * mail.faults().pop3(command("RETR")).throttle(2_000);
 * mail.faults().addText("smtp connect -> delay 2s");
 * }</pre>
 */
public interface FaultPlan {
    /** Starts a rule on an SMTP trigger (SMTP and SMTPS listeners). */
    default RuleBuilder smtp(Trigger trigger) {
        return new RuleBuilder(this, Protocol.SMTP, trigger);
    }

    /** Starts a rule on a POP3 trigger (POP3 and POP3S listeners). */
    default RuleBuilder pop3(Trigger trigger) {
        return new RuleBuilder(this, Protocol.POP3, trigger);
    }

    /** Starts a rule on an IMAP trigger (IMAP and IMAPS listeners). */
    default RuleBuilder imap(Trigger trigger) {
        return new RuleBuilder(this, Protocol.IMAP, trigger);
    }

    /** Adds a rule; it applies from the next trigger on. */
    /** A rule for the fake DNS zone's responder: {@code dns(query("MX", "shop.test")).answer("SERVFAIL")}. */
    default RuleBuilder dns(Trigger query) {
        return new RuleBuilder(this, Protocol.DNS, query);
    }

    FaultHandle add(FaultRule rule);

    /** Adds rules in the text form (one per line or separated by ';'; '#' starts a comment line). */
    default List<FaultHandle> addText(String rules) {
        return FaultText.parseAll(rules).stream().map(this::add).toList();
    }

    /** The active rules, in the order they are consulted (oldest first). */
    List<FaultHandle> rules();

    Optional<FaultHandle> rule(long id);

    /** Removes one rule; false if there is none with this id. */
    default boolean remove(long id) {
        return rule(id).map(FaultHandle::remove).orElse(false);
    }

    /** Removes every rule and forgets greylisting and rate-limit state. */
    void clear();

    /**
     * The seed of the random source behind probability budgets and random delays. The same seed, rules and
     * sequence of triggers give the same decisions; transcripts print it.
     */
    long seed();

    /** Calls the listener (on the session's thread) each time a rule fires; close the result to stop. */
    AutoCloseable subscribe(Consumer<FaultHit> listener);
}
