package dev.fakemail;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How an isolated inbox is found by the mail meant for it: by the recipient's domain, by a {@code +tag}
 * sub-address, by the SMTP AUTH login, or by a header field. Optionally its id and how long it may stay idle
 * before it expires.
 *
 * <pre>{@code
 * Inbox job = mail.inboxes().create(InboxSpec.tag("job42"));          // bob+job42@example.test
 * Inbox shop = mail.inboxes().create(InboxSpec.recipientDomain("shop.test").id("shop"));
 * }</pre>
 */
public final class InboxSpec {
    /** What a message or session is matched on. */
    public enum Route {
        /** The recipient's domain equals the value, ignoring case (RCPT TO, POP3/IMAP login as an address). */
        RECIPIENT_DOMAIN,
        /** The recipient's local part carries {@code +value}, ignoring case: {@code bob+value@any.domain}. */
        TAG,
        /** The SMTP AUTH login equals the value (also a POP3/IMAP login of that name). */
        LOGIN,
        /** The message has a header field with this name whose value equals the value (at the end of DATA). */
        HEADER
    }

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Route route;
    private final String value;
    private final String headerName;
    private final String id;
    private final Duration idleTimeout;

    private InboxSpec(Route route, String value, String headerName, String id, Duration idleTimeout) {
        this.route = route;
        this.value = value;
        this.headerName = headerName;
        this.id = id;
        this.idleTimeout = idleTimeout;
    }

    public static InboxSpec recipientDomain(String domain) {
        return new InboxSpec(Route.RECIPIENT_DOMAIN, required(domain, "domain").toLowerCase(Locale.ROOT), null, null,
                null);
    }

    public static InboxSpec tag(String tag) {
        String value = required(tag, "tag").toLowerCase(Locale.ROOT);
        if (value.contains("@") || value.contains("+")) {
            throw new IllegalArgumentException("a tag is the part after '+' in bob+tag@example.test, without '+' or '@': "
                    + tag);
        }
        return new InboxSpec(Route.TAG, value, null, null, null);
    }

    public static InboxSpec login(String login) {
        return new InboxSpec(Route.LOGIN, required(login, "login"), null, null, null);
    }

    public static InboxSpec header(String name, String value) {
        String field = required(name, "header name");
        if (!field.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
            throw new IllegalArgumentException("not a header field name: " + name);
        }
        return new InboxSpec(Route.HEADER, required(value, "header value"), field, null, null);
    }

    /** The inbox's id (letters, digits, '.', '_', '-'; up to 64); one is chosen when not given. */
    public InboxSpec id(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("an inbox id is 1 to 64 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit: " + id);
        }
        return new InboxSpec(route, value, headerName, id, idleTimeout);
    }

    /** How long the inbox may go unused (no session, no API call) before it is deleted. */
    public InboxSpec idleTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the idle timeout must be positive: " + timeout);
        }
        return new InboxSpec(route, value, headerName, id, timeout);
    }

    public Route route() {
        return route;
    }

    /** The domain, tag, login or header value. */
    public String value() {
        return value;
    }

    /** The header field's name for {@link Route#HEADER}, else empty. */
    public Optional<String> headerName() {
        return Optional.ofNullable(headerName);
    }

    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    public Optional<Duration> idleTimeout() {
        return Optional.ofNullable(idleTimeout);
    }

    /** Whether mail to this address belongs here (domain and tag routes). */
    public boolean matchesAddress(String address) {
        if (address == null) {
            return false;
        }
        int at = address.lastIndexOf('@');
        return switch (route) {
            case RECIPIENT_DOMAIN -> at >= 0 && address.substring(at + 1).equalsIgnoreCase(value);
            case TAG -> {
                String local = at >= 0 ? address.substring(0, at) : address;
                int plus = local.indexOf('+');
                yield plus >= 0 && local.substring(plus + 1).equalsIgnoreCase(value);
            }
            default -> false;
        };
    }

    /** Whether a session that logged in with this name belongs here (login route). */
    public boolean matchesLogin(String login) {
        return route == Route.LOGIN && value.equals(login);
    }

    /** "tag job42", "recipient domain shop.test", "login ci", "header X-Inbox: job42". */
    @Override
    public String toString() {
        return switch (route) {
            case RECIPIENT_DOMAIN -> "recipient domain " + value;
            case TAG -> "tag " + value;
            case LOGIN -> "login " + value;
            case HEADER -> "header " + headerName + ": " + value;
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InboxSpec spec && route == spec.route && value.equals(spec.value)
                && Objects.equals(headerName, spec.headerName) && Objects.equals(id, spec.id)
                && Objects.equals(idleTimeout, spec.idleTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(route, value, headerName, id, idleTimeout);
    }

    private static String required(String text, String what) {
        if (text == null || text.isBlank() || text.length() > 255 || text.chars().anyMatch(c -> c < 32 || c == 127)) {
            throw new IllegalArgumentException("the inbox's " + what + " must be 1 to 255 printable characters: "
                    + text);
        }
        return text.strip();
    }
}
