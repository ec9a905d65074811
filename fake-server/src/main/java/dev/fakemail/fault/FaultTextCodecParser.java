package dev.fakemail.fault;

import dev.fakemail.fault.FaultTextCodecTokenizer.Token;
import dev.fakemail.internal.text.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the tokens of one rule: {@code <protocol> <trigger> -> <effect> [<budget>] [<scope>]}. Errors carry only
 * the problem; {@link FaultText} prefixes the rule text.
 */
final class FaultTextCodecParser {
    static final Set<String> TRIGGER_KEYWORDS =
            Set.of("connect", "tls", "capabilities", "data-line", "data-end", "auth", "after", "literal",
                    "literal-end", "idle", "uid");
    /** Words that end an open-ended effect (hide's capability list, stall's optional duration). */
    static final Set<String> TAIL_KEYWORDS =
            Set.of("always", "times", "occurrence", "probability", "server", "next-connection", "session");
    /** What an unquoted command verb looks like; anything else is a typo or must be quoted. */
    static final String VERB_PATTERN = "\\*|[A-Za-z][A-Za-z0-9]*";

    private static final String EFFECTS = "reply, reply-disconnect, delay, throttle, slice, stall, disconnect, "
            + "reset, disconnect-after, greylist, rate-limit, hide, advertise, untagged, expunge-elsewhere, "
            + "new-uidvalidity, quota; for dns: reply <RCODE>, truncate, delay, stall, disconnect";

    private final List<Token> tokens;
    private int position;
    private boolean dns;

    private FaultTextCodecParser(List<Token> tokens, int position) {
        this.tokens = tokens;
        this.position = position;
    }

