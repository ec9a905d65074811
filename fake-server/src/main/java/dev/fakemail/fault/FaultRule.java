package dev.fakemail.fault;

import java.util.Objects;

/**
 * One scripted fault: on a trigger of one protocol, an effect, as often as the budget allows, for the
 * connections in scope. The core knows two equal forms of a rule: this value (built in Java) and one line
 * of text ({@link #parse}, {@link #toText}), e.g.
 * {@code smtp rcpt bob@example.test -> reply 451 4.3.0 "Try again later" times 1}. The JSON form lives in
 * web-ui ({@code dev.fakemail.web.FaultRulesJson}), which carries a JSON library; the core carries none.
 */
public record FaultRule(Protocol protocol, Trigger trigger, Effect effect, Budget budget, Scope scope) {
    public FaultRule {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(effect, "effect");
        budget = budget == null ? Budget.always() : budget;
        scope = scope == null ? Scope.server() : scope;
        validate(protocol, trigger, effect);
    }

    public FaultRule(Protocol protocol, Trigger trigger, Effect effect) {
        this(protocol, trigger, effect, Budget.always(), Scope.server());
    }

    /** Parses the one-line text form; throws IllegalArgumentException naming what is wrong. */
    public static FaultRule parse(String text) {
        return FaultText.parse(text);
    }

    /** Parses many rules in the text form: one per line or separated by ';'; '#' starts a comment line. */
    public static java.util.List<FaultRule> parseAll(String text) {
        return FaultText.parseAll(text);
    }

    public String toText() {
        return FaultText.format(this);
    }

    public FaultRule withBudget(Budget newBudget) {
        return new FaultRule(protocol, trigger, effect, newBudget, scope);
    }

    public FaultRule withScope(Scope newScope) {
        return new FaultRule(protocol, trigger, effect, budget, newScope);
    }

    @Override
    public String toString() {
        return toText();
    }

    private static void validate(Protocol protocol, Trigger trigger, Effect effect) {
        boolean dnsEffect = effect instanceof Effect.Answer || effect instanceof Effect.Truncate;
        if (protocol == Protocol.DNS) {
            if (!(trigger instanceof Trigger.Command)) {
                throw new IllegalArgumentException("a dns rule's trigger is a query: query [TYPE|*] [NAME]");
            }
            if (!(dnsEffect || effect instanceof Effect.Delay || effect instanceof Effect.Stall
                    || effect instanceof Effect.Disconnect)) {
                throw new IllegalArgumentException("dns rules take reply <RCODE>, truncate, delay, stall (no answer) "
                        + "or disconnect");
            }
            return;
        }
        if (dnsEffect) {
            throw new IllegalArgumentException("reply <RCODE> and truncate effects exist for dns only");
        }
        boolean capabilityEffect = effect instanceof Effect.HideCapabilities
                || effect instanceof Effect.AdvertiseCapability;
        if (capabilityEffect != (trigger instanceof Trigger.Capabilities)
                && !(trigger instanceof Trigger.Capabilities && effect instanceof Effect.Delay)) {
            throw new IllegalArgumentException(capabilityEffect
                    ? "hide/advertise effects need the 'capabilities' trigger"
                    : "the 'capabilities' trigger takes hide, advertise or delay effects only");
        }
        if ((trigger instanceof Trigger.DataLine || trigger instanceof Trigger.EndOfData) && protocol != Protocol.SMTP) {
            throw new IllegalArgumentException("data-line and data-end triggers exist for SMTP only");
        }
        if (effect instanceof Effect.Greylist && !(protocol == Protocol.SMTP
                && trigger instanceof Trigger.Command command && command.verb().equals("RCPT"))) {
            throw new IllegalArgumentException("greylist works on the SMTP RCPT trigger (it needs the triplet)");
        }
        boolean imapTrigger = trigger instanceof Trigger.Literal || trigger instanceof Trigger.LiteralEnd
                || trigger instanceof Trigger.Idle;
        boolean imapEffect = effect instanceof Effect.Untagged || effect instanceof Effect.ExpungeElsewhere
                || effect instanceof Effect.NewUidValidity || effect instanceof Effect.Quota;
        if ((imapTrigger || imapEffect) && protocol != Protocol.IMAP) {
            throw new IllegalArgumentException(imapTrigger ? "literal, literal-end and idle triggers exist for IMAP only"
                    : "untagged, expunge-elsewhere, new-uidvalidity and quota effects exist for IMAP only");
        }
        if (imapEffect && !(trigger instanceof Trigger.Command || trigger instanceof Trigger.AfterReply
                || trigger instanceof Trigger.Idle)) {
            throw new IllegalArgumentException("untagged, expunge-elsewhere, new-uidvalidity and quota work at a command, "
                    + "after or idle trigger");
        }
        if (trigger instanceof Trigger.Idle && effect instanceof Effect.Reply reply && reply.code() != 421) {
            throw new IllegalArgumentException("while idling only a 421 reply (* BYE) can be sent; to refuse the IDLE"
                    + " command use the command trigger \"IDLE\" (quoted), for other lines the untagged effect");
        }
        if (effect instanceof Effect.Reply
                && (trigger instanceof Trigger.DataLine || trigger instanceof Trigger.TlsHandshake
                        || trigger instanceof Trigger.AfterReply)) {
            throw new IllegalArgumentException("a reply cannot be sent at this trigger (no command is waiting for "
                    + "one); use disconnect, reset, stall or delay");
        }
    }
}
