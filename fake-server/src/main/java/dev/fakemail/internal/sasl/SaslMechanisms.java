package dev.fakemail.internal.sasl;

import dev.fakemail.internal.auth.UserPolicy;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** The SASL mechanisms the fake server offers, shared by SMTP AUTH, POP3 AUTH and IMAP AUTHENTICATE. */
public final class SaslMechanisms {
    private static final List<String> SUPPORTED = List.of(
            PlainExchange.NAME, LoginExchange.NAME, CramMd5Exchange.NAME, XOAuth2Exchange.NAME, OAuthBearerExchange.NAME);

    private SaslMechanisms() {
    }

    /** Mechanism names in advertising order: PLAIN LOGIN CRAM-MD5 XOAUTH2 OAUTHBEARER. */
    public static List<String> supported() {
        return SUPPORTED;
    }

    /**
     * A new exchange for the mechanism (case-insensitive), or empty if unsupported. {@code serverName} is used in
     * the CRAM-MD5 challenge.
     */
    public static Optional<SaslExchange> start(String mechanism, UserPolicy users, String serverName) {
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(serverName, "serverName");
        SaslExchange exchange = switch (mechanism.toUpperCase(Locale.ROOT)) {
            case PlainExchange.NAME -> new PlainExchange(users);
            case LoginExchange.NAME -> new LoginExchange(users);
            case CramMd5Exchange.NAME -> new CramMd5Exchange(users, serverName);
            case XOAuth2Exchange.NAME -> new XOAuth2Exchange(users);
            case OAuthBearerExchange.NAME -> new OAuthBearerExchange(users);
            default -> null;
        };
        return Optional.ofNullable(exchange);
    }
}