    static FaultRule parse(List<Token> tokens) {
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("empty rule (expected <protocol> <trigger> -> <effect>)");
        }
        Protocol protocol = protocol(tokens.get(0));
        int arrow = 1;
        while (arrow < tokens.size() && !isKeyword(tokens.get(arrow), "->")) {
            arrow++;
        }
        if (arrow == tokens.size()) {
            throw new IllegalArgumentException("missing '->' between the trigger and the effect");
        }
        if (arrow == 1) {
            throw new IllegalArgumentException("missing trigger before '->'");
        }
        Trigger trigger = protocol == Protocol.DNS ? query(tokens.subList(1, arrow)) : trigger(tokens.subList(1, arrow));
        FaultTextCodecParser rest = new FaultTextCodecParser(tokens, arrow + 1);
        rest.dns = protocol == Protocol.DNS;
        Effect effect = rest.effect();
        return rest.budgetAndScope(protocol, trigger, effect);
    }

    /** {@code query [TYPE|*] [NAME-GLOB]}: "query" may be left out. */
    private static Trigger query(List<Token> given) {
        List<Token> words = new ArrayList<>(given);
        if (isKeyword(words.get(0), "query")) {
            words.remove(0);
        }
        if (words.size() > 2) {
            throw new IllegalArgumentException("a dns trigger is: query [TYPE|*] [NAME], e.g. query MX *.shop.test");
        }
        String type = words.isEmpty() ? "*" : words.get(0).text().toUpperCase(Locale.ROOT);
        if (!type.equals("*") && org.xbill.DNS.Type.value(type) < 0) {
            throw new IllegalArgumentException("unknown DNS query type '" + words.get(0).shown() + "'");
        }
        return Trigger.query(type, words.size() < 2 ? "*" : words.get(1).text());
    }

    private static Protocol protocol(Token token) {
        for (Protocol protocol : Protocol.values()) {
            if (isKeyword(token, protocol.wireName())) {
                return protocol;
            }
        }
        throw new IllegalArgumentException("unknown protocol '" + token.shown() + "' (expected smtp, pop3, imap or dns)");
    }

    private static Trigger trigger(List<Token> given) {
        List<Token> words = joinedUidVerbs(given);
        Token first = words.get(0);
        String keyword = first.quoted() ? "" : first.text().toLowerCase(Locale.ROOT);
        int maxWords = switch (keyword) {
            case "connect", "tls", "capabilities", "data-end", "idle" -> 1;
            case "auth", "after" -> 3;
            default -> 2;
        };
        if (words.size() > maxWords) {
            throw new IllegalArgumentException("unexpected '" + words.get(maxWords).shown() + "' in trigger '"
                    + String.join(" ", words.stream().map(Token::shown).toList())
                    + "' (quote a pattern that holds spaces)");
        }
        String second = words.size() > 1 ? words.get(1).text() : null;
        String third = words.size() > 2 ? words.get(2).text() : null;
        return switch (keyword) {
            case "connect" -> Trigger.connect();
            case "tls" -> Trigger.tlsHandshake();
            case "capabilities" -> Trigger.capabilities();
            case "data-end" -> Trigger.endOfData();
            case "idle" -> Trigger.idle();
            case "literal" -> Trigger.literal(second == null ? "*" : verb(words.get(1)));
            case "literal-end" -> Trigger.literalEnd(second == null ? "*" : verb(words.get(1)));
            case "data-line" -> Trigger.dataLine(second);
            case "auth" -> Trigger.authentication(second, third);
            case "after" -> {
                if (second == null) {
                    throw new IllegalArgumentException("missing command verb after 'after' (e.g. after RETR)");
                }
                yield Trigger.afterReply(verb(words.get(1)), third);
            }
            default -> Trigger.command(verb(first), second);
        };
    }

    /**
     * IMAP's two-word verbs: an unquoted {@code uid} and the verb after it become one token "UID FETCH", so
     * {@code imap uid fetch 1:*} and {@code imap after uid store} read as they look.
     */
    private static List<Token> joinedUidVerbs(List<Token> words) {
        for (int i = 0; i < words.size() - 1; i++) {
            Token word = words.get(i);
            Token next = words.get(i + 1);
            if (isKeyword(word, "uid") && !next.quoted() && next.text().matches("[A-Za-z][A-Za-z0-9]*")) {
                List<Token> joined = new ArrayList<>(words);
                joined.set(i, new Token("UID " + next.text().toUpperCase(Locale.ROOT), true));
                joined.remove(i + 1);
                return joined;
            }
        }
        return words;
    }

    private static String verb(Token token) {
        if (!token.quoted() && !token.text().matches(VERB_PATTERN)) {
            throw new IllegalArgumentException("unknown trigger '" + token.text() + "' (expected connect, tls, "
                    + "capabilities, data-line, data-end, auth, after <verb>, literal, literal-end, idle, a command verb or *)");
        }
        return token.text();
    }

    private Effect effect() {
        if (position >= tokens.size()) {
            throw new IllegalArgumentException("missing effect after '->'");
        }
        Token name = tokens.get(position++);
        String keyword = name.quoted() ? "" : name.text().toLowerCase(Locale.ROOT);
        if (dns && keyword.equals("reply")) {
            return new Effect.Answer(next("DNS response code (NXDOMAIN, SERVFAIL, REFUSED, ...)"));
        }
        return switch (keyword) {
            case "truncate" -> new Effect.Truncate();
            case "reply" -> reply(false);
            case "reply-disconnect" -> reply(true);
            case "delay" -> new Effect.Delay(distribution());
            case "throttle" -> new Effect.Throttle(FaultCodecNumbers.parseLong(next("bytes per second"), "throttle"));
            case "slice" -> new Effect.Slice(FaultCodecNumbers.parseInt(next("slice size"), "slice size"),
                    Durations.parse(next("slice pause"), "slice pause"));
            case "stall" -> new Effect.Stall(atTail() ? null : Durations.parse(next("duration"), "stall"));
            case "disconnect" -> new Effect.Disconnect();
            case "reset" -> new Effect.Reset();
            case "disconnect-after" -> new Effect.DisconnectAfterBytes(
                    FaultCodecNumbers.parseLong(next("byte count"), "disconnect-after"));
            case "greylist" -> new Effect.Greylist(Durations.parse(next("greylist window"), "greylist"));
            case "rate-limit" -> rateLimit(next("rate"));
            case "hide" -> hide();
            case "advertise" -> new Effect.AdvertiseCapability(next("capability line"));
            case "untagged" -> new Effect.Untagged(next("untagged response (quoted)"));
            case "expunge-elsewhere" -> new Effect.ExpungeElsewhere(next("first, last, all or a message number"));
            case "new-uidvalidity" -> new Effect.NewUidValidity();
            case "quota" -> new Effect.Quota(next("full, off, storage=SIZE or messages=N"));
            default -> throw new IllegalArgumentException("unknown effect '" + name.shown() + "' (expected one of "
                    + EFFECTS + ")");
        };
    }

    private Effect reply(boolean disconnect) {
        int code = FaultCodecNumbers.parseInt(next("reply code"), "reply code");
        Token text = nextToken("quoted reply text");
        String status = "";
        // The status is the unquoted word after the code; a status with spaces is quoted and then needs a
        // quoted text right after it, since the text is always quoted.
        boolean quotedStatus = text.quoted() && position < tokens.size() && tokens.get(position).quoted();
        if (!text.quoted() || quotedStatus) {
            status = text.text();
            text = nextToken("quoted reply text");
        }
        if (!text.quoted()) {
            throw new IllegalArgumentException("the reply text must be in double quotes, was '" + text.text()
                    + "' (e.g. reply 451 4.3.0 \"Try again later\")");
        }
        return new Effect.Reply(code, status, text.text(), disconnect);
    }

    private DelayDistribution distribution() {
        Token first = nextToken("delay duration");
        if (isKeyword(first, "lognormal")) {
            Duration median = Durations.parse(next("median"), "lognormal median");
            return new DelayDistribution.LogNormal(median,
                    FaultCodecNumbers.parseDecimal(next("sigma"), "lognormal sigma"));
        }
        int range = first.text().indexOf("..");
        if (range >= 0) {
            return new DelayDistribution.Uniform(Durations.parse(first.text().substring(0, range), "delay minimum"),
                    Durations.parse(first.text().substring(range + 2), "delay maximum"));
        }
        return new DelayDistribution.Fixed(Durations.parse(first.text(), "delay"));
    }

    private static Effect rateLimit(String rate) {
        int slash = rate.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("bad rate '" + rate + "' for rate-limit (expected <count>/<duration>,"
                    + " e.g. 10/1m)");
        }
        return new Effect.RateLimit(FaultCodecNumbers.parseInt(rate.substring(0, slash), "rate-limit count"),
                Durations.parse(rate.substring(slash + 1), "rate-limit window"));
    }

    private Effect hide() {
        List<String> capabilities = new ArrayList<>();
        while (!atTail()) {
            capabilities.add(tokens.get(position++).text());
        }
        return new Effect.HideCapabilities(capabilities);
    }

    private FaultRule budgetAndScope(Protocol protocol, Trigger trigger, Effect effect) {
        Budget budget = null;
        Scope scope = null;
        while (position < tokens.size()) {
            Token word = tokens.get(position++);
            String keyword = word.quoted() ? "" : word.text().toLowerCase(Locale.ROOT);
            switch (keyword) {
                case "always", "times", "occurrence", "probability" -> {
                    if (budget != null) {
                        throw new IllegalArgumentException("a second budget '" + word.text() + "' (one is allowed)");
                    }
                    budget = budget(keyword);
                }
                case "server", "next-connection", "session" -> {
                    if (scope != null) {
                        throw new IllegalArgumentException("a second scope '" + word.text() + "' (one is allowed)");
                    }
                    scope = scope(keyword);
                }
                default -> throw new IllegalArgumentException("unknown budget or scope '" + word.shown()
                        + "' (expected always, times <n>, occurrence <k>, probability <p>, next-connection or "
                        + "session <id>; quote a value that holds spaces)");
            }
        }
        return new FaultRule(protocol, trigger, effect, budget, scope);
    }

    private Budget budget(String keyword) {
        return switch (keyword) {
            case "times" -> Budget.times(FaultCodecNumbers.parseLong(next("count"), "times"));
            case "occurrence" -> Budget.occurrence(FaultCodecNumbers.parseLong(next("occurrence"), "occurrence"));
            case "probability" -> Budget.probability(
                    FaultCodecNumbers.parseDecimal(next("probability"), "probability"));
            default -> Budget.always();
        };
    }

    private Scope scope(String keyword) {
        return switch (keyword) {
            case "session" -> Scope.session(FaultCodecNumbers.parseLong(next("session id"), "session"));
            case "next-connection" -> Scope.nextConnection();
            default -> Scope.server();
        };
    }

    /** True when no effect argument follows: the end, or the budget / scope part begins. */
    private boolean atTail() {
        if (position >= tokens.size()) {
            return true;
        }
        Token token = tokens.get(position);
        return !token.quoted() && TAIL_KEYWORDS.contains(token.text().toLowerCase(Locale.ROOT));
    }

    private String next(String what) {
        return nextToken(what).text();
    }

    private Token nextToken(String what) {
        if (position >= tokens.size()) {
            throw new IllegalArgumentException("missing " + what + " after '" + tokens.get(position - 1).shown() + "'");
        }
        return tokens.get(position++);
    }

    static boolean isKeyword(Token token, String keyword) {
        return !token.quoted() && token.text().equalsIgnoreCase(keyword);
    }
}
